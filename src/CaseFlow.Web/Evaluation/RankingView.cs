using CaseFlow.Data.Evaluation;
using CaseFlow.Domain;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Evaluation;

/// <summary>What the ranking page, the API and the xlsx export ask for: a period, a unit kind and an order.</summary>
public sealed record RankingQuery(string? Period, string? Kind, string? Sort, bool? Desc);

/// <summary>A ranking as asked: the units of the kind, in the order asked, each with its rank by score.</summary>
public sealed record RankingView(Ranking Ranking, IReadOnlyList<(int Rank, UnitScore Score)> Rows, string Sort, bool Desc, UnitKind? Kind);

/// <summary>Parses a <see cref="RankingQuery"/> (field errors in the caller's language) and orders a ranking by it.</summary>
public static class RankingViews
{
    public static readonly IReadOnlyList<string> Kinds = ["town", "village", "enterprise"];

    public static IReadOnlyList<string> Sorts { get; } = ["score", "name", "trend", "stars", .. ScoreCatalogue.Indicators.Select(i => i.Code)];

    /// <summary>The period asked for (this year by default), the kind, or the errors.</summary>
    public static (ValidationErrors Errors, ScorePeriod Period, UnitKind? Kind) Parse(RankingQuery query, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(time);
        var errors = new ValidationErrors();
        var period = ScorePeriod.YearOf(ChinaTime.DateOf(time.GetUtcNow()).Year);
        if (!string.IsNullOrWhiteSpace(query.Period) && !ScorePeriod.TryParse(query.Period, out period))
        {
            errors.Add("period", ValidationMessages.PeriodFormat, ScorePeriod.MinYear, ScorePeriod.MaxYear);
        }

        errors.OneOf("kind", query.Kind, Kinds);
        errors.OneOf("sort", query.Sort, Sorts);
        UnitKind? kind = query.Kind is { Length: > 0 } k && Kinds.Contains(k) ? Enum.Parse<UnitKind>(k, ignoreCase: true) : null;
        return (errors, period, kind);
    }

    public static RankingView Order(Ranking ranking, RankingQuery query, UnitKind? kind)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(query);
        var sort = query.Sort is { Length: > 0 } s && Sorts.Contains(s) ? s : "score";
        var desc = query.Desc ?? sort != "name";
        var ranked = ranking.Units.Where(u => kind is null || u.Unit.Kind == kind)
            .OrderByDescending(u => u.Card.Score).ThenBy(u => u.Unit.Path, StringComparer.Ordinal)
            .Select((u, i) => (Rank: i + 1, Score: u)).ToList();
        IEnumerable<(int Rank, UnitScore Score)> ordered = sort switch
        {
            "score" => desc ? ranked : ranked.AsEnumerable().Reverse(),
            "name" => desc ? ranked.OrderByDescending(r => r.Score.Unit.Name, StringComparer.Ordinal) : ranked.OrderBy(r => r.Score.Unit.Name, StringComparer.Ordinal),
            "trend" => desc ? ranked.OrderByDescending(r => r.Score.Trend ?? decimal.MinValue) : ranked.OrderBy(r => r.Score.Trend ?? decimal.MaxValue),
            "stars" => desc ? ranked.OrderByDescending(r => r.Score.Card.Stars).ThenBy(r => r.Rank) : ranked.OrderBy(r => r.Score.Card.Stars).ThenBy(r => r.Rank),
            _ => desc ? ranked.OrderByDescending(r => PointsOf(r.Score, sort)).ThenBy(r => r.Rank) : ranked.OrderBy(r => PointsOf(r.Score, sort)).ThenBy(r => r.Rank),
        };
        return new RankingView(ranking, [.. ordered], sort, desc, kind);
    }

    private static decimal PointsOf(UnitScore score, string code) => score.Card.Indicators.FirstOrDefault(i => i.Code == code)?.Points ?? 0m;
}
