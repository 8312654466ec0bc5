namespace CaseFlow.Domain;

/// <summary>
/// China Standard Time (UTC+8, no daylight saving). Day counting for legal limits happens on the
/// local calendar date, whatever the server's own zone is.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.CreateCustomTimeZone("China Standard Time", Offset, "China Standard Time", "China Standard Time");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a local (UTC+8) date and time denote.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>The first instant after the local date ends: deadlines run to the end of their last day.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => At(date.AddDays(1), TimeOnly.MinValue);
}
