namespace CaseFlow.Domain.Calendar;

/// <summary>
/// One listed day of a yearly calendar: a public holiday (<paramref name="IsOffDay"/> true) or a make-up
/// working day 调休 (false, usually a weekend). Days not listed follow the week.
/// </summary>
public readonly record struct CalendarDay(DateOnly Date, bool IsOffDay, string Name);
