using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;

namespace CaseFlow.Data.Cases;

public sealed partial class CaseQueries
{
    private readonly TimeSpan _dashboardLifetime = dashboard?.FiguresLifetime ?? TimeSpan.Zero;

    private readonly ConcurrentDictionary<(string Scope, int Weeks), ReusedDashboard> _dashboards = new();

    private string? _dueSql;

    /// <summary>
    /// The dashboard of one root, counted anew or, with a lifetime configured (<see cref="DashboardOptions.FiguresSeconds"/>),
    /// reused until it is that old.
    /// </summary>
    /// <remarks>
    /// A reused dashboard is one consistent snapshot: every figure is as of its <see cref="Dashboard.CountedAt"/>. While a
    /// root's figures are being counted again, the other requests for that root wait for the same count rather than
    /// starting their own. The count runs on its own connection and is not cancelled with the request that started it;
    /// a count that fails is not kept, so the next request counts again.
    /// </remarks>
    private async Task<Dashboard> ReusedDashboardAsync(string scopePath, int weeks, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_dashboardLifetime <= TimeSpan.Zero)
        {
            return await CountDashboardAsync(scopePath, weeks, now, ct);
        }

        var entry = _dashboards.GetOrAdd((scopePath, weeks), _ => new ReusedDashboard());
        Task<Dashboard> counting;
        lock (entry)
        {
            if (entry.Counted is { } counted && counted.CountedAt <= now && now - counted.CountedAt < _dashboardLifetime)
            {
                return counted;
            }

            counting = entry.Counting ??= CountIntoAsync(entry, scopePath, weeks, now);
        }

        return await counting.WaitAsync(ct);
    }

    private async Task<Dashboard> CountIntoAsync(ReusedDashboard entry, string scopePath, int weeks, DateTimeOffset now)
    {
        // Off the caller's lock before any of the count runs.
        await Task.Yield();
        try
        {
            var counted = await CountDashboardAsync(scopePath, weeks, now, CancellationToken.None);
            lock (entry)
            {
                entry.Counted = counted;
            }

            return counted;
        }
        finally
        {
            lock (entry)
            {
                entry.Counting = null;
            }
        }
    }

    private async Task<Dictionary<string, (long Overdue, long DueSoon)>> CountDueAsync(
        DbConnection connection, string scopePath, DateTimeOffset now, CancellationToken ct)
    {
        var sql = _dueSql ??= DueSql();
        var args = new { SubtreePattern = _dialect.SubtreePattern(scopePath), RootLength = scopePath.Length, Now = now, Soon = now.AddHours(48) };
        var rows = await connection.QueryAsync<StoredDueRow>(new CommandDefinition(sql, args, cancellationToken: ct));
        return rows.ToDictionary(d => d.Path, d => (d.Overdue, d.DueSoon), StringComparer.Ordinal);
    }

    /// <summary>
    /// The overdue and due-within-48-hours counts by unit directly below the root (empty path: the root's own cases).
    /// They depend on the clock, so the summary cannot hold them: a range of ix_cases_open_due is read without
    /// touching the table, one entry per open case due within 48 hours, grouped by <c>+c.unit_id</c> (so that SQLite
    /// does not walk every open case in unit order through another index to save a sort of a few rows).
    /// </summary>
    internal string DueSql()
    {
        var subtree = _dialect.SubtreeCondition("u.path");
        var child = _dialect.ChildPathBelowRoot("u.path");
        return $"""
            SELECT k.child AS Path, SUM(k.overdue) AS Overdue, SUM(k.due_soon) AS DueSoon
            FROM (SELECT {child} AS child, d.overdue, d.due_soon
                  FROM (SELECT +c.unit_id AS unit_id, SUM(CASE WHEN c.next_due_at <= @Now THEN 1 ELSE 0 END) AS overdue,
                               SUM(CASE WHEN c.next_due_at > @Now THEN 1 ELSE 0 END) AS due_soon
                        FROM cases AS c
                        WHERE c.closed_at IS NULL AND c.next_due_at <= @Soon
                        GROUP BY +c.unit_id) AS d
                  JOIN org_units AS u ON u.id = d.unit_id
                  WHERE {subtree}) AS k
            GROUP BY k.child
            """;
    }

    private sealed class ReusedDashboard
    {
        public Dashboard? Counted { get; set; }

        public Task<Dashboard>? Counting { get; set; }
    }
}
