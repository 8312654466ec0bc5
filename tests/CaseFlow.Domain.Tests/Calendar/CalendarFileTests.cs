using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Tests.Calendar;

public class CalendarFileTests
{
    private const string Preamble = "# comment\n# another comment\ndate,is_off_day,name\n";

    [Fact]
    public void Parse_SkipsCommentsAndBlankLines_AndReadsEveryRow()
    {
        var text = Preamble + "2025-01-26,false,春节调休上班\n\n# mid-file comment\n2025-01-28,true,春节\n";

        var days = CalendarFile.Parse(text);

        days.Should().Equal(
            new CalendarDay(Dates.On("2025-01-26"), IsOffDay: false, "春节调休上班"),
            new CalendarDay(Dates.On("2025-01-28"), IsOffDay: true, "春节"));
    }

    [Fact]
    public void Parse_AcceptsWindowsLineEndingsByteOrderMarkAndPaddedFields()
    {
        var text = "\uFEFF# c\r\ndate, is_off_day ,name\r\n 2025-10-01 , TRUE , 国庆节、中秋节 \r\n";

        var days = CalendarFile.Parse(text);

        days.Should().ContainSingle().Which.Should().Be(new CalendarDay(Dates.On("2025-10-01"), true, "国庆节、中秋节"));
    }

    [Fact]
    public void Parse_WhenOnlyAHeader_ReturnsNoDays()
    {
        CalendarFile.Parse(Preamble).Should().BeEmpty();
    }

    [Theory]
    [InlineData("2025-01-28,true", "expected 3 fields")]
    [InlineData("2025-01-28,true,春节,extra", "expected 3 fields")]
    [InlineData("2025/01/28,true,春节", "'2025/01/28' is not a date")]
    [InlineData("2025-02-30,true,春节", "'2025-02-30' is not a date")]
    [InlineData("28-01-2025,true,春节", "is not a date")]
    [InlineData("2025-01-28,yes,春节", "is_off_day must be 'true' or 'false' but was 'yes'")]
    [InlineData("2025-01-28,,春节", "is_off_day must be")]
    [InlineData("2025-01-28,true, ", "name of 2025-01-28 is empty")]
    public void Parse_WhenARowIsMalformed_NamesItsLineAndTheProblem(string row, string problem)
    {
        var text = Preamble + "2025-01-01,true,元旦\n" + row + "\n";

        var act = () => CalendarFile.Parse(text);

        var error = act.Should().Throw<CalendarFormatException>().Which;
        error.LineNumber.Should().Be(5);
        error.Message.Should().StartWith("Line 5: ").And.Contain(problem);
    }

    [Fact]
    public void Parse_WhenTheHeaderIsMissing_NamesTheFirstDataLine()
    {
        var act = () => CalendarFile.Parse("# c\n2025-01-01,true,元旦\n");

        var error = act.Should().Throw<CalendarFormatException>().Which;
        error.LineNumber.Should().Be(2);
        error.Message.Should().Contain("Line 2").And.Contain("expected the header 'date,is_off_day,name'");
    }

    [Fact]
    public void Parse_WhenTheTextHasNoHeaderAtAll_SaysSo()
    {
        var act = () => CalendarFile.Parse("# only comments\n");

        act.Should().Throw<CalendarFormatException>().WithMessage("*header 'date,is_off_day,name' is missing*");
    }

    [Fact]
    public void Parse_WhenADateIsRepeated_NamesBothLines()
    {
        var text = Preamble + "2025-01-28,true,春节\n2025-01-29,true,春节\n2025-01-28,false,春节调休上班\n";

        var act = () => CalendarFile.Parse(text);

        var error = act.Should().Throw<CalendarFormatException>().Which;
        error.LineNumber.Should().Be(6);
        error.Message.Should().Be("Line 6: date 2025-01-28 is already listed on line 4.");
    }

    [Fact]
    public void Parse_WithASource_PutsItInTheMessage()
    {
        var act = () => CalendarFile.Parse(Preamble + "oops\n", "cn-2027.csv");

        act.Should().Throw<CalendarFormatException>().WithMessage("cn-2027.csv line 4: *");
    }
}
