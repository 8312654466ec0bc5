using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

public class WorkingCalendarTests
{
    private static readonly WorkingCalendar China = WorkingCalendar.China();

    [Fact]
    public void China_LoadsTheShippedYearsOnly()
    {
        China.Years.Should().Equal(2025, 2026);
        China.HasYear(2025).Should().BeTrue();
        China.HasYear(2026).Should().BeTrue();
        China.HasYear(2024).Should().BeFalse();
        China.HasYear(2027).Should().BeFalse();
    }

    [Fact]
    public void China_ListsEveryRowOfTheShippedFilesInDateOrder()
    {
        China.Days.Count(d => d.Date.Year == 2025).Should().Be(33);
        China.Days.Count(d => d.Date.Year == 2026).Should().Be(39);
        China.Days.Should().BeInAscendingOrder(d => d.Date);
    }

    [Theory]
    [InlineData("2025-03-12", true)] // ordinary Wednesday
    [InlineData("2025-03-15", false)] // ordinary Saturday
    [InlineData("2025-03-16", false)] // ordinary Sunday
    [InlineData("2025-01-28", false)] // Tuesday in the Spring Festival holiday
    [InlineData("2025-01-26", true)] // Sunday made a working day (调休)
    [InlineData("2025-02-08", true)] // Saturday made a working day
    [InlineData("2026-02-23", false)] // Monday, last day of the 2026 Spring Festival
    [InlineData("2026-01-04", true)] // Sunday made a working day for 元旦
    public void IsWorkingDay_ListedDayWins_OtherwiseTheWeekDecides(string date, bool working)
    {
        China.IsWorkingDay(Dates.On(date)).Should().Be(working);
    }

    [Fact]
    public void IsWorkingDay_InAYearWithoutCalendar_FollowsTheWeekOnly()
    {
        China.IsWorkingDay(Dates.On("2027-01-01")).Should().BeTrue("2027's holidays are not loaded, so a Friday works");
        China.IsWorkingDay(Dates.On("2027-01-02")).Should().BeFalse();
    }

    [Theory]
    [InlineData("2025-01-29", "春节")]
    [InlineData("2025-10-03", "国庆节、中秋节")]
    [InlineData("2025-01-26", "春节调休上班")]
    [InlineData("2025-03-12", null)]
    [InlineData("2025-03-15", null)]
    public void HolidayName_NamesListedDaysOnly(string date, string? name)
    {
        China.HolidayName(Dates.On(date)).Should().Be(name);
    }

    [Fact]
    public void From_WhenADateIsListedTwice_Throws()
    {
        var act = () => new ACalendar().Holiday("2030-01-01").MakeUpWorkingDay("2030-01-01").Build();

        act.Should().Throw<ArgumentException>().WithMessage("*2030-01-01 is listed twice*");
    }

    [Fact]
    public void From_TakesAnyEntries_AndLoadsTheirYears()
    {
        var calendar = new ACalendar().Holiday("2030-10-01", "国庆节").MakeUpWorkingDay("2030-09-29").Build();

        calendar.HasYear(2030).Should().BeTrue();
        calendar.IsWorkingDay(Dates.On("2030-10-01")).Should().BeFalse();
        calendar.IsWorkingDay(Dates.On("2030-09-29")).Should().BeTrue();
        calendar.HolidayName(Dates.On("2030-10-01")).Should().Be("国庆节");
    }

    [Fact]
    public void Empty_HasNoYears_AndFollowsTheWeek()
    {
        WorkingCalendar.Empty.Years.Should().BeEmpty();
        WorkingCalendar.Empty.IsWorkingDay(Dates.On("2025-01-28")).Should().BeTrue();
    }

    [Fact]
    public void Merge_ReplacesAYearTheOtherCalendarHas_AsAWhole()
    {
        var corrected2026 = new ACalendar().Holiday("2026-01-01", "元旦").Build();

        var merged = China.Merge(corrected2026);

        merged.IsWorkingDay(Dates.On("2026-02-16")).Should().BeTrue("the corrected 2026 no longer lists the Spring Festival");
        merged.IsWorkingDay(Dates.On("2026-01-01")).Should().BeFalse();
        merged.Days.Count(d => d.Date.Year == 2026).Should().Be(1);
    }

    [Fact]
    public void Merge_KeepsYearsTheOtherLacks_AndAddsItsNewOnes()
    {
        var from2027 = new ACalendar().Holiday("2027-01-01", "元旦").Build();

        var merged = China.Merge(from2027);

        merged.Years.Should().Equal(2025, 2026, 2027);
        merged.IsWorkingDay(Dates.On("2025-01-28")).Should().BeFalse();
        merged.IsWorkingDay(Dates.On("2027-01-01")).Should().BeFalse();
        China.HasYear(2027).Should().BeFalse("merging returns a new calendar");
    }
}
