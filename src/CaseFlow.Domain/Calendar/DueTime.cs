namespace CaseFlow.Domain.Calendar;

/// <summary>
/// The instant a limit runs out. <paramref name="CalendarMissing"/> is true when the computation crossed a
/// year with no calendar loaded, so only weekends were taken as days off there.
/// </summary>
public readonly record struct DueTime(DateTimeOffset DueAt, bool CalendarMissing);
