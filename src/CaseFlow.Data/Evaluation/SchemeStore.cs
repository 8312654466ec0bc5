using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Evaluation;
using Dapper;

namespace CaseFlow.Data.Evaluation;

/// <summary>A stored version of a county's scoring scheme.</summary>
public sealed record StoredScheme(long CountyId, ScoringScheme Scheme, DateTimeOffset? CreatedAt);

/// <summary>
/// The versions of each county's scoring scheme. A county without a stored version is scored by
/// <see cref="ScoringScheme.Default"/> as version 1; the first saved version is then version 2 unless it says otherwise.
/// </summary>
public sealed class SchemeStore(Database database, AuditWriter audit, TimeProvider time)
{
    private readonly string _insert = database.Dialect.InsertReturningId("""
        INSERT INTO scoring_schemes (county_id, version, effective_from, max_points, definition, created_by_user_id, created_at)
        VALUES (@CountyId, @Version, @EffectiveFrom, @MaxPoints, @Definition, @CreatedByUserId, @CreatedAt)
        """);

    /// <summary>The version a period starting on <paramref name="day"/> is scored by: the latest in effect that day.</summary>
    public async Task<ScoringScheme> InEffectAsync(long countyId, DateOnly day, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await InEffectAsync(connection, null, countyId, day, ct);
    }

    internal static async Task<ScoringScheme> InEffectAsync(DbConnection connection, DbTransaction? transaction, long countyId, DateOnly day, CancellationToken ct)
    {
        const string sql = """
            SELECT version AS Version, effective_from AS EffectiveFrom, definition AS Definition
            FROM scoring_schemes
            WHERE county_id = @CountyId AND effective_from <= @Day
            ORDER BY effective_from DESC, version DESC
            """;
        var rows = await connection.QueryAsync<StoredRow>(new CommandDefinition(sql, new { CountyId = countyId, Day = day }, transaction, cancellationToken: ct));
        return rows.FirstOrDefault()?.ToScheme() ?? ScoringScheme.Default;
    }

    /// <summary>Every stored version of the county, newest first; the built-in default when none is stored.</summary>
    public async Task<IReadOnlyList<StoredScheme>> VersionsAsync(long countyId, CancellationToken ct = default)
    {
        const string sql = """
            SELECT version AS Version, effective_from AS EffectiveFrom, definition AS Definition, created_at AS CreatedAt
            FROM scoring_schemes WHERE county_id = @CountyId ORDER BY version DESC
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = (await connection.QueryAsync<StoredRow>(new CommandDefinition(sql, new { CountyId = countyId }, cancellationToken: ct))).ToList();
        return rows.Count == 0
            ? [new StoredScheme(countyId, ScoringScheme.Default, null)]
            : [.. rows.Select(r => new StoredScheme(countyId, r.ToScheme(), r.CreatedAt))];
    }

    /// <summary>Saves <paramref name="scheme"/> as the county's next version (its own version number is ignored), with its audit row.</summary>
    /// <returns>The stored scheme with its version.</returns>
    /// <exception cref="ArgumentException">The scheme has problems (<see cref="ScoringScheme.Validate"/>).</exception>
    public Task<ScoringScheme> SaveAsync(long countyId, ScoringScheme scheme, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(actor);
        if (scheme.Validate().Count > 0)
        {
            throw new ArgumentException("The scheme has problems; validate it first.", nameof(scheme));
        }

        return database.InTransactionAsync(async (connection, transaction) =>
        {
            const string latest = "SELECT MAX(version) FROM scoring_schemes WHERE county_id = @CountyId";
            var current = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(latest, new { CountyId = countyId }, transaction, cancellationToken: ct));
            // Version 1 is the built-in default every county starts with.
            var saved = scheme with { Version = (current ?? ScoringScheme.Default.Version) + 1 };
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insert, new
            {
                CountyId = countyId,
                saved.Version,
                saved.EffectiveFrom,
                saved.MaxPoints,
                Definition = DbJson.Serialize(saved),
                CreatedByUserId = actor.UserId,
                CreatedAt = time.GetUtcNow(),
            }, transaction, cancellationToken: ct));
            await audit.WriteAsync(connection, transaction, actor, "scoring_scheme.save", "scoring_scheme", id.ToString(CultureInfo.InvariantCulture),
                new { countyId, saved.Version, saved.EffectiveFrom, saved.MaxPoints }, ct);
            return saved;
        }, ct);
    }

    private sealed class StoredRow
    {
        public int Version { get; init; }
        public DateOnly EffectiveFrom { get; init; }
        public string Definition { get; init; } = "{}";
        public DateTimeOffset? CreatedAt { get; init; }

        public ScoringScheme ToScheme() =>
            (DbJson.Deserialize<ScoringScheme>(Definition) ?? ScoringScheme.Default) with { Version = Version, EffectiveFrom = EffectiveFrom };
    }
}
