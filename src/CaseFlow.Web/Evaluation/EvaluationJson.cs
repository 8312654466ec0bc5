using CaseFlow.Data.Evaluation;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Evaluation;

public sealed record IndicatorJson(string Code, string Name, string Unit, decimal? Value, long Numerator, long Denominator, decimal Points, decimal MaxPoints, decimal Floor, decimal Target, IReadOnlyList<long> Cases, IReadOnlyList<long> Meeting);

public sealed record AdjustmentJson(string Code, string Name, int Items, decimal Points, decimal Cap, IReadOnlyList<long> Evidence);

public sealed record ScorecardJson(
    long UnitId, string UnitName, string UnitKind, int Rank, decimal Score, decimal MaxPoints, int Stars, int? RatedStars, decimal? PreviousScore, decimal? Trend,
    int SchemeVersion, IReadOnlyList<IndicatorJson> Indicators, IReadOnlyList<AdjustmentJson> Bonuses, IReadOnlyList<AdjustmentJson> Deductions);

public sealed record RankingJson(string Period, int SchemeVersion, decimal MaxPoints, IReadOnlyList<ScorecardJson> Units);

/// <summary>The API's shape of scorecards: every figure with the ids of the cases behind it.</summary>
public static class EvaluationJson
{
    public static RankingJson From(RankingView view, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new RankingJson(view.Ranking.Period.ToString(), view.Ranking.Scheme.Version, view.Ranking.Scheme.MaxPoints,
            [.. view.Rows.Select(r => From(r.Score, r.Rank, language))]);
    }

    public static ScorecardJson From(UnitScore score, int rank, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(score);
        var english = language == MessageLanguage.English;
        var c = score.Card;
        return new ScorecardJson(
            score.Unit.Id, score.Unit.Name, score.Unit.Kind.ToString().ToLowerInvariant(), rank, c.Score, c.MaxPoints, c.Stars, score.RatedStars, score.PreviousScore, score.Trend,
            c.SchemeVersion,
            [.. c.Indicators.Select(i => new IndicatorJson(i.Code, english ? i.Name.En : i.Name.Zh, i.Unit.ToString().ToLowerInvariant(), i.Measure.Value, i.Measure.Numerator, i.Measure.Denominator,
                i.Points, i.MaxPoints, i.Rule.Floor, i.Rule.Target, i.Measure.Cases, i.Measure.Meeting))],
            [.. c.Bonuses.Select(b => Adjustment(b, english))],
            [.. c.Deductions.Select(d => Adjustment(d, english))]);
    }

    private static AdjustmentJson Adjustment(AdjustmentScore a, bool english) =>
        new(a.Code, english ? a.Name.En : a.Name.Zh, a.Items, a.Points, a.Cap, a.Evidence);
}
