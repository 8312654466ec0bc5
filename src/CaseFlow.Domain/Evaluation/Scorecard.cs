namespace CaseFlow.Domain.Evaluation;

/// <summary>One indicator on a scorecard: what was measured and the points it earned of its maximum.</summary>
public sealed record IndicatorScore(string Code, IndicatorName Name, IndicatorUnit Unit, IndicatorMeasure Measure, decimal Points, decimal MaxPoints, IndicatorRule Rule);

/// <summary>A bonus or deduction line: how many items, the points (positive for bonuses, negative for deductions) and the evidence ids.</summary>
public sealed record AdjustmentScore(string Code, IndicatorName Name, int Items, decimal Points, decimal Cap, IReadOnlyList<long> Evidence);

/// <summary>A unit's score for a period under one scheme version, explaining itself line by line.</summary>
public sealed record Scorecard(
    long UnitId,
    int SchemeVersion,
    decimal MaxPoints,
    decimal Score,
    int Stars,
    IReadOnlyList<IndicatorScore> Indicators,
    IReadOnlyList<AdjustmentScore> Bonuses,
    IReadOnlyList<AdjustmentScore> Deductions);

/// <summary>Computes scorecards: pure arithmetic over <see cref="UnitFacts"/> and a <see cref="ScoringScheme"/>.</summary>
public static class ScorecardCalculator
{
    public static Scorecard Compute(ScoringScheme scheme, UnitFacts facts)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(facts);

        var indicators = scheme.Indicators.Select(rule =>
        {
            var indicator = ScoreCatalogue.Indicator(rule.Code)
                ?? throw new ArgumentException($"The scheme names an unknown indicator '{rule.Code}'.", nameof(scheme));
            var measure = indicator.Measure(facts);
            return new IndicatorScore(indicator.Code, indicator.Name, indicator.Unit, measure, PointsFor(rule, measure.Value), rule.Points, rule);
        }).ToList();

        var bonuses = scheme.Bonuses.Select(rule =>
        {
            var items = facts.AcceptedBonuses.Where(b => b.Kind == rule.Code).ToList();
            return new AdjustmentScore(rule.Code, new IndicatorName(rule.NameZh, rule.NameEn), items.Count, Math.Min(rule.Cap, items.Count * rule.PointsEach), rule.Cap, [.. items.Select(b => b.Id)]);
        }).Where(b => b.Items > 0).ToList();

        var deductions = scheme.Deductions.Select(rule =>
        {
            var deduction = ScoreCatalogue.Deduction(rule.Code)
                ?? throw new ArgumentException($"The scheme names an unknown deduction '{rule.Code}'.", nameof(scheme));
            var evidence = deduction.Evidence(facts);
            return new AdjustmentScore(rule.Code, deduction.Name, evidence.Count, -Math.Min(rule.Cap, evidence.Count * rule.PointsEach), rule.Cap, evidence);
        }).Where(d => d.Items > 0).ToList();

        var score = indicators.Sum(i => i.Points) + Math.Min(scheme.BonusCap, bonuses.Sum(b => b.Points)) + deductions.Sum(d => d.Points);
        score = Math.Clamp(score, 0m, scheme.MaxPoints);
        return new Scorecard(facts.UnitId, scheme.Version, scheme.MaxPoints, score, scheme.StarsFor(score), indicators, bonuses, deductions);
    }

    /// <summary>Linear between floor (0 points) and target (all points), to the hundredth; nothing to measure earns nothing.</summary>
    public static decimal PointsFor(IndicatorRule rule, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (value is not { } v)
        {
            return 0m;
        }

        var reached = Math.Clamp((v - rule.Floor) / (rule.Target - rule.Floor), 0m, 1m);
        return Math.Round(rule.Points * reached, 2, MidpointRounding.AwayFromZero);
    }
}
