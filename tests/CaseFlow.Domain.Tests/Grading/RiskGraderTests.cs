using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Grading;

public class RiskGraderTests
{
    private const string ArrearsOverMonths = "red.arrears-over-months";
    private const string Absconded = "red.employer-absconded";
    private const string ProductionStopped = "red.production-stopped";
    private const string CollectiveAction = "red.collective-action";
    private const string ManyWorkers = "red.many-workers";
    private const string CriminalOneWorker = "red.criminal-one-worker";
    private const string CriminalManyWorkers = "red.criminal-many-workers";
    private const string ArrearsMonths = "orange.arrears-months";
    private const string CollectiveDispute = "orange.collective-dispute";
    private const string OrderToPayIgnored = "orange.order-to-pay-ignored";
    private const string OtherDispute = "yellow.other-dispute";

    private static GradingResult Grade(DisputeBuilder dispute, GradingOptions? options = null) =>
        new RiskGrader(options ?? new GradingOptions()).Grade(dispute.Build());

    private static string[] Codes(GradingResult result) => [.. result.FiredRules.Select(r => r.Code)];

    // Months: orange from 1 up to and including 2, red above 2.
    [Theory]
    [InlineData(0.99, RiskColor.Yellow, OtherDispute)]
    [InlineData(1, RiskColor.Orange, ArrearsMonths)]
    [InlineData(1.5, RiskColor.Orange, ArrearsMonths)]
    [InlineData(2, RiskColor.Orange, ArrearsMonths)]
    [InlineData(2.01, RiskColor.Red, ArrearsOverMonths)]
    public void Grade_AtEachMonthsBoundary_FiresOnlyTheMonthsRuleOfThatColour(decimal months, RiskColor color, string code)
    {
        var result = Grade(ADispute.WithWorker(amount: 1000m, months: months));

        result.Color.Should().Be(color);
        Codes(result).Should().Equal(code);
    }

    // Workers: orange from 10, red from 30; the orange collective-dispute rule still applies at 30.
    [Theory]
    [InlineData(9, RiskColor.Yellow, new[] { OtherDispute })]
    [InlineData(10, RiskColor.Orange, new[] { CollectiveDispute })]
    [InlineData(29, RiskColor.Orange, new[] { CollectiveDispute })]
    [InlineData(30, RiskColor.Red, new[] { ManyWorkers, CollectiveDispute })]
    public void Grade_AtEachWorkersBoundary_HasTheColourOfTheWorkerRules(int workers, RiskColor color, string[] codes)
    {
        var result = Grade(ADispute.WithWorkers(workers));

        result.Color.Should().Be(color);
        Codes(result).Should().Equal(codes);
    }

    [Fact]
    public void Grade_OneWorkerThreeMonthsAtTwentyThousand_FiresBothTheMonthsAndTheCriminalRule()
    {
        var result = Grade(ADispute.WithWorker(amount: 20_000m, months: 3m));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Equal(ArrearsOverMonths, CriminalOneWorker);
    }

    [Fact]
    public void Grade_OneWorkerThreeMonthsOneYuanShort_IsRedByMonthsButNotCriminal()
    {
        var result = Grade(ADispute.WithWorker(amount: 19_999m, months: 3m));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Equal(ArrearsOverMonths);
    }

    [Fact]
    public void Grade_LargeAmountUnderThreeMonths_IsRedByMonthsButNotCriminal()
    {
        var result = Grade(ADispute.WithWorker(amount: 50_000m, months: 2.5m));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Equal(ArrearsOverMonths);
    }

    [Fact]
    public void Grade_CriminalOneWorker_NeedsBothFiguresOnTheSameWorker()
    {
        // One worker has the months, another the money: neither reaches the threshold alone.
        var result = Grade(ADispute.WithWorker(amount: 1_000m, months: 3m).WithWorker(amount: 20_000m, months: 0.5m));

        Codes(result).Should().NotContain(CriminalOneWorker);
    }

    [Fact]
    public void Grade_TenWorkersOwedOneHundredThousandInTotal_IsRedByTheManyWorkersCriminalRule()
    {
        var result = Grade(ADispute.WithWorkersOwed(10, amountEach: 10_000m, months: 0.5m));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Equal(CriminalManyWorkers, CollectiveDispute);
    }

    [Fact]
    public void Grade_TenWorkersOwedOneYuanShortOfOneHundredThousand_IsOrangeAsACollectiveDisputeOnly()
    {
        var result = Grade(ADispute.WithWorkersOwed(9, amountEach: 10_000m, months: 0.5m).WithWorker(amount: 9_999m, months: 0.5m));

        result.Color.Should().Be(RiskColor.Orange);
        Codes(result).Should().Equal(CollectiveDispute);
    }

    [Fact]
    public void Grade_NineWorkersOwedTwoHundredThousand_IsYellow()
    {
        var result = Grade(ADispute.WithWorkersOwed(8, amountEach: 22_000m, months: 0.5m).WithWorker(amount: 24_000m, months: 0.5m));

        result.Color.Should().Be(RiskColor.Yellow);
        Codes(result).Should().Equal(OtherDispute);
    }

    [Theory]
    [InlineData(RiskSignals.EmployerAbsconded, RiskColor.Red, Absconded)]
    [InlineData(RiskSignals.ProductionStopped, RiskColor.Red, ProductionStopped)]
    [InlineData(RiskSignals.CollectiveAction, RiskColor.Red, CollectiveAction)]
    [InlineData(RiskSignals.OrderToPayIgnored, RiskColor.Orange, OrderToPayIgnored)]
    public void Grade_EachSignalAlone_HasItsColourWithItsRuleListed(RiskSignals signal, RiskColor color, string code)
    {
        var result = Grade(ADispute.WithWorker(amount: 3_000m, months: 0.5m).With(signal));

        result.Color.Should().Be(color);
        Codes(result).Should().Equal(code);
    }

    [Fact]
    public void Grade_ManyConditionsAtOnce_ListsEveryFiredRuleMostSevereFirst()
    {
        var result = Grade(ADispute
            .WithWorker(amount: 30_000m, months: 4m)
            .WithWorkersOwed(11, amountEach: 8_000m, months: 1m)
            .WithWorkers(35)
            .With(RiskSignals.EmployerAbsconded | RiskSignals.CollectiveAction | RiskSignals.OrderToPayIgnored));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Equal(
            ArrearsOverMonths,
            Absconded,
            CollectiveAction,
            ManyWorkers,
            CriminalOneWorker,
            CriminalManyWorkers,
            CollectiveDispute,
            OrderToPayIgnored);
        result.FiredRules.Select(r => r.Color).Should().BeInDescendingOrder();
    }

    [Fact]
    public void Grade_OrangeConditionsTogether_ListsEachOfThemAndNoYellowRule()
    {
        var result = Grade(ADispute.WithWorker(amount: 2_000m, months: 1.5m).WithWorkers(12).With(RiskSignals.OrderToPayIgnored));

        result.Color.Should().Be(RiskColor.Orange);
        Codes(result).Should().Equal(ArrearsMonths, CollectiveDispute, OrderToPayIgnored);
    }

    [Fact]
    public void Grade_DisputeWithNoFactsBeyondOneWorker_IsYellowAndExplainsItself()
    {
        var result = Grade(ADispute.WithWorker(amount: 800m, months: 0.2m));

        result.Color.Should().Be(RiskColor.Yellow);
        result.FiredRules.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Code = OtherDispute,
            Color = RiskColor.Yellow,
            Zh = "一般劳动争议，未达橙色或红色预警条件",
            En = "An ordinary dispute: no orange or red condition is met",
        });
    }

    [Fact]
    public void Grade_DeclaredWorkersAboveTheListed_CountsTheDeclared()
    {
        var result = Grade(ADispute.WithWorkersOwed(2, amountEach: 1_000m, months: 0.5m).WithWorkers(30));

        result.Color.Should().Be(RiskColor.Red);
        Codes(result).Should().Contain(ManyWorkers);
    }

    [Fact]
    public void Grade_DeclaredWorkersBelowTheListed_CountsTheListed()
    {
        var result = Grade(ADispute.WithWorkersOwed(10, amountEach: 1_000m, months: 0.5m).WithWorkers(3));

        result.Color.Should().Be(RiskColor.Orange);
        Codes(result).Should().Equal(CollectiveDispute);
    }

    [Fact]
    public void Grade_DeclaredWorkers_CountTowardsTheManyWorkersCriminalRule()
    {
        // Four listed workers owe ¥100,000 between them; ten are declared involved.
        var result = Grade(ADispute.WithWorkersOwed(4, amountEach: 25_000m, months: 0.5m).WithWorkers(10));

        Codes(result).Should().Contain(CriminalManyWorkers);
    }

    [Fact]
    public void Grade_FiredRuleSentences_StateTheConfiguredFigures()
    {
        var result = Grade(ADispute.WithWorker(amount: 20_000m, months: 3m));

        result.FiredRules[0].Should().BeEquivalentTo(new
        {
            Code = ArrearsOverMonths,
            Color = RiskColor.Red,
            Zh = "欠薪超过2个月",
            En = "Wages owed for more than 2 months",
        });
        result.FiredRules[1].Zh.Should().Contain("3个月以上").And.Contain("20,000元");
        result.FiredRules[1].En.Should().Contain("3 months").And.Contain("¥20,000");
    }

    [Fact]
    public void Grade_WithAProvincialOneWorkerThresholdOfTenThousand_MovesTheCriminalBoundary()
    {
        var province = new GradingOptions { CriminalSingleWorkerAmount = 10_000m };

        Codes(Grade(ADispute.WithWorker(amount: 10_000m, months: 3m), province)).Should().Contain(CriminalOneWorker);
        Codes(Grade(ADispute.WithWorker(amount: 9_999m, months: 3m), province)).Should().NotContain(CriminalOneWorker);
        Grade(ADispute.WithWorker(amount: 10_000m, months: 3m), province).FiredRules
            .Single(r => r.Code == CriminalOneWorker).En.Should().Contain("¥10,000");
    }

    [Fact]
    public void Grade_WithAProvincialManyWorkersTotalOfThirtyThousand_MovesTheCriminalBoundary()
    {
        var province = new GradingOptions { CriminalManyWorkersTotal = 30_000m };

        Codes(Grade(ADispute.WithWorkersOwed(10, amountEach: 3_000m, months: 0.5m), province)).Should().Contain(CriminalManyWorkers);
        Codes(Grade(ADispute.WithWorkersOwed(10, amountEach: 2_999m, months: 0.5m), province)).Should().NotContain(CriminalManyWorkers);
    }

    [Fact]
    public void Grade_WithChangedMonthAndWorkerThresholds_MovesThoseBoundaries()
    {
        var strict = new GradingOptions { OrangeMonthsFrom = 0.5m, RedMonthsOver = 1m, OrangeWorkersFrom = 5, RedWorkersFrom = 20 };

        Grade(ADispute.WithWorker(amount: 1_000m, months: 0.5m), strict).Color.Should().Be(RiskColor.Orange);
        Grade(ADispute.WithWorker(amount: 1_000m, months: 1.01m), strict).Color.Should().Be(RiskColor.Red);
        Grade(ADispute.WithWorkers(5), strict).Color.Should().Be(RiskColor.Orange);
        Grade(ADispute.WithWorkers(20), strict).Color.Should().Be(RiskColor.Red);
        Grade(ADispute.WithWorker(amount: 1_000m, months: 0.75m), strict).FiredRules
            .Single().Zh.Should().Be("欠薪0.5至1个月");
    }

    [Fact]
    public void Grade_OptionsChangedAfterTheGraderWasBuilt_DoNotChangeItsGrading()
    {
        var options = new GradingOptions();
        var grader = new RiskGrader(options);

        options.RedWorkersFrom = 12;

        grader.Grade(ADispute.WithWorkers(12).Build()).Color.Should().Be(RiskColor.Orange);
    }

    [Fact]
    public void Constructor_WithContradictoryOptions_FailsNamingTheProblem()
    {
        var create = () => new RiskGrader(new GradingOptions { OrangeWorkersFrom = 40 });

        create.Should().Throw<ArgumentException>().WithMessage("*OrangeWorkersFrom (40)*RedWorkersFrom (30)*");
    }
}
