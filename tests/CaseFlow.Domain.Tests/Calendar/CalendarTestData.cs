using System.Globalization;
using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

/// <summary>Short spellings for dates and China-time instants in calendar tests.</summary>
internal static class Dates
{
    public static DateOnly On(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"2025-01-24 10:00" read as China time.</summary>
    public static DateTimeOffset China(string dateTime)
    {
        var local = DateTime.ParseExact(dateTime, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return ChinaTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    /// <summary>The instant a limit whose last day is <paramref name="lastDay"/> runs out.</summary>
    public static DateTimeOffset EndOf(string lastDay) => ChinaTime.EndOf(On(lastDay));
}

/// <summary>Builds a calendar from a handful of listed days.</summary>
internal sealed class ACalendar
{
    private readonly List<CalendarDay> _days = [];

    public ACalendar Holiday(string date, string name = "节日")
    {
        _days.Add(new CalendarDay(Dates.On(date), IsOffDay: true, name));
        return this;
    }

    public ACalendar MakeUpWorkingDay(string date, string name = "调休上班")
    {
        _days.Add(new CalendarDay(Dates.On(date), IsOffDay: false, name));
        return this;
    }

    public WorkingCalendar Build() => WorkingCalendar.From(_days);
}
