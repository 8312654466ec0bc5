using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Grading;

public class GradingOptionsTests
{
    [Fact]
    public void Defaults_AreTheDesignFigures()
    {
        var options = new GradingOptions();

        options.RedMonthsOver.Should().Be(2m);
        options.OrangeMonthsFrom.Should().Be(1m);
        options.OrangeWorkersFrom.Should().Be(10);
        options.RedWorkersFrom.Should().Be(30);
        options.CriminalSingleWorkerMonths.Should().Be(3m);
        options.CriminalSingleWorkerAmount.Should().Be(20_000m);
        options.CriminalManyWorkersCount.Should().Be(10);
        options.CriminalManyWorkersTotal.Should().Be(100_000m);
        GradingOptions.SectionName.Should().Be("Grading");
    }

    [Fact]
    public void Validate_Defaults_FindsNoProblem()
    {
        new GradingOptions().Validate().Should().BeEmpty();
    }

    [Fact]
    public void Validate_OrangeWorkersNotBelowRed_IsAProblem()
    {
        var options = new GradingOptions { OrangeWorkersFrom = 30, RedWorkersFrom = 30 };

        options.Validate().Should().ContainSingle()
            .Which.Should().Contain("OrangeWorkersFrom").And.Contain("RedWorkersFrom");
    }

    [Fact]
    public void Validate_OrangeMonthsNotBelowRed_IsAProblem()
    {
        var options = new GradingOptions { OrangeMonthsFrom = 3m, RedMonthsOver = 2m };

        options.Validate().Should().ContainSingle()
            .Which.Should().Contain("OrangeMonthsFrom").And.Contain("RedMonthsOver");
    }

    [Theory]
    [InlineData(4_999)]
    [InlineData(20_001)]
    public void Validate_OneWorkerAmountOutsideTheStatutoryRange_IsAProblem(int amount)
    {
        var options = new GradingOptions { CriminalSingleWorkerAmount = amount };

        options.Validate().Should().ContainSingle().Which.Should().Contain("CriminalSingleWorkerAmount");
    }

    [Theory]
    [InlineData(29_999)]
    [InlineData(100_001)]
    public void Validate_ManyWorkersTotalOutsideTheStatutoryRange_IsAProblem(int total)
    {
        var options = new GradingOptions { CriminalManyWorkersTotal = total };

        options.Validate().Should().ContainSingle().Which.Should().Contain("CriminalManyWorkersTotal");
    }

    [Fact]
    public void Validate_ProvincialFiguresAtTheEdgesOfTheRanges_AreAccepted()
    {
        var options = new GradingOptions { CriminalSingleWorkerAmount = 5_000m, CriminalManyWorkersTotal = 30_000m };

        options.Validate().Should().BeEmpty();
    }

    [Fact]
    public void Validate_NonPositiveThresholds_ReportsEachProblem()
    {
        var options = new GradingOptions
        {
            OrangeMonthsFrom = 0m,
            OrangeWorkersFrom = 0,
            CriminalSingleWorkerMonths = 0m,
            CriminalManyWorkersCount = 1,
        };

        options.Validate().Should().HaveCount(4);
    }

    [Fact]
    public void Validate_Problems_AreWrittenTheSameInEveryCulture()
    {
        var options = new GradingOptions { OrangeMonthsFrom = 2.5m, RedMonthsOver = 1.5m };
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            options.Validate().Should().ContainSingle().Which.Should().Contain("(2.5)").And.Contain("(1.5)");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
