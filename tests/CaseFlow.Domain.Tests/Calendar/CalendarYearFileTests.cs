using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

public class CalendarYearFileTests
{
    private const string Header = "# a test year, not an official arrangement\ndate,is_off_day,name\n";

    [Fact]
    public void Check_AGoodYear_ReturnsEveryDayAndNoError()
    {
        var check = CalendarYearFile.Check(Header + "2027-01-01,true,元旦\n2027-02-06,false,春节调休上班\n", 2027);

        check.IsValid.Should().BeTrue();
        check.Days.Should().Equal(
            new CalendarDay(Dates.On("2027-01-01"), true, "元旦"),
            new CalendarDay(Dates.On("2027-02-06"), false, "春节调休上班"));
    }

    [Theory]
    [InlineData("2026-12-31,true,元旦", CalendarLineProblem.OutsideYear)]
    [InlineData("2027-01-04,false,调休上班", CalendarLineProblem.MakeUpDayNotOnWeekend)]
    [InlineData("2027-01-01,true,", CalendarLineProblem.MissingName)]
    [InlineData("2027-13-01,true,元旦", CalendarLineProblem.BadDate)]
    [InlineData("2027-01-01,yes,元旦", CalendarLineProblem.BadOffDayFlag)]
    [InlineData("2027-01-01,true", CalendarLineProblem.WrongFieldCount)]
    public void Check_EachKindOfBadLine_IsReportedWithItsLineNumber(string line, CalendarLineProblem expected)
    {
        var check = CalendarYearFile.Check(Header + "2027-01-02,true,元旦\n" + line + "\n", 2027);

        check.IsValid.Should().BeFalse();
        check.Days.Should().BeEmpty("nothing is loaded unless every line is good");
        check.Errors.Should().ContainSingle().Which.Should().Match<CalendarLineError>(e => e.Line == 4 && e.Problem == expected);
    }

    [Fact]
    public void Check_ADateTwice_ReportsTheSecondLine()
    {
        var check = CalendarYearFile.Check(Header + "2027-01-01,true,元旦\n2027-01-01,true,元旦\n", 2027);

        check.Errors.Should().ContainSingle().Which.Should().Be(new CalendarLineError(4, CalendarLineProblem.DuplicateDate, "2027-01-01"));
    }

    [Fact]
    public void Check_SeveralBadLines_ReportsEveryOne()
    {
        var check = CalendarYearFile.Check(Header + "2026-01-01,true,元旦\n2027-01-05,false,调休\n2027-01-06,true,\n", 2027);

        check.Errors.Select(e => (e.Line, e.Problem)).Should().Equal(
            (3, CalendarLineProblem.OutsideYear), (4, CalendarLineProblem.MakeUpDayNotOnWeekend), (5, CalendarLineProblem.MissingName));
    }

    [Fact]
    public void Check_NoHeader_IsRefused()
    {
        CalendarYearFile.Check("2027-01-01,true,元旦\n", 2027).Errors.Should().ContainSingle()
            .Which.Problem.Should().Be(CalendarLineProblem.MissingHeader);
    }

    [Fact]
    public void Check_TheShippedFiles_AreGood()
    {
        foreach (var year in new[] { 2025, 2026 })
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "CaseFlow.Domain", "Calendar", "Data", $"cn-{year}.csv"));
            CalendarYearFile.Check(text, year).Errors.Should().BeEmpty();
        }
    }

    [Theory]
    [InlineData("cn-2027.csv", 2027)]
    [InlineData("/tmp/2028.csv", 2028)]
    [InlineData("calendar.csv", null)]
    public void YearFromFileName_ReadsTheFourDigitYear(string name, int? year) =>
        CalendarYearFile.YearFromFileName(name).Should().Be(year);

    [Theory]
    [InlineData("2026-10-31", new int[0])]
    [InlineData("2026-11-01", new[] { 2027 })]
    [InlineData("2027-01-01", new[] { 2027, })]
    public void MissingYears_WarnFromTheFirstOfNovember(string today, int[] missing)
    {
        var calendar = new ACalendar().Holiday("2026-01-01").Build();

        CalendarCoverage.MissingYears(calendar, Dates.On(today)).Should().Equal(missing);
    }
}
