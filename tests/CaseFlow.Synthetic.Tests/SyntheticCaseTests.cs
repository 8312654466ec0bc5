using System.Globalization;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Synthetic.Tests;

public class SyntheticCaseTests
{
    private const int SampleSize = 10_000;

    private static readonly SyntheticGenerator Generator = AGenerator.WithSeed(2026).Build();

    // Both counties, 10,000 cases each over 2025, generated once for the tests that only read them.
    private static readonly Lazy<SyntheticCase[]> Sample = new(() =>
        [.. Generator.Counties.SelectMany(c => Generator.Cases(c, SampleSize, AGenerator.From, AGenerator.To))]);

    [Fact]
    public void Cases_WithTheSameSeed_AreIdenticalFieldByField()
    {
        var first = Cases(AGenerator.WithSeed(77).Build(), 3000);
        var second = Cases(AGenerator.WithSeed(77).Build(), 3000);

        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Cases_EnumeratedTwice_AreTheSameBothTimes()
    {
        var cases = Generator.Cases(Generator.Counties[1], 500, AGenerator.From, AGenerator.To);

        cases.Select(c => c.Case.Description).Should().Equal(cases.Select(c => c.Case.Description));
    }

    [Fact]
    public void Cases_WithAnotherSeed_Differ()
    {
        var first = Cases(AGenerator.WithSeed(77).Build(), 1000);
        var second = Cases(AGenerator.WithSeed(78).Build(), 1000);

        var same = first.Zip(second).Count(p => p.First.Case.ReceivedAt == p.Second.Case.ReceivedAt
            && p.First.Case.Description == p.Second.Case.Description);
        same.Should().BeLessThan(10);
    }

    [Fact]
    public void Cases_EveryWorkersIdNumberAndPhone_PassTheValidators()
    {
        foreach (var worker in Sample.Value.SelectMany(c => c.Case.Workers))
        {
            ResidentId.IsValid(worker.IdNumber, AGenerator.To).Should().BeTrue(worker.IdNumber);
            MobileNumber.IsValid(worker.Phone).Should().BeTrue(worker.Phone);
        }
    }

    [Fact]
    public void Cases_HaveUniqueNumbers_WithTheCountyPrefixAndTheYearOfReceipt()
    {
        var cases = Generator.Counties
            .SelectMany(c => Generator.Cases(c, 5000, new DateOnly(2024, 11, 1), new DateOnly(2025, 2, 28)))
            .ToList();

        cases.Select(c => c.Case.Number).Should().OnlyHaveUniqueItems();
        cases.Should().AllSatisfy(c => c.Case.Number.Should().MatchRegex(
            $"^(AJ|JM)-{ChinaTime.DateOf(c.Case.ReceivedAt).Year}-[0-9]{{6}}$"));
        cases.Where(c => ChinaTime.DateOf(c.Case.ReceivedAt).Year == 2025).Select(c => c.Case.Number)
            .Should().Contain(["AJ-2025-000001", "JM-2025-000001"], "numbering restarts each year");
    }

    [Fact]
    public void Cases_ColourMixAtTenThousand_IsSixtyThirtyTenWithinFivePoints()
    {
        var grader = new RiskGrader(new GradingOptions());
        foreach (var county in Generator.Counties)
        {
            var colours = Sample.Value.Where(c => c.Case.Number.StartsWith(county.CasePrefix, StringComparison.Ordinal))
                .Select(c => grader.Grade(Facts(c.Case)).Color)
                .ToList();

            colours.Should().HaveCount(SampleSize);
            Share(colours, RiskColor.Yellow).Should().BeApproximately(60, 5, county.Name);
            Share(colours, RiskColor.Orange).Should().BeApproximately(30, 5, county.Name);
            Share(colours, RiskColor.Red).Should().BeApproximately(10, 5, county.Name);
        }
    }

    [Fact]
    public void Cases_CarryTheColourTheGraderGives()
    {
        var grader = new RiskGrader(new GradingOptions());

        Sample.Value.Take(2000).Should().AllSatisfy(c => c.Color.Should().Be(grader.Grade(Facts(c.Case)).Color));
    }

    [Fact]
    public void Cases_AreReceivedWithinTheRange_InOrder()
    {
        var start = ChinaTime.At(AGenerator.From, TimeOnly.MinValue);
        var end = ChinaTime.EndOf(AGenerator.To);

        foreach (var county in Generator.Counties)
        {
            var times = Sample.Value.Where(c => c.Case.Number.StartsWith(county.CasePrefix, StringComparison.Ordinal))
                .Select(c => c.Case.ReceivedAt)
                .ToList();

            times.Should().OnlyContain(t => t >= start && t < end);
            times.Should().BeInAscendingOrder();
        }
    }

    [Fact]
    public void Cases_ArriveFasterInJanuaryAndFebruary_BeforeSpringFestival()
    {
        var months = Sample.Value.GroupBy(c => ChinaTime.DateOf(c.Case.ReceivedAt).Month).ToDictionary(g => g.Key, g => g.Count());

        var perDayBeforeFestival = (months[1] + months[2]) / 59d;
        var perDayInSummer = (months[5] + months[6] + months[7] + months[8]) / 123d;
        perDayBeforeFestival.Should().BeGreaterThan(1.5 * perDayInSummer);
    }

    [Fact]
    public void Cases_NameEnterprisesAndLocationsOfTheirCounty()
    {
        foreach (var county in Generator.Counties)
        {
            var enterprises = county.Enterprises.ToDictionary(e => e.Id);
            var cases = Sample.Value.Where(c => c.Case.Number.StartsWith(county.CasePrefix, StringComparison.Ordinal));

            cases.Should().AllSatisfy(c =>
            {
                enterprises.Should().ContainKey(c.Case.EnterpriseId);
                c.Case.LocationUnitId.Should().Be(enterprises[c.Case.EnterpriseId].LocationUnitId);
            });
        }
    }

    [Fact]
    public void Cases_InvolveOneToFortyWorkers_MostlyOneToFive_OwedHalfToSixMonthsOfWages()
    {
        var cases = Sample.Value;

        cases.Should().AllSatisfy(c =>
        {
            c.Case.Workers.Count.Should().BeInRange(1, 40);
            c.Case.DeclaredWorkers.Should().Be(c.Case.Workers.Count);
            c.Case.ClaimTypes.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        });
        Percent(cases, c => c.Case.Workers.Count <= 5).Should().BeInRange(70, 90);

        var wageCases = cases.Where(c => c.Case.ClaimTypes[0] == ClaimType.WageArrears).ToList();
        Percent(cases, c => c.Case.ClaimTypes.Contains(ClaimType.WageArrears)).Should().BeApproximately(85, 2);
        wageCases.SelectMany(c => c.Case.Workers).Should().AllSatisfy(w =>
        {
            w.MonthsOwed.Should().BeInRange(0.5m, 6m);
            (w.AmountOwed / w.MonthsOwed).Should().BeInRange(2_900m, 9_100m, "a monthly wage of ¥3,000–¥9,000, rounded to ¥100");
        });
    }

    [Fact]
    public void Cases_ComeMostlyWalkingIn_ThenByHotlineGridOnlineAndReferral()
    {
        var byChannel = Sample.Value.GroupBy(c => c.Case.Channel).ToDictionary(g => g.Key, g => g.Count());

        byChannel[Channel.WalkIn].Should().BeGreaterThan(byChannel[Channel.Hotline]);
        byChannel[Channel.Hotline].Should().BeGreaterThan(byChannel[Channel.GridScreening]);
        byChannel[Channel.GridScreening].Should().BeGreaterThan(byChannel[Channel.Online]);
        byChannel[Channel.Online].Should().BeGreaterThan(byChannel[Channel.ReferralIn]);
    }

    [Theory]
    [InlineData(RiskSignals.EmployerAbsconded, 2)]
    [InlineData(RiskSignals.ProductionStopped, 2)]
    [InlineData(RiskSignals.CollectiveAction, 1)]
    [InlineData(RiskSignals.OrderToPayIgnored, 2)]
    public void Cases_RarelyCarrySignals(RiskSignals signal, double percent)
    {
        Percent(Sample.Value, c => c.Case.Signals.HasFlag(signal)).Should().BeApproximately(percent, 0.6);
    }

    [Fact]
    public void Cases_DescribeTheEmployerAnonymously_WithTheAmountOwed()
    {
        Sample.Value.Take(3000).Should().AllSatisfy(c =>
        {
            var total = c.Case.Workers.Sum(w => w.AmountOwed);
            c.Case.Description.Should().Contain("某").And.Contain(Yuan(total)).And.NotStartWith("1名工人反映");
        });
    }

    [Fact]
    public void Outcomes_HappenAfterReceipt_AndNoLaterThanTheRangeEnds()
    {
        var end = ChinaTime.EndOf(AGenerator.To);

        Sample.Value.Should().AllSatisfy(c =>
            c.OutcomeAt.Should().BeOnOrAfter(c.Case.ReceivedAt).And.BeBefore(end));
    }

    [Fact]
    public void Outcomes_NeverClimbPastLevelThree_AndFailuresAndReferralsReachIt()
    {
        Sample.Value.Should().AllSatisfy(c =>
        {
            c.FinalLevel.Should().BeInRange(c.EntryLevel, 3);
            if (c.Outcome is SyntheticOutcome.MediationFailed or SyntheticOutcome.Referred)
            {
                c.FinalLevel.Should().Be(3);
            }

            if (c.Outcome == SyntheticOutcome.Rejected)
            {
                c.Escalations.Should().Be(0);
            }
        });
        Sample.Value.Where(c => c.Color == RiskColor.Yellow).Select(c => c.Escalations).Should().Contain([0, 1, 2]);
    }

    [Fact]
    public void Outcomes_CarryTheDetailsTheirStepsNeed_AndRecoverNoMoreThanIsOwed()
    {
        Sample.Value.Should().AllSatisfy(c =>
        {
            var owed = c.Case.Workers.Sum(w => w.AmountOwed);
            var agreed = c.Outcome is SyntheticOutcome.AgreementReached or SyntheticOutcome.Resolved or SyntheticOutcome.Closed;
            var paid = c.Outcome is SyntheticOutcome.Resolved or SyntheticOutcome.Closed;

            (c.Agreement is not null).Should().Be(agreed);
            c.Agreement?.Amount.Should().BeInRange(0.01m, owed);
            (c.AmountRecovered > 0).Should().Be(paid);
            c.AmountRecovered.Should().BeLessThanOrEqualTo(c.Agreement?.Amount ?? 0m);
            (c.Referral is not null).Should().Be(c.Outcome == SyntheticOutcome.Referred);
            (c.FollowUp is not null).Should().Be(c.Outcome == SyntheticOutcome.Closed);
            c.FollowUp?.Satisfaction.Should().BeInRange(1, 5);
            (c.Reason is not null).Should().Be(c.Outcome is SyntheticOutcome.Withdrawn or SyntheticOutcome.Rejected
                or SyntheticOutcome.MediationFailed or SyntheticOutcome.Referred);
        });
    }

    [Fact]
    public void Outcomes_OfOldCasesAreMostlyFinal_AndOfRecentCasesMostlyOpen()
    {
        var end = ChinaTime.EndOf(AGenerator.To);
        var old = Sample.Value.Where(c => (end - c.Case.ReceivedAt).TotalDays > 45).ToList();
        var recent = Sample.Value.Where(c => (end - c.Case.ReceivedAt).TotalDays < 3).ToList();

        Percent(old, IsOpen).Should().BeLessThan(10);
        recent.Should().HaveCountGreaterThan(50);
        Percent(recent, IsOpen).Should().BeGreaterThan(60);
    }

    [Fact]
    public void Cases_OverAllCounties_SplitTheTotalEvenly()
    {
        var generator = AGenerator.WithCounties(3).Build();

        var byPrefix = generator.Cases(1001, AGenerator.From, AGenerator.To)
            .GroupBy(c => c.Case.Number[..c.Case.Number.IndexOf('-', StringComparison.Ordinal)])
            .ToDictionary(g => g.Key, g => g.Count());

        byPrefix.Should().Equal(new Dictionary<string, int> { ["AJ"] = 334, ["JM"] = 334, ["SF3"] = 333 });
    }

    [Fact]
    public void Cases_ForACountyOfAnotherGenerator_OrABackwardRange_AreRefused()
    {
        var foreign = AGenerator.WithSeed(1).Build().Counties[0];

        var fromForeign = () => Generator.Cases(foreign, 10, AGenerator.From, AGenerator.To);
        var backwards = () => Generator.Cases(Generator.Counties[0], 10, AGenerator.To, AGenerator.From);

        fromForeign.Should().Throw<ArgumentException>();
        backwards.Should().Throw<ArgumentException>().WithMessage("*ends*before it starts*");
    }

    private static bool IsOpen(SyntheticCase c) =>
        c.Outcome is SyntheticOutcome.AwaitingAcceptance or SyntheticOutcome.InMediation or SyntheticOutcome.AgreementReached;

    private static List<SyntheticCase> Cases(SyntheticGenerator generator, int count) =>
        [.. generator.Cases(generator.Counties[0], count, AGenerator.From, AGenerator.To)];

    private static DisputeFacts Facts(NewCase intake) =>
        new(intake.Workers.Select(w => new WorkerArrears(w.AmountOwed, w.MonthsOwed)), intake.DeclaredWorkers, intake.Signals);

    private static double Share(List<RiskColor> colours, RiskColor colour) => 100d * colours.Count(c => c == colour) / colours.Count;

    private static double Percent(IReadOnlyCollection<SyntheticCase> cases, Func<SyntheticCase, bool> predicate) =>
        100d * cases.Count(predicate) / cases.Count;

    private static string Yuan(decimal amount) =>
        amount >= 10_000m
            ? (amount / 10_000m).ToString("0.##", CultureInfo.InvariantCulture) + "万元"
            : amount.ToString("0", CultureInfo.InvariantCulture) + "元";
}
