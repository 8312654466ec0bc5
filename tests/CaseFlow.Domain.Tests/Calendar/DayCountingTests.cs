using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

public class DayCountingTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China();

    [Fact]
    public void AddWorkingDays_ThreeFromFridayBeforeSpringFestival2025_EndsWednesdayFebruaryFifth()
    {
        // Sat 01-25 off, Sun 01-26 make-up working (1), Mon 01-27 (2), 01-28..02-04 holiday, Wed 02-05 (3).
        var due = China.AddWorkingDays(Dates.On("2025-01-24"), 3);

        due.Should().Be(new DueDate(Dates.On("2025-02-05"), CalendarMissing: false));
    }

    [Fact]
    public void AddCalendarDays_FiveFromFebruaryThirteenth2026_EndsFebruaryTwentyFourth()
    {
        // Day 5 is 02-18, inside the 02-15..02-23 holiday; the next working day is Tue 02-24.
        var due = China.AddCalendarDays(Dates.On("2026-02-13"), 5);

        due.Should().Be(new DueDate(Dates.On("2026-02-24"), CalendarMissing: false));
    }

    [Fact]
    public void AddCalendarDays_LastDayOnAWorkingDay_StaysThere()
    {
        China.AddCalendarDays(Dates.On("2025-03-10"), 3).Date.Should().Be(Dates.On("2025-03-13"));
    }

    [Fact]
    public void AddCalendarDays_StartsCountingTheDayAfterReceipt()
    {
        China.AddCalendarDays(Dates.On("2025-03-10"), 1).Date.Should().Be(Dates.On("2025-03-11"));
    }

    [Fact]
    public void AddCalendarDays_LastDayOnAnOrdinaryWeekend_MovesToMonday()
    {
        // Day 5 is Saturday 03-15.
        China.AddCalendarDays(Dates.On("2025-03-10"), 5).Date.Should().Be(Dates.On("2025-03-17"));
    }

    [Theory]
    [InlineData("2026-02-23", 5, "2026-02-28")] // received on a holiday too
    [InlineData("2025-02-05", 3, "2025-02-08")]
    public void AddCalendarDays_LastDayOnAMakeUpSaturday_Stays(string received, int days, string expected)
    {
        China.AddCalendarDays(Dates.On(received), days).Date.Should().Be(Dates.On(expected));
    }

    [Fact]
    public void AddCalendarDays_ReceivedOnAHoliday_CountsFromTheNextDayAndSkipsTheRestOfTheHoliday()
    {
        // Day 5 is 10-06 (holiday); 10-07 and 10-08 are holidays too.
        China.AddCalendarDays(Dates.On("2025-10-01"), 5).Date.Should().Be(Dates.On("2025-10-09"));
    }

    [Fact]
    public void AddWorkingDays_ReceivedOnAHoliday_CountsTheFirstWorkingDaysAfterIt_IncludingAMakeUpSaturday()
    {
        // Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up working (3).
        China.AddWorkingDays(Dates.On("2025-10-03"), 3).Date.Should().Be(Dates.On("2025-10-11"));
    }

    [Fact]
    public void AddWorkingDays_SkipsOrdinaryWeekends()
    {
        China.AddWorkingDays(Dates.On("2025-03-13"), 3).Date.Should().Be(Dates.On("2025-03-18"));
    }

    [Fact]
    public void AddCalendarDays_EndingInAYearWithoutCalendar_IsFlaggedAndUsesWeekendsOnly()
    {
        // Day 5 is Sunday 2027-01-03; 2027 is not loaded, so Monday 01-04 is taken as working.
        var due = China.AddCalendarDays(Dates.On("2026-12-29"), 5);

        due.Should().Be(new DueDate(Dates.On("2027-01-04"), CalendarMissing: true));
    }

    [Fact]
    public void AddCalendarDays_EndingOnTheLastDayOfALoadedYear_IsNotFlagged()
    {
        China.AddCalendarDays(Dates.On("2026-12-26"), 5)
            .Should().Be(new DueDate(Dates.On("2026-12-31"), CalendarMissing: false));
    }

    [Fact]
    public void AddWorkingDays_AcrossTheYearBoundaryIntoAMissingYear_IsFlagged()
    {
        // Thu 12-31 (1), Fri 2027-01-01 (2: 元旦 2027 is unknown), Mon 01-04 (3).
        China.AddWorkingDays(Dates.On("2026-12-30"), 3)
            .Should().Be(new DueDate(Dates.On("2027-01-04"), CalendarMissing: true));
    }

    [Fact]
    public void AddCalendarDays_WhenOnlyTheMoveCrossesIntoAMissingYear_IsFlagged()
    {
        var calendar = new ACalendar().Holiday("2030-12-31").Build();

        calendar.AddCalendarDays(Dates.On("2030-12-30"), 1)
            .Should().Be(new DueDate(Dates.On("2031-01-01"), CalendarMissing: true));
    }

    [Fact]
    public void AddWorkingDays_WithinALoadedYear_IsNotFlagged()
    {
        China.AddWorkingDays(Dates.On("2026-12-28"), 3).CalendarMissing.Should().BeFalse();
    }

    [Fact]
    public void AddWorkingDays_ReceivedInTheLastDaysOfAMissingYear_IsFlaggedEvenWhenItEndsInALoadedOne()
    {
        China.AddWorkingDays(Dates.On("2024-12-30"), 3)
            .Should().Be(new DueDate(Dates.On("2025-01-03"), CalendarMissing: true));
    }

    [Theory]
    [InlineData("2025-03-12", "2025-03-12")]
    [InlineData("2025-03-15", "2025-03-17")]
    [InlineData("2025-01-28", "2025-02-05")]
    [InlineData("2025-01-26", "2025-01-26")]
    public void WorkingDayOnOrAfter_KeepsAWorkingDay_AndMovesADayOff(string date, string expected)
    {
        China.WorkingDayOnOrAfter(Dates.On(date)).Should().Be(new DueDate(Dates.On(expected), false));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Counting_WithoutAPositiveNumberOfDays_Throws(int days)
    {
        var calendarDays = () => China.AddCalendarDays(Dates.On("2025-03-10"), days);
        var workingDays = () => China.AddWorkingDays(Dates.On("2025-03-10"), days);

        calendarDays.Should().Throw<ArgumentOutOfRangeException>();
        workingDays.Should().Throw<ArgumentOutOfRangeException>();
    }
}
