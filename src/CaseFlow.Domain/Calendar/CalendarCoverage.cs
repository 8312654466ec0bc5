namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Which years the working-day calendar should have and does not (DESIGN §6): this year always, and from 1 November
/// next year too, since the State Council publishes next year's arrangement in the autumn and limits counted in late
/// December already run into January.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>The month from whose first day next year's calendar is expected.</summary>
    public const int WarnFromMonth = 11;

    /// <summary>The years missing on <paramref name="today"/> (a China date), in order; empty when all is loaded.</summary>
    public static IReadOnlyList<int> MissingYears(WorkingCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var missing = new List<int>(2);
        if (!calendar.HasYear(today.Year))
        {
            missing.Add(today.Year);
        }

        if (today.Month >= WarnFromMonth && !calendar.HasYear(today.Year + 1))
        {
            missing.Add(today.Year + 1);
        }

        return missing;
    }
}
