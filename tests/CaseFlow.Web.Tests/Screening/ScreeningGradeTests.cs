using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Screening;

namespace CaseFlow.Web.Tests.Screening;

/// <summary>A screened employer is coloured by the case rules of DESIGN §5, figures worked out by hand below.</summary>
public sealed class ScreeningGradeTests
{
    private static readonly RiskGrader Grader = new(new GradingOptions());

    private static GradingResult Grade(WageStatus status, decimal months = 0, int workers = 0, decimal amount = 0) =>
        ScreeningGrade.Grade(Grader, status, workers == 0 ? null : new ScreenedArrears(months, workers, amount))!;

    [Fact]
    public void InArrears_OneAndAHalfMonths_EightWorkers_36000_IsOrange_ByTheMonthsAlone()
    {
        // 1 ≤ 1.5 ≤ 2 months: orange. 8 < 10 workers; each owed 4,500 for 1.5 months: no criminal figure.
        var result = Grade(WageStatus.InArrears, 1.5m, 8, 36_000m);

        result.Color.Should().Be(RiskColor.Orange);
        result.FiredRules.Select(r => r.Code).Should().Equal("orange.arrears-months");
    }

    [Fact]
    public void InArrears_ThreeMonths_TenWorkers_100000_IsRed_OverTwoMonthsAndAtTheManyWorkersCriminalThreshold()
    {
        // 3 > 2 months: red; 10 workers and ¥100,000 in total: the many-workers threshold; 10 workers: collective (orange);
        // each owed 10,000 < 20,000: not the one-worker threshold.
        var result = Grade(WageStatus.InArrears, 3m, 10, 100_000m);

        result.Color.Should().Be(RiskColor.Red);
        result.FiredRules.Select(r => r.Code).Should().Equal("red.arrears-over-months", "red.criminal-many-workers", "orange.collective-dispute");
    }

    [Fact]
    public void InArrears_ThreeWorkersOwed100000ForFourMonths_SplitsToTheFen_AndMeetsTheOneWorkerThreshold()
    {
        // 100,000 / 3 = 33,333.33 each, 33,333.34 for the first: every share ≥ 20,000 for ≥ 3 months.
        var facts = ScreeningGrade.FactsOf(WageStatus.InArrears, new ScreenedArrears(4m, 3, 100_000m))!;
        facts.TotalAmountOwed.Should().Be(100_000m);
        facts.Workers.Select(w => w.AmountOwed).Should().Equal(33_333.34m, 33_333.33m, 33_333.33m);

        var result = Grader.Grade(facts);

        result.Color.Should().Be(RiskColor.Red);
        result.FiredRules.Select(r => r.Code).Should().Equal("red.arrears-over-months", "red.criminal-one-worker");
    }

    [Fact]
    public void StoppedProduction_AndOwnerUnreachable_AreRed_AsTheStoppedAndAbscondedEmployerFactors()
    {
        Grade(WageStatus.StoppedProduction).FiredRules.Select(r => r.Code).Should().Equal("red.production-stopped");
        Grade(WageStatus.OwnerUnreachable).FiredRules.Select(r => r.Code).Should().Equal("red.employer-absconded");
    }

    [Fact]
    public void LatePayment_IsYellow_AndNormalPayment_IsNotGraded()
    {
        Grade(WageStatus.Late).Color.Should().Be(RiskColor.Yellow);
        ScreeningGrade.Grade(Grader, WageStatus.Normal, null).Should().BeNull();
    }
}
