using System.Collections.Concurrent;
using System.Data.Common;
using CaseFlow.Domain.Cases;
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
    /// They depend on the clock, so the summary cannot hold them. Each unit of the subtree counts its own open cases from
    /// ix_cases_unit_open_urgency (unit, colour, next due): one range per colour, and one for the cases not yet graded,
    /// so the entries come already in unit order and no case row is read. Grouping one range of ix_cases_open_due by
    /// unit instead sorted every entry due within 48 hours (50,215 at 1,000,000 cases, 35 ms against 7 ms).
    /// </summary>
    internal string DueSql()
    {
        var subtree = _dialect.SubtreeCondition("u.path");
        var child = _dialect.ChildPathBelowRoot("u.path");
        var graded = $"c.risk_color IN ({string.Join(", ", Enum.GetValues<RiskColor>().Select(c => (int)c))})";
        const string overdue = "c.next_due_at <= @Now";
        const string dueSoon = "c.next_due_at > @Now AND c.next_due_at <= @Soon";
        static string Count(string colour, string due) =>
            $"(SELECT COUNT(*) FROM cases AS c WHERE c.unit_id = u.id AND c.closed_at IS NULL AND {colour} AND {due})";
        return $"""
            SELECT k.child AS Path, SUM(k.overdue) AS Overdue, SUM(k.due_soon) AS DueSoon
            FROM (SELECT {child} AS child,
                         {Count(graded, overdue)} + {Count("c.risk_color IS NULL", overdue)} AS overdue,
                         {Count(graded, dueSoon)} + {Count("c.risk_color IS NULL", dueSoon)} AS due_soon
                  FROM org_units AS u
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
