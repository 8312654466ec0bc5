using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

public class WorkingHoursTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China();

    private static DueTime Add(string from, double hours, OfficeHours? officeHours = null) =>
        China.AddWorkingHours(Dates.China(from), TimeSpan.FromHours(hours), officeHours ?? new OfficeHours());

    [Theory]
    [InlineData("2025-03-10 09:00", 2, "2025-03-10 11:00")] // inside the morning
    [InlineData("2025-03-10 10:30", 4, "2025-03-10 16:00")] // 1.5 h before lunch, 2.5 h after
    [InlineData("2025-03-10 11:00", 1, "2025-03-10 12:00")] // ends exactly at lunch
    [InlineData("2025-03-10 13:30", 4, "2025-03-10 17:30")] // ends exactly at close, not the next morning
    [InlineData("2025-03-10 12:15", 1, "2025-03-10 14:30")] // starts during lunch
    [InlineData("2025-03-10 07:00", 1, "2025-03-10 09:30")] // starts before opening
    [InlineData("2025-03-10 19:00", 4, "2025-03-11 14:00")] // evening: next morning 3.5 h, then 0.5 h
    [InlineData("2025-03-10 17:30", 0.5, "2025-03-11 09:00")] // received at closing time
    [InlineData("2025-03-10 16:00", 10, "2025-03-12 09:30")] // 1.5 h Monday, all 7.5 h Tuesday, 1 h Wednesday
    public void AddWorkingHours_OnOrdinaryDays_CountsOnlyOfficeHours(string from, double hours, string expected)
    {
        Add(from, hours).Should().Be(new DueTime(Dates.China(expected), CalendarMissing: false));
    }

    [Theory]
    [InlineData("2025-03-14 16:00", 4, "2025-03-17 11:00")] // Friday afternoon to Monday
    [InlineData("2025-03-15 10:00", 1, "2025-03-17 09:30")] // received on a Saturday
    public void AddWorkingHours_SkipsOrdinaryWeekends(string from, double hours, string expected)
    {
        Add(from, hours).DueAt.Should().Be(Dates.China(expected));
    }

    [Fact]
    public void AddWorkingHours_BeforeSpringFestival2025_JumpsTheWholeHoliday()
    {
        // Mon 01-27 gives 2.5 h; 01-28..02-04 are off; Wed 02-05 gives the last 1.5 h.
        Add("2025-01-27 15:00", 4).DueAt.Should().Be(Dates.China("2025-02-05 10:00"));
    }

    [Fact]
    public void AddWorkingHours_OnAWeekendBeforeAMakeUpSunday_CountsThatSunday()
    {
        Add("2025-01-25 10:00", 4).DueAt.Should().Be(Dates.China("2025-01-26 14:00"));
    }

    [Fact]
    public void AddWorkingHours_FridayBeforeSpringFestival2026_EndsOnTheMakeUpSaturday()
    {
        // Fri 02-13 gives 0.5 h; Sat 02-14 is a make-up working day and gives the 3.5 h morning.
        Add("2026-02-13 17:00", 4).DueAt.Should().Be(Dates.China("2026-02-14 12:00"));
    }

    [Fact]
    public void AddWorkingHours_ReadsTheInstantInChinaTime_WhateverItsOffset()
    {
        var fromUtc = new DateTimeOffset(2025, 3, 10, 1, 0, 0, TimeSpan.Zero); // 09:00 in China

        var due = China.AddWorkingHours(fromUtc, TimeSpan.FromHours(2), new OfficeHours());

        due.DueAt.Should().Be(new DateTimeOffset(2025, 3, 10, 3, 0, 0, TimeSpan.Zero));
        due.DueAt.Offset.Should().Be(TimeSpan.FromHours(8));
    }

    [Fact]
    public void AddWorkingHours_WithConfiguredHoursWithoutLunchBreak_CountsStraightThrough()
    {
        var officeHours = new OfficeHours
        {
            MorningStart = new TimeOnly(9, 0),
            MorningEnd = new TimeOnly(12, 0),
            AfternoonStart = new TimeOnly(12, 0),
            AfternoonEnd = new TimeOnly(17, 0),
        };

        Add("2025-03-10 11:00", 2, officeHours).DueAt.Should().Be(Dates.China("2025-03-10 13:00"));
        Add("2025-03-10 08:30", 1, officeHours).DueAt.Should().Be(Dates.China("2025-03-10 10:00"));
    }

    [Fact]
    public void AddWorkingHours_ZeroHoursOutsideOfficeHours_GivesTheNextOpening()
    {
        Add("2025-03-10 12:30", 0).DueAt.Should().Be(Dates.China("2025-03-10 13:30"));
    }

    [Fact]
    public void AddWorkingHours_IntoAYearWithoutCalendar_IsFlagged()
    {
        Add("2026-12-31 16:00", 4).Should().Be(new DueTime(Dates.China("2027-01-01 11:00"), CalendarMissing: true));
    }

    [Fact]
    public void AddWorkingHours_WithNegativeHours_Throws()
    {
        var act = () => Add("2025-03-10 09:00", -1);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void AddWorkingHours_WithInvalidOfficeHours_ThrowsInsteadOfLoopingForever()
    {
        var empty = new OfficeHours
        {
            MorningStart = new TimeOnly(9, 0),
            MorningEnd = new TimeOnly(9, 0),
            AfternoonStart = new TimeOnly(14, 0),
            AfternoonEnd = new TimeOnly(14, 0),
        };

        var act = () => Add("2025-03-10 09:00", 1, empty);

        act.Should().Throw<ArgumentException>().WithMessage("*at least one session*");
    }
}
