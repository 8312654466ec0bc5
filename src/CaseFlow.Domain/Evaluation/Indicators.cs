using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Evaluation;

/// <summary>
/// What one indicator measured for a unit: the value (a share 0–1, an amount ratio or a count), the counts behind it
/// and the cases: <see cref="Cases"/> are the ones measured, <see cref="Meeting"/> those that met the indicator.
/// </summary>
public sealed record IndicatorMeasure(decimal? Value, long Numerator, long Denominator, IReadOnlyList<long> Cases, IReadOnlyList<long> Meeting)
{
    public static IndicatorMeasure Share(IReadOnlyList<ScoredCase> measured, Func<ScoredCase, bool> meets)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var meeting = measured.Where(meets).Select(c => c.Id).ToList();
        decimal? value = measured.Count == 0 ? null : Math.Round((decimal)meeting.Count / measured.Count, 4, MidpointRounding.AwayFromZero);
        return new IndicatorMeasure(value, meeting.Count, measured.Count, [.. measured.Select(c => c.Id)], meeting);
    }
}

/// <summary>One indicator of a unit's scorecard, named as what it measures.</summary>
public interface IScoreIndicator
{
    /// <summary>Stable code, used in scoring schemes ("acceptance-on-time").</summary>
    string Code { get; }

    /// <summary>What it measures, in Chinese and English.</summary>
    IndicatorName Name { get; }

    /// <summary>How the value reads: a share (shown as a percentage) or a count.</summary>
    IndicatorUnit Unit { get; }

    /// <summary>Whether a lower value is better (escalations, overdue cases): its target lies below its floor.</summary>
    bool LowerIsBetter => false;

    IndicatorMeasure Measure(UnitFacts facts);
}

public sealed record IndicatorName(string Zh, string En);

public enum IndicatorUnit
{
    Share,
    Count,
}

/// <summary>A deduction the system sees for itself, with the cases (or other records) as evidence.</summary>
public interface IAutomaticDeduction
{
    string Code { get; }

    IndicatorName Name { get; }

    /// <summary>The ids of the records that each cost the deduction's points once.</summary>
    IReadOnlyList<long> Evidence(UnitFacts facts);
}

/// <summary>Of the times a case waited for acceptance at a level, the share accepted before the acceptance time ran out.</summary>
public sealed class AcceptanceOnTime : IScoreIndicator
{
    public string Code => "acceptance-on-time";

    public IndicatorName Name { get; } = new("按时受理率", "Accepted on time");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        // A case counts once it has left a waiting state by acceptance or by the timer; it is on time when the
        // timer never moved it on from a waiting state.
        var measured = facts.Cases.Where(c => c.Steps.Any(s => IsAwaiting(s.From) && s.Trigger is CaseTrigger.Accept or CaseTrigger.DeadlineElapsed)).ToList();
        return IndicatorMeasure.Share(measured, c => !c.Steps.Any(s => IsAwaiting(s.From) && s.Trigger == CaseTrigger.DeadlineElapsed));
    }

    internal static bool IsAwaiting(CaseState? state) =>
        state is CaseState.Level1AwaitingAcceptance or CaseState.Level2AwaitingAcceptance or CaseState.Level3AwaitingAcceptance;
}

/// <summary>Of the cases that reached an agreement, the share that got there without any level's time limit running out.</summary>
public sealed class ResolvedWithinLimits : IScoreIndicator
{
    public string Code => "resolved-within-limits";

    public IndicatorName Name { get; } = new("期限内调解成功率", "Resolved within the time limits");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.Has(CaseTrigger.ReachAgreement)).ToList();
        return IndicatorMeasure.Share(measured, c => !c.Has(CaseTrigger.DeadlineElapsed));
    }
}

/// <summary>
/// Of the cases that reached an agreement, the share settled at level 1: inside the enterprise where the ladder's
/// first level is the enterprise (Longgang's 85%).
/// </summary>
public sealed class ResolvedAtLevelOne : IScoreIndicator
{
    public string Code => "resolved-at-level-1";

    public IndicatorName Name { get; } = new("一级（企业内）化解率", "Resolved at level 1 (inside the enterprise)");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.Has(CaseTrigger.ReachAgreement)).ToList();
        return IndicatorMeasure.Share(measured, c => c.Steps.Any(s => s.Trigger == CaseTrigger.ReachAgreement && s.From == CaseState.Level1InMediation));
    }
}

/// <summary>Of the cases that entered mediation, the share moved up a level (by hand or by the timer). Lower is better.</summary>
public sealed class EscalatedShare : IScoreIndicator
{
    public string Code => "escalated-share";

    public IndicatorName Name { get; } = new("上交率", "Escalated");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public bool LowerIsBetter => true;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.Has(CaseTrigger.Grade)).ToList();
        return IndicatorMeasure.Share(measured, c => c.Steps.Any(s => (s.Trigger is CaseTrigger.Escalate or CaseTrigger.DeadlineElapsed or CaseTrigger.RiskRaised) && LevelOf(s.To) > LevelOf(s.From)));
    }

    private static int LevelOf(CaseState? state) => state switch
    {
        CaseState.Level1AwaitingAcceptance or CaseState.Level1InMediation => 1,
        CaseState.Level2AwaitingAcceptance or CaseState.Level2InMediation => 2,
        CaseState.Level3AwaitingAcceptance or CaseState.Level3InMediation => 3,
        _ => 0,
    };
}

/// <summary>Money recovered against money owed, over the cases with an amount owed.</summary>
public sealed class MoneyRecovered : IScoreIndicator
{
    public string Code => "money-recovered";

    public IndicatorName Name { get; } = new("欠薪追回率", "Money recovered of money owed");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.AmountOwed > 0).ToList();
        var owed = measured.Sum(c => c.AmountOwed ?? 0m);
        var recovered = measured.Sum(c => Math.Min(c.AmountRecovered, c.AmountOwed ?? 0m));
        decimal? value = owed == 0 ? null : Math.Round(recovered / owed, 4, MidpointRounding.AwayFromZero);
        var meeting = measured.Where(c => c.AmountRecovered >= c.AmountOwed).Select(c => c.Id).ToList();
        // The counts are yuan here, rounded down to the yuan: the value itself is exact.
        return new IndicatorMeasure(value, (long)recovered, (long)owed, [.. measured.Select(c => c.Id)], meeting);
    }
}

/// <summary>Of the agreements due by the day of the figures (or performed already), the share performed by their due date.</summary>
public sealed class AgreementsPerformedOnTime : IScoreIndicator
{
    public string Code => "agreements-performed-on-time";

    public IndicatorName Name { get; } = new("协议按期履行率", "Agreements performed on time");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.Agreements.Any(a => a.PerformedAt is not null || a.PaymentDueDate < facts.AsOf)).ToList();
        return IndicatorMeasure.Share(measured, c => c.Agreements
            .Where(a => a.PerformedAt is not null || a.PaymentDueDate < facts.AsOf)
            .All(a => a.PerformedAt is { } at && ChinaTime.DateOf(at) <= a.PaymentDueDate));
    }
}

/// <summary>Of the cases followed up, the share whose parties were satisfied (4 or 5 of 5).</summary>
public sealed class FollowUpSatisfaction : IScoreIndicator
{
    public const int Satisfied = 4;

    public string Code => "follow-up-satisfaction";

    public IndicatorName Name { get; } = new("回访满意率", "Satisfied at follow-up");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Cases.Where(c => c.Satisfaction is not null).ToList();
        return IndicatorMeasure.Share(measured, c => c.Satisfaction >= Satisfied);
    }
}

/// <summary>The cases on which a time limit ran out (acceptance or a level's limit). Lower is better.</summary>
public sealed class OverdueCases : IScoreIndicator
{
    public string Code => "overdue-cases";

    public IndicatorName Name { get; } = new("超期案件数", "Cases overdue");

    public IndicatorUnit Unit => IndicatorUnit.Count;

    public bool LowerIsBetter => true;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var overdue = facts.Cases.Where(c => c.Has(CaseTrigger.DeadlineElapsed)).Select(c => c.Id).ToList();
        return new IndicatorMeasure(overdue.Count, overdue.Count, facts.Cases.Count, overdue, overdue);
    }
}

/// <summary>A red case moved on by the timer because nobody accepted it: a deduction per case.</summary>
public sealed class RedCaseEscalatedUnaccepted : IAutomaticDeduction
{
    public string Code => "red-case-escalated-unaccepted";

    public IndicatorName Name { get; } = new("红色预警案件超时未受理被上交", "Red case escalated for want of acceptance");

    public IReadOnlyList<long> Evidence(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. facts.Cases
            .Where(c => c.Color == RiskColor.Red && c.Steps.Any(s => s.Trigger == CaseTrigger.DeadlineElapsed && AcceptanceOnTime.IsAwaiting(s.From)))
            .Select(c => c.Id)];
    }
}

/// <summary>
/// Of the supervision (督办) feedback dates of the period that are past or answered, the share the unit answered by the
/// date. The counts are due dates (a supervision sent back has one per round); the cases are the supervised cases, a
/// case meeting the indicator when every one of its dates was answered on time.
/// </summary>
public sealed class SupervisionFeedbackOnTime : IScoreIndicator
{
    public string Code => "supervision-feedback-on-time";

    public IndicatorName Name { get; } = new("督办按时反馈率", "Supervision fed back on time");

    public IndicatorUnit Unit => IndicatorUnit.Share;

    public IndicatorMeasure Measure(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var measured = facts.Supervisions.Where(d => d.IsMeasuredOn(facts.AsOf)).ToList();
        var onTime = measured.Count(d => d.AnsweredOnTime);
        decimal? value = measured.Count == 0 ? null : Math.Round((decimal)onTime / measured.Count, 4, MidpointRounding.AwayFromZero);
        var cases = measured.Select(d => d.CaseId).Distinct().ToList();
        var meeting = cases.Where(id => measured.Where(d => d.CaseId == id).All(d => d.AnsweredOnTime)).ToList();
        return new IndicatorMeasure(value, onTime, measured.Count, cases, meeting);
    }
}

/// <summary>
/// A supervision item not fed back on time (Zhangjiakou's −2 each): one deduction per supervision with a date of the
/// period that passed unanswered or was answered late; the evidence is the supervised case.
/// </summary>
public sealed class SupervisionFeedbackOverdue : IAutomaticDeduction
{
    public string Code => "supervision-feedback-overdue";

    public IndicatorName Name { get; } = new("督办事项未按时反馈", "Supervision not fed back on time");

    public IReadOnlyList<long> Evidence(UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return [.. facts.Supervisions
            .Where(d => d.IsMeasuredOn(facts.AsOf) && !d.AnsweredOnTime)
            .GroupBy(d => d.SupervisionId)
            .OrderBy(g => g.Key)
            .Select(g => g.First().CaseId)];
    }
}

/// <summary>Every indicator and automatic deduction a scoring scheme may name.</summary>
public static class ScoreCatalogue
{
    public static IReadOnlyList<IScoreIndicator> Indicators { get; } =
    [
        new AcceptanceOnTime(),
        new ResolvedWithinLimits(),
        new ResolvedAtLevelOne(),
        new EscalatedShare(),
        new MoneyRecovered(),
        new AgreementsPerformedOnTime(),
        new FollowUpSatisfaction(),
        new OverdueCases(),
        new SupervisionFeedbackOnTime(),
    ];

    public static IReadOnlyList<IAutomaticDeduction> Deductions { get; } =
    [
        new RedCaseEscalatedUnaccepted(),
        new SupervisionFeedbackOverdue(),
    ];

    public static IScoreIndicator? Indicator(string code) => Indicators.FirstOrDefault(i => i.Code == code);

    public static IAutomaticDeduction? Deduction(string code) => Deductions.FirstOrDefault(d => d.Code == code);
}
