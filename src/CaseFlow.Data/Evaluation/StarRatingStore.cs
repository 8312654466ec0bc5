using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Evaluation;
using Dapper;

namespace CaseFlow.Data.Evaluation;

/// <summary>One rating of a unit for a year, as stored.</summary>
public sealed record StarRating(long UnitId, string UnitName, int Year, int Stars, decimal Score, decimal MaxPoints, int SchemeVersion, DateTimeOffset RatedAt);

/// <summary>
/// 评星定级: a year's stars for every unit of a scope, from its yearly score against the scheme's bands. Rating a year
/// again adds new rows, so a unit can move up several stars or lose them and the earlier rows stay as history.
/// </summary>
public sealed class StarRatingStore(Database database, ScorecardQuery scorecards, AuditWriter audit, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO star_ratings (unit_id, year, stars, score, max_points, scheme_version, rated_by_user_id, rated_at)
        VALUES (@UnitId, @Year, @Stars, @Score, @MaxPoints, @SchemeVersion, @RatedByUserId, @RatedAt)
        """;

    private readonly SqlDialect _dialect = database.Dialect;

    /// <summary>Rates every unit below <paramref name="scopePath"/> for <paramref name="year"/>, with one audit row for the run.</summary>
    /// <returns>The ratings written.</returns>
    public async Task<IReadOnlyList<StarRating>> RateYearAsync(long countyId, string scopePath, int year, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var ranking = await scorecards.RankAsync(countyId, scopePath, ScorePeriod.YearOf(year), ct);
        var now = time.GetUtcNow();
        var ratings = ranking.Units.Select(u => new StarRating(u.Unit.Id, u.Unit.Name, year, u.Card.Stars, u.Card.Score, u.Card.MaxPoints, u.Card.SchemeVersion, now)).ToList();
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var r in ratings)
            {
                await connection.ExecuteAsync(new CommandDefinition(Insert, new
                {
                    r.UnitId, r.Year, r.Stars, r.Score, r.MaxPoints, r.SchemeVersion, RatedByUserId = actor.UserId, RatedAt = now,
                }, transaction, cancellationToken: ct));
            }

            await audit.WriteAsync(connection, transaction, actor, "star_rating.rate_year", "org_unit", countyId.ToString(CultureInfo.InvariantCulture),
                new { year, units = ratings.Count, schemeVersion = ranking.Scheme.Version, stars = ratings.GroupBy(r => r.Stars).OrderByDescending(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count()) }, ct);
        }, ct);
        return ratings;
    }

    /// <summary>A unit's ratings, year by year (the latest of each year), newest year first.</summary>
    public async Task<IReadOnlyList<StarRating>> HistoryAsync(long unitId, CancellationToken ct = default)
    {
        const string sql = """
            SELECT r.unit_id AS UnitId, u.name AS UnitName, r.year AS Year, r.stars AS Stars, r.score AS Score, r.max_points AS MaxPoints,
                   r.scheme_version AS SchemeVersion, r.rated_at AS RatedAt
            FROM star_ratings AS r JOIN org_units AS u ON u.id = r.unit_id
            WHERE r.unit_id = @UnitId
              AND r.id = (SELECT MAX(x.id) FROM star_ratings AS x WHERE x.unit_id = r.unit_id AND x.year = r.year)
            ORDER BY r.year DESC
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { UnitId = unitId }, cancellationToken: ct));
        return [.. rows.Select(r => new StarRating(r.UnitId, r.UnitName, r.Year, r.Stars, r.Score, r.MaxPoints, r.SchemeVersion, r.RatedAt))];
    }

    /// <summary>The latest rated stars of a year for every unit below the scope.</summary>
    internal static async Task<Dictionary<long, int>> LatestAsync(DbConnection connection, SqlDialect dialect, string scopePath, int year, CancellationToken ct)
    {
        var sql = $"""
            SELECT r.unit_id AS UnitId, r.stars AS Stars
            FROM star_ratings AS r JOIN org_units AS u ON u.id = r.unit_id
            WHERE {dialect.SubtreeCondition("u.path")} AND r.year = @Year
              AND r.id = (SELECT MAX(x.id) FROM star_ratings AS x WHERE x.unit_id = r.unit_id AND x.year = r.year)
            """;
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { SubtreePattern = dialect.SubtreePattern(scopePath), Year = year }, cancellationToken: ct));
        return rows.ToDictionary(r => r.UnitId, r => r.Stars);
    }

    private sealed class Row
    {
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public int Year { get; init; }
        public int Stars { get; init; }
        public decimal Score { get; init; }
        public decimal MaxPoints { get; init; }
        public int SchemeVersion { get; init; }
        public DateTimeOffset RatedAt { get; init; }
    }
}
