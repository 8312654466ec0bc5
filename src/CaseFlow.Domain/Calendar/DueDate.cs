namespace CaseFlow.Domain.Calendar;

/// <summary>
/// The last day of a limit. <paramref name="CalendarMissing"/> is true when a day counted or moved over lies in
/// a year with no calendar loaded, so only weekends were taken as days off there.
/// </summary>
public readonly record struct DueDate(DateOnly Date, bool CalendarMissing);
