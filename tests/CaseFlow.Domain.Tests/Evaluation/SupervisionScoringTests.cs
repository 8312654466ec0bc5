using CaseFlow.Domain.Evaluation;

namespace CaseFlow.Domain.Tests.Evaluation;

/// <summary>
/// The supervision (督办) indicator and deduction of the default scheme, on hand-made due dates: what counts, what is
/// on time, the points and the cap.
/// </summary>
public sealed class SupervisionScoringTests
{
    private static readonly DateOnly AsOf = new(2026, 4, 1);

    private static readonly long[] LateCases = [12, 13];

    private static SupervisionDueDate Due(long supervision, long caseId, int round, DateOnly due, DateTimeOffset? answered) =>
        new(supervision, caseId, "/1/2/", round, due, answered);

    // China time 18:00 on a day (10:00 UTC).
    private static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    private static UnitFacts Facts(params SupervisionDueDate[] dates) => new() { UnitId = 2, Cases = [], AsOf = AsOf, Supervisions = dates };

    [Fact]
    public void FeedbackOnTime_CountsPastOrAnsweredDates_OnTimeByChinaDate_AndEarnsLinearPoints()
    {
        var facts = Facts(
            Due(1, 11, 1, new DateOnly(2026, 3, 10), At(3, 10)), // answered on the day itself: on time
            Due(1, 11, 2, new DateOnly(2026, 3, 20), At(3, 18)), // sent back, answered early: on time
            Due(2, 12, 1, new DateOnly(2026, 3, 15), At(3, 16)), // answered a day late
            Due(3, 13, 1, new DateOnly(2026, 3, 25), null),      // passed unanswered
            Due(4, 14, 1, new DateOnly(2026, 4, 5), null));      // not due yet: not measured

        var card = ScorecardCalculator.Compute(ScoringScheme.Default, facts);

        var line = card.Indicators.Single(i => i.Code == "supervision-feedback-on-time");
        // Four dates measured, two on time: 0.5, the floor → 0 of 10 points.
        line.Measure.Should().BeEquivalentTo(new { Value = 0.5m, Numerator = 2L, Denominator = 4L });
        line.Measure.Cases.Should().Equal(11, 12, 13);
        line.Measure.Meeting.Should().Equal(11);
        line.Points.Should().Be(0m);
        line.MaxPoints.Should().Be(10m);
        // Supervisions 2 and 3 were not fed back on time: −2 each, the cases as evidence.
        card.Deductions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "supervision-feedback-overdue", Items = 2, Points = -4m, Evidence = LateCases });
        // No case: only the overdue-cases indicator's 20; 20 − 4 = 16.
        card.Score.Should().Be(16m);
    }

    [Fact]
    public void FeedbackOnTime_ThreeOfFourOnTime_Earns5Points_AndTheDeductionStopsAtItsCap()
    {
        var onTime = Facts(
            Due(1, 11, 1, new DateOnly(2026, 3, 10), At(3, 9)),
            Due(2, 12, 1, new DateOnly(2026, 3, 10), At(3, 9)),
            Due(3, 13, 1, new DateOnly(2026, 3, 10), At(3, 10)),
            Due(4, 14, 1, new DateOnly(2026, 3, 10), null));
        // 0.75: 10 × (0.75 − 0.50) / 0.50 = 5.
        ScorecardCalculator.Compute(ScoringScheme.Default, onTime).Indicators.Single(i => i.Code == "supervision-feedback-on-time").Points.Should().Be(5m);

        var late = Facts([.. Enumerable.Range(1, 7).Select(n => Due(n, 100 + n, 1, new DateOnly(2026, 3, 1), null))]);
        var deduction = ScorecardCalculator.Compute(ScoringScheme.Default, late).Deductions.Single(d => d.Code == "supervision-feedback-overdue");
        // Seven items at −2 would be −14; the scheme caps the deduction at −10.
        (deduction.Items, deduction.Points).Should().Be((7, -10m));
    }

    [Fact]
    public void DefaultScheme_StillAddsUpTo200()
    {
        var scheme = ScoringScheme.Default;
        (scheme.Indicators.Sum(i => i.Points) + scheme.BonusCap).Should().Be(scheme.MaxPoints).And.Be(200m);
        scheme.Indicators.Single(i => i.Code == "supervision-feedback-on-time").Points.Should().Be(10m);
        scheme.Indicators.Single(i => i.Code == "follow-up-satisfaction").Points.Should().Be(10m);
        scheme.Deductions.Should().Contain(new DeductionRule("supervision-feedback-overdue", 2m, 10m));
    }
}
