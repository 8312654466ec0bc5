using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Deadlines;

/// <summary>What recomputing the open deadlines for a year did.</summary>
/// <param name="Checked">Open cases whose deadlines could have touched the year.</param>
/// <param name="Moved">Cases whose deadlines came out different and were written as a new deadline version.</param>
/// <param name="Conflicts">Cases a user changed meanwhile; their own write already planned on the new calendar.</param>
public sealed record RecomputeResult(int Checked, int Moved, int Conflicts);

/// <summary>An open deadline computed on weekends only because its year had no calendar (DESIGN §6).</summary>
public sealed record MissingCalendarDeadline(long CaseId, string Number, DeadlineKind Kind, DateTimeOffset DueAt);

/// <summary>
/// After a calendar year is loaded or changed (DESIGN §9): every open case whose deadlines could have been counted over
/// that year is planned again on the current calendar; where the plan differs, the new deadlines are written as a new
/// deadline version with a timeline entry and an audit row, one transaction per batch. The sweep only acts on rows that
/// carry the case's current deadline version, so a timer claimed before the change does nothing after it.
/// </summary>
public sealed class DeadlineRecomputer(Database database, CaseStore store, DeadlinePlanner planner)
{
    public const int DefaultBatchSize = 100;

    private readonly SqlDialect _dialect = database.Dialect;

    public async Task<RecomputeResult> RecomputeAsync(
        int year, int calendarVersion, AuditActor actor, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        // A limit is counted forwards from its start: it touched the year only if it ends on or after the year's first
        // day and started (at the latest at first receipt) no later than its last.
        var page = $"""
            SELECT c.id FROM cases AS c
            WHERE c.id > @After AND c.closed_at IS NULL AND c.first_received_at < @YearEnd
              AND EXISTS (SELECT 1 FROM case_deadlines AS d WHERE d.case_id = c.id AND d.fired_at IS NULL AND d.due_at >= @YearStart)
            ORDER BY c.id
            {_dialect.Paging("0", "@Limit")}
            """;
        var yearStart = ChinaTime.At(new DateOnly(year, 1, 1), TimeOnly.MinValue);
        var yearEnd = ChinaTime.At(new DateOnly(year + 1, 1, 1), TimeOnly.MinValue);
        int seen = 0, moved = 0, conflicts = 0;
        long after = 0;
        while (true)
        {
            List<long> ids;
            await using (var connection = await database.OpenAsync(ct))
            {
                ids = (await connection.QueryAsync<long>(new CommandDefinition(
                    page, new { After = after, YearStart = yearStart, YearEnd = yearEnd, Limit = batchSize }, cancellationToken: ct))).AsList();
            }

            if (ids.Count == 0)
            {
                return new RecomputeResult(seen, moved, conflicts);
            }

            seen += ids.Count;
            var (batchMoved, batchConflicts) = await RecomputeBatchAsync(ids, year, calendarVersion, actor, ct);
            moved += batchMoved;
            conflicts += batchConflicts;
            if (ids.Count < batchSize)
            {
                return new RecomputeResult(seen, moved, conflicts);
            }

            after = ids[^1];
        }
    }

    /// <summary>Open deadlines computed without their year's calendar, soonest first (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<MissingCalendarDeadline>> MissingCalendarAsync(int limit = 200, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT c.id AS CaseId, c.number AS Number, d.kind AS Kind, d.due_at AS DueAt
            FROM case_deadlines AS d JOIN cases AS c ON c.id = d.case_id
            WHERE d.fired_at IS NULL AND d.calendar_missing = 1 AND d.kind <> 'reminder' AND c.closed_at IS NULL
            ORDER BY d.due_at, d.id
            {_dialect.Paging("0", "@Limit")}
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<StoredMissing>(new CommandDefinition(sql, new { Limit = limit }, cancellationToken: ct));
        return [.. rows.Select(r => new MissingCalendarDeadline(r.CaseId, r.Number, DbCode.Parse<DeadlineKind>(r.Kind), r.DueAt))];
    }

    /// <summary>One batch in one transaction; a case changed meanwhile rolls the batch back and the batch runs again.</summary>
    private async Task<(int Moved, int Conflicts)> RecomputeBatchAsync(
        List<long> ids, int year, int calendarVersion, AuditActor actor, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await database.InTransactionAsync(async (connection, transaction) =>
                {
                    var moved = 0;
                    foreach (var id in ids)
                    {
                        var c = await store.LoadAsync(connection, transaction, id, CaseActor.System.ScopePath, ct);
                        if (c is null || c.ClosedAt is not null)
                        {
                            continue;
                        }

                        const string openRows = """
                            SELECT kind AS Kind, due_at AS DueAt, calendar_missing AS CalendarMissing, fired_at AS FiredAt
                            FROM case_deadlines WHERE case_id = @Id
                            """;
                        var stored = (await connection.QueryAsync<StoredDeadline>(new CommandDefinition(
                            openRows, new { c.Id }, transaction, cancellationToken: ct))).AsList();
                        var fired = stored.Where(d => d.FiredAt is not null).Select(d => (d.Kind, d.DueAt)).ToHashSet();
                        var plan = planner.Plan(c);
                        var planned = plan.Where(d => !fired.Contains((DbCode.Of(d.Kind), d.DueAt)))
                            .Select(d => (Kind: DbCode.Of(d.Kind), d.DueAt, d.CalendarMissing)).Order().ToList();
                        var open = stored.Where(d => d.FiredAt is null)
                            .Select(d => (d.Kind, d.DueAt, d.CalendarMissing)).Order().ToList();
                        if (planned.SequenceEqual(open))
                        {
                            continue;
                        }

                        var before = LevelClock(open);
                        var now = LevelClock(planned);
                        await store.ReplanAsync(
                            connection, transaction, c, plan, Reason(year, calendarVersion, before, now),
                            new { year, calendarVersion, before, after = now }, actor, ct);
                        moved++;
                    }

                    return (moved, 0);
                }, ct);
            }
            catch (CaseConcurrencyException) when (attempt < 3)
            {
                // Someone acted on a case of this batch between its read and its write; run the batch again on fresh rows.
            }
            catch (CaseConcurrencyException)
            {
                return (0, ids.Count);
            }
        }
    }

    /// <summary>The deadline that moves the case (acceptance, level limit or payment), for the timeline's sentence.</summary>
    private static DateTimeOffset? LevelClock(IEnumerable<(string Kind, DateTimeOffset DueAt, bool CalendarMissing)> rows) =>
        rows.Where(r => r.Kind is "level_limit" or "payment_due").Select(r => (DateTimeOffset?)r.DueAt).Min()
        ?? rows.Where(r => r.Kind == "acceptance").Select(r => (DateTimeOffset?)r.DueAt).Min();

    private static string Reason(int year, int version, DateTimeOffset? before, DateTimeOffset? after)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{year} 年工作日历已载入（第 {version} 版），时限按新日历重新计算");
        return before is { } b && after is { } a && b != a
            ? $"{head}：期限由 {Day(b)} 调整为 {Day(a)}"
            : head;
    }

    // A limit runs to the end of its last day, which is the next day's first instant: the day shown is the one it ends.
    private static string Day(DateTimeOffset instant) =>
        ChinaTime.DateOf(instant.AddTicks(-1)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class StoredDeadline
    {
        public string Kind { get; init; } = "";

        public DateTimeOffset DueAt { get; init; }

        public bool CalendarMissing { get; init; }

        public DateTimeOffset? FiredAt { get; init; }
    }

    private sealed class StoredMissing
    {
        public long CaseId { get; init; }

        public string Number { get; init; } = "";

        public string Kind { get; init; } = "";

        public DateTimeOffset DueAt { get; init; }
    }
}
