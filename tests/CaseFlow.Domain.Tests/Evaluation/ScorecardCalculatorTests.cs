using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Evaluation;

namespace CaseFlow.Domain.Tests.Evaluation;

/// <summary>
/// A small county's town with four cases, scored under the default scheme; every expected figure is worked out by
/// hand in the comments from the scheme's floors, targets and points.
/// </summary>
public sealed class ScorecardCalculatorTests
{
    private static readonly DateOnly AsOf = new(2026, 4, 1);

    private static (UnitFacts Facts, ScoredCase C1, ScoredCase C2, ScoredCase C3, ScoredCase C4) Town()
    {
        // C1: accepted at level 1, agreed there, paid a day early, fully recovered, satisfied (5).
        var c1 = AScoredCase.At("/1/2/7/").Graded(RiskColor.Yellow, 1).Accepted()
            .Agreed(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 9)).Owed(10_000m, 10_000m).FollowedUp(5).Build();
        // C2: red at level 2, nobody accepted it, the timer moved it to level 3, agreed there, never paid (due 20 March).
        var c2 = AScoredCase.At("/1/2/").Graded(RiskColor.Red, 2).TimedOut(3).Accepted()
            .Agreed(new DateOnly(2026, 3, 20), null).Owed(20_000m, 5_000m).Build();
        // C3: accepted at level 1, escalated by hand, accepted at level 2, still in mediation; nothing owed known.
        var c3 = AScoredCase.At("/1/2/7/").Graded(RiskColor.Yellow, 1).Accepted().Escalated(2).Accepted().Build();
        // C4: withdrawn while waiting at level 1; followed up, satisfaction 3.
        var c4 = AScoredCase.At("/1/2/").Graded(RiskColor.Yellow, 1).Withdrawn().Owed(6_000m, 0m).FollowedUp(3).Build();
        var facts = new UnitFacts
        {
            UnitId = 2,
            Cases = [c1, c2, c3, c4],
            AsOf = AsOf,
            AcceptedBonuses = [new(1, "provincial-recognition", "省级模范"), new(2, "provincial-recognition", "省级先进"), new(3, "innovation", "线上调解")],
        };
        return (facts, c1, c2, c3, c4);
    }

    [Fact]
    public void Compute_ForASmallTown_GivesTheHandWorkedFigures()
    {
        var (facts, c1, c2, c3, c4) = Town();

        var card = ScorecardCalculator.Compute(ScoringScheme.Default, facts);

        var byCode = card.Indicators.ToDictionary(i => i.Code);

        // Acceptance: C1, C2, C3 left a waiting state by acceptance or the timer (C4 by withdrawal, not measured);
        // C2 was moved on by the timer. 2 of 3 = 0.6667 → 30 × (0.6667 − 0.60) / 0.40 = 5.0025 → 5.00.
        byCode["acceptance-on-time"].Measure.Should().BeEquivalentTo(new { Value = 0.6667m, Numerator = 2L, Denominator = 3L });
        byCode["acceptance-on-time"].Measure.Cases.Should().BeEquivalentTo([c1.Id, c2.Id, c3.Id]);
        byCode["acceptance-on-time"].Points.Should().Be(5.00m);

        // Agreements: C1 and C2; C2 had a limit run out. 1 of 2 = 0.5, at the floor 0.50 → 0.
        byCode["resolved-within-limits"].Measure.Value.Should().Be(0.5m);
        byCode["resolved-within-limits"].Points.Should().Be(0m);

        // At level 1: C1 of C1, C2 = 0.5 → 20 × (0.5 − 0.30) / 0.55 = 7.2727… → 7.27.
        byCode["resolved-at-level-1"].Measure.Meeting.Should().Equal(c1.Id);
        byCode["resolved-at-level-1"].Points.Should().Be(7.27m);

        // Escalated: C2 (2 → 3 by the timer) and C3 (1 → 2 by hand) of four graded = 0.5 → 15 × (0.5 − 0.60) / (0.10 − 0.60) = 3.00.
        byCode["escalated-share"].Measure.Meeting.Should().BeEquivalentTo([c2.Id, c3.Id]);
        byCode["escalated-share"].Points.Should().Be(3.00m);

        // Money: owed 10,000 + 20,000 + 6,000 = 36,000; recovered 10,000 + 5,000 + 0 = 15,000; 0.41666… → 0.4167
        // → 30 × (0.4167 − 0.30) / 0.65 = 5.3861… → 5.39.
        byCode["money-recovered"].Measure.Should().BeEquivalentTo(new { Value = 0.4167m, Numerator = 15_000L, Denominator = 36_000L });
        byCode["money-recovered"].Measure.Cases.Should().BeEquivalentTo([c1.Id, c2.Id, c4.Id]);
        byCode["money-recovered"].Points.Should().Be(5.39m);

        // Performance: C1 paid on 9 March for 10 March, C2 due 20 March unpaid on 1 April. 1 of 2 at the floor → 0.
        byCode["agreements-performed-on-time"].Measure.Meeting.Should().Equal(c1.Id);
        byCode["agreements-performed-on-time"].Points.Should().Be(0m);

        // Satisfaction: C1 (5) satisfied, C4 (3) not. 0.5 below the floor 0.60 → 0.
        byCode["follow-up-satisfaction"].Measure.Denominator.Should().Be(2);
        byCode["follow-up-satisfaction"].Points.Should().Be(0m);

        // Overdue: C2 alone → 20 × (1 − 10) / (0 − 10) = 18.00.
        byCode["overdue-cases"].Measure.Cases.Should().Equal(c2.Id);
        byCode["overdue-cases"].Points.Should().Be(18.00m);

        // Bonuses: two provincial recognitions 2 × 3 = 6, capped at 5; one innovation 2. 7, under the cap of 10.
        card.Bonuses.Should().BeEquivalentTo(
        [
            new { Code = "provincial-recognition", Items = 2, Points = 5m },
            new { Code = "innovation", Items = 1, Points = 2m },
        ]);

        // Deduction: C2 is red and the timer moved it on unaccepted: −2.
        card.Deductions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "red-case-escalated-unaccepted", Points = -2m, Evidence = new[] { c2.Id } });

        // 5.00 + 0 + 7.27 + 3.00 + 5.39 + 0 + 0 + 18.00 + 7 − 2 = 43.66, out of 200: one star (below 110).
        card.Score.Should().Be(43.66m);
        card.MaxPoints.Should().Be(200m);
        card.Stars.Should().Be(1);
        c4.Id.Should().NotBe(c3.Id);
    }

    [Fact]
    public void Compute_WithAllBonusesOverTheCap_AddsNoMoreThanTheCap()
    {
        var (facts, _, _, _, _) = Town();
        var many = facts with
        {
            AcceptedBonuses = [.. Enumerable.Range(1, 9).Select(i => new AcceptedBonus(i, (i % 3) switch { 0 => "provincial-recognition", 1 => "city-recognition", _ => "innovation" }, "x"))],
        };

        var card = ScorecardCalculator.Compute(ScoringScheme.Default, many);

        // 3 of each: provincial 9 → 5, city 6 → 4, innovation 6 → 4: 13, capped at 10. 43.66 − 7 + 10 = 46.66.
        card.Bonuses.Sum(b => b.Points).Should().Be(13m);
        card.Score.Should().Be(46.66m);
    }

    [Fact]
    public void Compute_WithNoCases_EarnsOnlyTheOverdueIndicatorsFullPoints()
    {
        var card = ScorecardCalculator.Compute(ScoringScheme.Default, new UnitFacts { UnitId = 9, Cases = [], AsOf = AsOf });

        // Nothing to measure earns nothing; no overdue case is the target of that indicator: 20.
        card.Indicators.Where(i => i.Code != "overdue-cases").Should().OnlyContain(i => i.Measure.Value == null && i.Points == 0m);
        card.Score.Should().Be(20m);
    }

    [Theory]
    [InlineData(170, 5)]
    [InlineData(169.99, 4)]
    [InlineData(150, 4)]
    [InlineData(130, 3)]
    [InlineData(110, 2)]
    [InlineData(0, 1)]
    public void StarsFor_ReadsTheBands(double score, int stars) =>
        ScoringScheme.Default.StarsFor((decimal)score).Should().Be(stars);

    [Theory]
    [InlineData(0.95, 30)]
    [InlineData(1.0, 30)]
    [InlineData(0.5, 0)]
    [InlineData(0.2, 0)]
    [InlineData(0.725, 15)]
    public void PointsFor_IsLinearBetweenFloorAndTarget(double value, double points) =>
        ScorecardCalculator.PointsFor(new IndicatorRule("resolved-within-limits", 30m, 0.5m, 0.95m), (decimal)value).Should().Be((decimal)points);

    [Fact]
    public void Validate_DefaultScheme_HasNoProblems() => ScoringScheme.Default.Validate().Should().BeEmpty();

    [Fact]
    public void Validate_ABadScheme_NamesEachField()
    {
        var bad = ScoringScheme.Default with
        {
            MaxPoints = 100m,
            Indicators = [new("no-such-indicator", 50m, 0m, 1m), new("overdue-cases", 60m, 3m, 3m)],
            StarBands = [new(1, 0m), new(2, 0m)],
        };

        bad.Validate().Select(p => p.Field).Should().BeEquivalentTo(["indicators[0].code", "indicators[1].target", "maxPoints", "starBands[1].minScore"]);
    }

    [Fact]
    public void Validate_PointsBelowTheMaximum_AreAProblemOfTheMaximum_WithBothFigures()
    {
        var short10 = ScoringScheme.Default with { Indicators = [.. ScoringScheme.Default.Indicators.Select((r, i) => i == 0 ? r with { Points = 20m } : r)] };

        var problem = short10.Validate().Should().ContainSingle().Subject;

        problem.Field.Should().Be("maxPoints");
        problem.Key.Should().Be(SchemeMessages.PointsMustEqualMaximum);
        problem.Arguments.Should().Equal(190m, 200m);
    }

    [Fact]
    public void Validate_AFloorOnTheWrongSideOfTheTarget_IsRefusedByTheIndicatorsOwnDirection()
    {
        var reversed = ScoringScheme.Default with
        {
            Indicators = [.. ScoringScheme.Default.Indicators.Select(r => r.Code switch
            {
                "acceptance-on-time" => r with { Floor = 0.9m, Target = 0.5m },  // higher is better: target must be above
                "overdue-cases" => r with { Floor = 0m, Target = 5m },           // lower is better: target must be below
                "money-recovered" => r with { Target = 1.5m },                   // a share cannot pass 100%
                _ => r,
            })],
        };

        reversed.Validate().Select(p => (p.Field, p.Key)).Should().BeEquivalentTo(
        [
            ("indicators[0].target", SchemeMessages.TargetBelowFloor),
            ("indicators[7].target", SchemeMessages.TargetAboveFloor),
            ("indicators[4].target", SchemeMessages.OutOfRange),
        ]);
    }

    [Fact]
    public void Validate_StarBandsThatDoNotRiseWithTheStars_NameTheBandOutOfOrder()
    {
        var bands = ScoringScheme.Default with { StarBands = [new(5, 170m), new(4, 175m), new(3, 130m), new(2, 110m), new(1, 0m)] };

        bands.Validate().Select(p => p.Field).Should().Equal("starBands[0].minScore");
    }

    [Theory]
    [InlineData("2026", "2026-01-01", "2027-01-01", "2025")]
    [InlineData("2026-Q1", "2026-01-01", "2026-04-01", "2025-Q4")]
    [InlineData("2026-10", "2026-10-01", "2026-11-01", "2026-09")]
    [InlineData("2026-01", "2026-01-01", "2026-02-01", "2025-12")]
    public void ScorePeriod_ParsesYearsQuartersAndMonths(string text, string from, string to, string previous)
    {
        ScorePeriod.TryParse(text, out var period).Should().BeTrue();
        period.From.Should().Be(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        period.To.Should().Be(DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        period.Previous.ToString().Should().Be(previous);
        period.ToString().Should().Be(text);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("1999")]
    [InlineData("twenty")]
    [InlineData("")]
    public void ScorePeriod_RefusesOtherText(string text) => ScorePeriod.TryParse(text, out _).Should().BeFalse();
}
