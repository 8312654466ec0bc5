using CaseFlow.Data.Notifications;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Deadlines;

/// <summary>
/// The daily digest: one notification per township (town/street) unit summarising its inbox: how many cases
/// await its acceptance and how many of those are past their acceptance time. Units with an empty inbox get none, and
/// so does a unit that already has today's (China time): a second run the same day, a retry or a run triggered by hand,
/// writes nothing twice.
/// </summary>
public sealed class InboxDigest(Database database, TimeProvider time)
{
    /// <summary>The notifications.kind of a digest.</summary>
    public const string Kind = "daily_digest";

    private static readonly string[] Awaiting =
    [
        nameof(CaseState.Level1AwaitingAcceptance), nameof(CaseState.Level2AwaitingAcceptance), nameof(CaseState.Level3AwaitingAcceptance),
    ];

    /// <returns>How many digests were written.</returns>
    public Task<int> WriteAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.At(ChinaTime.DateOf(now), TimeOnly.MinValue);
        // The flag is computed per case first: SQL Server refuses a subquery inside an aggregate.
        const string inboxes = """
            SELECT x.UnitId, x.UnitName, COUNT(*) AS Awaiting, SUM(x.Overdue) AS Overdue
            FROM (
                SELECT u.id AS UnitId, u.name AS UnitName,
                       CASE WHEN EXISTS (SELECT 1 FROM case_deadlines AS d
                                         WHERE d.case_id = c.id AND d.kind = 'acceptance' AND d.for_state = c.state
                                           AND d.deadline_version = c.deadline_version AND d.due_at <= @Now)
                            THEN 1 ELSE 0 END AS Overdue
                FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
                WHERE u.kind = 'town' AND c.state IN @Awaiting
                  AND NOT EXISTS (SELECT 1 FROM notifications AS n
                                  WHERE n.unit_id = u.id AND n.kind = @Kind AND n.created_at >= @Today)
            ) AS x
            GROUP BY x.UnitId, x.UnitName
            """;
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var rows = (await connection.QueryAsync<Inbox>(new CommandDefinition(
                    inboxes, new { Now = now, Awaiting, Kind, Today = today }, transaction, cancellationToken: ct))).AsList();
                return await Notices.WriteAsync(
                    RowWriter.Dapper(connection, transaction),
                    rows.Select(r => new Notice(r.UnitId, null, null, Kind, $"{r.UnitName}今日待受理案件{r.Awaiting}件，其中超过受理时限{r.Overdue}件", now)),
                    ct);
            },
            ct);
    }

    /// <summary>The notifications.kind of the morning warning that a year's calendar is missing.</summary>
    public const string CalendarMissingKind = "calendar_missing";

    /// <summary>
    /// The morning warning while a year's calendar is missing (DESIGN §6): one notification per active administrator
    /// and manager, at most one each per China day.
    /// </summary>
    /// <returns>How many warnings were written.</returns>
    public Task<int> WriteCalendarWarningsAsync(IReadOnlyList<int> missingYears, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(missingYears);
        if (missingYears.Count == 0)
        {
            return Task.FromResult(0);
        }

        var now = time.GetUtcNow();
        var today = ChinaTime.At(ChinaTime.DateOf(now), TimeOnly.MinValue);
        const string recipients = """
            SELECT u.id AS UserId, u.unit_id AS UnitId
            FROM users AS u
            WHERE u.is_active = 1
              AND EXISTS (SELECT 1 FROM user_roles AS r WHERE r.user_id = u.id AND r.role IN ('admin', 'manager'))
              AND NOT EXISTS (SELECT 1 FROM notifications AS n
                              WHERE n.user_id = u.id AND n.kind = @Kind AND n.created_at >= @Today)
            ORDER BY u.id
            """;
        var years = string.Join("、", missingYears);
        var text = $"{years} 年的工作日历尚未导入：这些年份的期限只按周末计算。请系统管理员导入（caseflow calendar import 或“工作日历”页面）。";
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var rows = (await connection.QueryAsync<Recipient>(new CommandDefinition(
                    recipients, new { Kind = CalendarMissingKind, Today = today }, transaction, cancellationToken: ct))).AsList();
                return await Notices.WriteAsync(
                    RowWriter.Dapper(connection, transaction),
                    rows.Select(r => new Notice(r.UnitId, r.UserId, null, CalendarMissingKind, text, now)),
                    ct);
            },
            ct);
    }

    private sealed class Recipient
    {
        public long UserId { get; init; }
        public long UnitId { get; init; }
    }

    private sealed class Inbox
    {
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public long Awaiting { get; init; }
        public long Overdue { get; init; }
    }
}
