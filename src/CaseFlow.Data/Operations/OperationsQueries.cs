using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Operations;

/// <summary>Open cases of one colour (null: not graded yet) at one mediation level (null: not in mediation).</summary>
public sealed record OpenCaseCount(RiskColor? Color, int? Level, long Count);

/// <summary>Deadline rows due and not yet fired, and how long the oldest of them has been due.</summary>
public sealed record DueDeadlines(long Count, DateTimeOffset? OldestDueAt);

/// <summary>Outbound messages by status, as the outbox table holds them.</summary>
public sealed record OutboxCount(string Status, long Count);

/// <summary>The figures an operator watches (the <c>/metrics</c> endpoint reads them at each scrape).</summary>
public sealed class OperationsQueries(Database database)
{
    /// <summary>The outbox table, which the outbound-messages feature adds; until it exists there is nothing to count.</summary>
    public const string OutboxTable = "outbox_messages";

    private const string OpenCasesSql = """
        SELECT risk_color AS Color, level AS Level, COUNT(*) AS Count
        FROM cases
        WHERE closed_at IS NULL
        GROUP BY risk_color, level
        """;

    private const string DueDeadlinesSql = """
        SELECT COUNT(*) AS Count, MIN(due_at) AS OldestDueAt
        FROM case_deadlines
        WHERE fired_at IS NULL AND due_at <= @Now
        """;

    internal const string OutboxSql = """
        SELECT status AS Status, COUNT(*) AS Count
        FROM outbox_messages
        WHERE status IN ('pending', 'failed')
        GROUP BY status
        """;

    public async Task<IReadOnlyList<OpenCaseCount>> OpenCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OpenCaseRow>(new CommandDefinition(OpenCasesSql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new OpenCaseCount(r.Color is { } c ? (RiskColor)c : null, r.Level is { } l ? (int)l : null, r.Count))];
    }

    public async Task<DueDeadlines> DueDeadlinesAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<DueRow>(new CommandDefinition(DueDeadlinesSql, new { Now = now }, cancellationToken: cancellationToken));
        return new DueDeadlines(row.Count, row.OldestDueAt);
    }

    public async Task<long> DatabaseSizeBytesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(database.Dialect.DatabaseSizeBytes, cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>
    /// Pending and failed outbound messages. Empty while the database has no <see cref="OutboxTable"/> table; once the
    /// outbox migration lands, it counts its rows with no change here (statuses 'pending', 'delivered', 'failed').
    /// </summary>
    public async Task<IReadOnlyList<OutboxCount>> OutboxBacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect.TableExists, new { Name = OutboxTable }, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(OutboxSql, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new OutboxCount(r.Status, r.Count))];
    }

    private sealed class OpenCaseRow
    {
        public long? Color { get; init; }

        public long? Level { get; init; }

        public long Count { get; init; }
    }

    private sealed class DueRow
    {
        public long Count { get; init; }

        public DateTimeOffset? OldestDueAt { get; init; }
    }

    private sealed class OutboxRow
    {
        public string Status { get; init; } = "";

        public long Count { get; init; }
    }
}
