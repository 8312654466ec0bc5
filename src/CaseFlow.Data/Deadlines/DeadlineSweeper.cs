using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Reports;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Deadlines;

/// <summary>
/// Fires the deadline rows that have come due (DESIGN §6–7). The rows are the timers: the scheduler only wakes
/// the sweep up, and the sweep decides what is due by the injected clock.
/// <para>
/// Each row is settled in a transaction of its own that first locks its case, then claims the row by setting
/// <c>fired_at</c> where it is still null, and then acts. Two sweepers (two nodes, or two overlapping runs)
/// therefore never both act on a row, and because the claim commits with the action, a crash leaves either
/// both or neither: a case is never escalated twice for one limit. A row acts only while it is live (its
/// deadline version and state are the case's current ones). Escalating writes the next level's rows counted
/// from now, so a sweep after an outage moves each overdue case up exactly one level, not through all three.
/// </para>
/// </summary>
public sealed class DeadlineSweeper(Database database, CaseCommands commands, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    /// <summary>
    /// How many rows share one commit: sharing it spares the durable write (an fsync on SQLite with synchronous FULL)
    /// and the write lock's hand-over per row. The rows run without savepoints; if one throws, the whole group is
    /// rolled back and settled again one transaction per row, where a failure costs only its own row. A group locks,
    /// loads and claims its cases' rows in a few statements, writes its events, deadline rows, notices and audit rows in
    /// multi-row statements at its end, and adds up its summary moves into one upsert per cell, so a row costs well
    /// under a millisecond and a group holds the write lock for a small part of a second.
    /// </summary>
    public const int RowsPerCommit = 200;

    /// <summary>Settles up to <paramref name="batchSize"/> due rows, earliest first.</summary>
    /// <remarks>
    /// A stop asked for mid-group commits the rows already settled and then throws: each row's work is committed
    /// whole or not begun. All of a sweep's statements run on commands kept with the database's held write connection.
    /// </remarks>
    public async Task<SweepResult> SweepAsync(int batchSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var now = time.GetUtcNow();

        IReadOnlyList<DueRow> due;
        await using (var connection = await database.OpenAsync(ct))
        {
            due = await DueAsync(connection, now, batchSize, ct);
        }

        var result = new SweepResult(Due: due.Count);
        if (OneRowPerTransaction)
        {
            foreach (var row in due)
            {
                ct.ThrowIfCancellationRequested();
                result = result.Add(await SettleAsync(row, now, ct));
            }

            return result;
        }

        foreach (var rows in due.Chunk(RowsPerCommit))
        {
            ct.ThrowIfCancellationRequested();
            SweepResult together;
            try
            {
                // The database's own write transaction: queued behind (and ahead of) the other writers of this process
                // rather than racing them for SQLite's lock, on the connection it holds with the sweep's statements
                // still prepared. Not cancelled while it waits: a stop is seen between rows.
                together = await database.InTransactionAsync(
                    (connection, transaction) => SettleTogetherAsync(connection, transaction, rows, now, ct), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One row threw, and nothing of the group was kept: settle each again in a transaction of its own.
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    result = result.Add(await SettleAsync(row, now, ct));
                }

                continue;
            }

            result = result.Add(together);
            ct.ThrowIfCancellationRequested();
        }

        return result;
    }

    /// <summary>
    /// Settles every due row in a transaction of its own (the path a failed group falls back to), instead of
    /// <see cref="RowsPerCommit"/> to a transaction: what the group path is compared with in the tests.
    /// </summary>
    internal bool OneRowPerTransaction { get; init; }

    /// <summary>Called with each due row's id once a group has settled it (the tests ask for a stop there).</summary>
    internal Action<long>? AfterGroupRow { get; init; }

    /// <summary>
    /// Settles the rows in one transaction, stopping early (and committing what is done) when a stop is asked for.
    /// The group's cases are locked and loaded together first, and the first due row of each loaded case claimed
    /// (a few statements for the group, not four per row); then each row is acted on as <see cref="FireAsync"/> does. A row whose case this group already
    /// changed, or whose case the group load left out, takes <see cref="FireAsync"/> itself and reads its case anew.
    /// </summary>
    private async Task<SweepResult> SettleTogetherAsync(
        DbConnection connection, DbTransaction transaction, DueRow[] rows, DateTimeOffset now, CancellationToken ct)
    {
        // Lock the cases before their rows, as each row's own transaction does; in id order, as SQL Server takes them.
        var caseIds = rows.Select(r => r.CaseId).Distinct().Order().ToArray();
        foreach (var chunk in caseIds.Chunk(LockChunk))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE cases SET version = version WHERE id IN @Ids", new { Ids = chunk }, transaction, cancellationToken: ct));
        }

        var loaded = await commands.LoadForSweepAsync(connection, transaction, caseIds, ct);

        // The first row of each loaded case acts on the case as loaded: those rows are claimed together, a few
        // statements for the group instead of one per row. Every other row claims itself when its turn comes.
        var firsts = rows.DistinctBy(r => r.CaseId).Where(r => loaded.ContainsKey(r.CaseId)).Select(r => r.Id).ToHashSet();

        var claimed = await ClaimTogetherAsync(connection, transaction, firsts, now, ct);
        var changed = new HashSet<long>();
        var deferred = new CaseStore.GroupInserts(CaseSummaryWriter.For(_dialect));
        var writer = RowWriter.Cached(connection, transaction, _dialect);
        var result = new SweepResult();
        foreach (var row in rows)
        {
            if (ct.IsCancellationRequested)
            {
                break;
            }

            if (changed.Add(row.CaseId) && firsts.Contains(row.Id))
            {
                var mine = claimed.Remove(row.Id);
                result = result.Add(mine ? await FireLoadedAsync(connection, transaction, row, loaded[row.CaseId], deferred, now, ct) : new SweepResult(Skipped: 1));
            }
            else
            {
                // This row reads its case and deadlines anew and writes its rows itself: the group's kept rows go in first.
                await deferred.WriteAsync(writer, ct);
                result = result.Add(await FireAsync(connection, transaction, row, now, ct));
            }

            AfterGroupRow?.Invoke(row.Id);
        }

        // A stop came before these rows' turn: their claims are given back with the rest of the group's work committed,
        // so the next sweep fires them. The rows kept for the settled ones are part of that work, so a stop does not
        // cut their writing short (it would roll back what it means to keep).
        await ReleaseAsync(connection, transaction, claimed, CancellationToken.None);
        await deferred.WriteAsync(writer, CancellationToken.None);
        return result;
    }

    // Case ids per lock statement, and deadline ids per claim statement.
    private const int LockChunk = 100;

    /// <summary>
    /// Claims the rows with <paramref name="ids"/> that no one has fired yet, as <see cref="ClaimAsync"/> does one by
    /// one; answers the ids claimed. The group holds their cases, and every claim and every change of a case's
    /// deadline rows locks the case first, so the rows read as unfired stay so until the update.
    /// </summary>
    private static async Task<HashSet<long>> ClaimTogetherAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken ct)
    {
        var claimed = new HashSet<long>();
        foreach (var chunk in ids.Order().Chunk(LockChunk))
        {
            var unfired = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT id FROM case_deadlines WHERE id IN @Ids AND fired_at IS NULL", new { Ids = chunk }, transaction, cancellationToken: ct))).AsList();
            if (unfired.Count == 0)
            {
                continue;
            }

            var marked = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_deadlines SET fired_at = @Now WHERE id IN @Ids AND fired_at IS NULL", new { Ids = unfired, Now = now }, transaction, cancellationToken: ct));
            if (marked != unfired.Count)
            {
                // Not expected while the group holds the cases; the group is rolled back and each row settled alone.
                throw new InvalidOperationException($"Claimed {marked} of {unfired.Count} unfired deadline rows.");
            }

            claimed.UnionWith(unfired);
        }

        return claimed;
    }

    /// <summary>Gives back claims whose rows were not acted on (a stop mid-group).</summary>
    private static async Task ReleaseAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        foreach (var chunk in ids.Order().Chunk(LockChunk))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_deadlines SET fired_at = NULL WHERE id IN @Ids", new { Ids = chunk }, transaction, cancellationToken: ct));
        }
    }

    /// <summary><see cref="FireAsync"/> for a row whose case the group has locked and loaded, unchanged since, and whose claim it holds.</summary>
    private async Task<SweepResult> FireLoadedAsync(
        DbConnection connection, DbTransaction transaction, DueRow row, SweptCase swept, CaseStore.GroupInserts deferred, DateTimeOffset now, CancellationToken ct)
    {
        swept.Fired.Add((row.Kind, row.DueAt));
        deferred.Hold(swept);
        var c = swept.Case;
        var stored = new CaseNow
        {
            State = c.State.ToString(),
            DeadlineVersion = swept.DeadlineVersion,
            Version = c.Version,
            Number = c.Number,
            Level = c.Level,
            UnitId = c.UnitId,
            ParentUnitId = swept.ParentUnitId,
            UnitName = swept.UnitName,
            MediatorUserId = c.MediatorUserId,
        };
        return await ActAsync(connection, transaction, row, stored, c, deferred, now, ct);
    }

    private async Task<IReadOnlyList<DueRow>> DueAsync(DbConnection connection, DateTimeOffset now, int batchSize, CancellationToken ct)
    {
        var sql = $"""
            SELECT id AS Id, case_id AS CaseId, kind AS Kind, for_state AS ForState,
                   deadline_version AS DeadlineVersion, due_at AS DueAt
            FROM case_deadlines
            WHERE fired_at IS NULL AND due_at <= @Now
            ORDER BY due_at, id
            {_dialect.Paging("0", "@Limit")}
            """;
        var rows = await connection.QueryAsync<DueRow>(new CommandDefinition(
            sql, new { Now = now, Limit = batchSize }, cancellationToken: ct));
        return rows.AsList();
    }

    private async Task<SweepResult> SettleAsync(DueRow row, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await database.InTransactionAsync((connection, transaction) => FireAsync(connection, transaction, row, now, ct), ct);
        }
        catch (CaseConcurrencyException)
        {
            // Not expected while the sweep holds the case, but if a write slips in, the rollback released the claim
            // and the next sweep looks at the row again (obsolete by then, if the change replaced it).
            return new SweepResult(Conflicts: 1);
        }
        catch (Exception e) when (e is CaseActionRefusedException or CaseNotFoundException or FormatException)
        {
            // The workflow refuses a live row's trigger, or the row or case cannot be read: trying again would fail
            // again, and a row that never settles must not hold up the ones behind it.
            var marked = await database.InTransactionAsync((connection, transaction) => ClaimAsync(connection, transaction, row, now, ct), ct);
            return marked ? new SweepResult(Refused: 1) : new SweepResult(Skipped: 1);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SweepResult { Failures = [new SweepFailure(row.Id, row.CaseId, row.Kind, e)] };
        }
    }

    private async Task<SweepResult> FireAsync(DbConnection connection, DbTransaction transaction, DueRow row, DateTimeOffset now, CancellationToken ct)
    {
        // Lock the case before the row, in the order a transition takes them (cases, then case_deadlines), so a
        // sweep and a user acting on the same case on SQL Server wait for each other instead of deadlocking.
        var rows = RowWriter.Cached(connection, transaction, _dialect);
        var ofCase = new CaseArgs(row.CaseId);
        await rows.ExecuteAsync("UPDATE cases SET version = version WHERE id = @CaseId", ofCase, ct);
        if (!await ClaimAsync(connection, transaction, row, now, ct))
        {
            return new SweepResult(Skipped: 1);
        }

        const string read = """
            SELECT c.state AS State, c.deadline_version AS DeadlineVersion, c.version AS Version, c.number AS Number,
                   c.level AS Level, c.unit_id AS UnitId, u.parent_id AS ParentUnitId, u.name AS UnitName,
                   c.mediator_user_id AS MediatorUserId
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @CaseId
            """;
        var c = (await rows.ReadAsync(read, ofCase, reader => RowWriter.RowsOf<CaseNow>(reader, ct), ct)).SingleOrDefault();
        return await ActAsync(connection, transaction, row, c, loaded: null, deferred: null, now, ct);
    }

    /// <summary>
    /// A claimed row's action on its case as read (<paramref name="c"/>; null if there is none): removed if no longer
    /// live, otherwise fired. <paramref name="loaded"/> is the aggregate when the group has loaded it already, and
    /// <paramref name="deferred"/> then keeps the plain inserts for the group to write together.
    /// </summary>
    private async Task<SweepResult> ActAsync(
        DbConnection connection,
        DbTransaction transaction,
        DueRow row,
        CaseNow? c,
        DisputeCase? loaded,
        CaseStore.GroupInserts? deferred,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var rows = RowWriter.Cached(connection, transaction, _dialect);
        if (c is null || c.DeadlineVersion != row.DeadlineVersion || c.State != row.ForState)
        {
            // Never fired, only superseded: removed rather than marked, so the history of fired rows stays true
            // and a later plan with the same due time is not mistaken for one already sent.
            await rows.ExecuteAsync("DELETE FROM case_deadlines WHERE id = @Id", new RowArgs(row.Id, now), ct);
            return new SweepResult(Obsolete: 1);
        }

        switch (DbCode.Parse<DeadlineKind>(row.Kind))
        {
            case DeadlineKind.LevelLimit:
                await TransitionAsync(
                    connection, transaction, row, c, loaded, deferred,
                    static (dispute, routing, ctx) => dispute.DeadlineElapsed(routing, ctx),
                    string.Create(CultureInfo.InvariantCulture, $"第{c.Level}级调解期限届满"),
                    ct);
                return new SweepResult(Transitions: 1);

            case DeadlineKind.PaymentDue:
                await TransitionAsync(
                    connection, transaction, row, c, loaded, deferred,
                    static (dispute, _, ctx) => dispute.PerformanceOverdue(ctx),
                    "调解协议约定的履行期限届满，未确认履行",
                    ct);
                return new SweepResult(Transitions: 1);

            case DeadlineKind.Reminder:
                return await RemindAsync(connection, transaction, row, c, deferred, now, ct);

            case DeadlineKind.Acceptance:
                // The parent unit supervises the one that has not accepted; a county-level host is told itself.
                await NotifyAsync(
                    connection, transaction, deferred, row.CaseId, NoticeKind.AcceptanceOverdue,
                    [(c.ParentUnitId ?? c.UnitId, null)],
                    $"{c.Number} 未在受理时限内受理（{c.UnitName}）", now, ct);
                return new SweepResult(Notices: 1);

            case DeadlineKind.ArbitrationRight:
                await NotifyAsync(
                    connection, transaction, deferred, row.CaseId, NoticeKind.ArbitrationRight,
                    [(c.UnitId, null)],
                    $"{c.Number} 自调解组织首次受理已满15日未达成协议，当事人可以依法申请劳动争议仲裁", now, ct);
                return new SweepResult(Notices: 1);

            default:
                throw new InvalidOperationException($"Deadline kind '{row.Kind}' has no handler.");
        }
    }

    /// <summary>The case handler's write for a timer: on the group's loaded case, or loading it as any action does.</summary>
    private Task<CaseResult> TransitionAsync(
        DbConnection connection,
        DbTransaction transaction,
        DueRow row,
        CaseNow c,
        DisputeCase? loaded,
        CaseStore.GroupInserts? deferred,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string reason,
        CancellationToken ct) =>
        loaded is null
            ? commands.ActAsync(connection, transaction, row.CaseId, c.Version, CaseActor.System, act, reason, ct)
            : commands.ActOnLoadedAsync(connection, transaction, loaded, CaseActor.System, act, reason, deferred, ct);

    private async Task<SweepResult> RemindAsync(
        DbConnection connection, DbTransaction transaction, DueRow row, CaseNow c, CaseStore.GroupInserts? deferred, DateTimeOffset now, CancellationToken ct)
    {
        const string limit = """
            SELECT MIN(due_at) FROM case_deadlines
            WHERE case_id = @CaseId AND kind = 'level_limit' AND deadline_version = @DeadlineVersion AND fired_at IS NULL
            """;
        var limitDue = await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            limit, new { row.CaseId, row.DeadlineVersion }, transaction, cancellationToken: ct));
        if (limitDue is null || limitDue <= now)
        {
            // After an outage the limit itself is due too: a "limit is near" notice would arrive after the fact.
            return new SweepResult(Suppressed: 1);
        }

        var local = limitDue.Value.ToOffset(ChinaTime.Offset);
        var text = string.Create(
            CultureInfo.InvariantCulture, $"{c.Number} 第{c.Level}级调解期限将于{local:yyyy-MM-dd HH:mm}届满，请抓紧调解");
        var to = c.MediatorUserId is { } mediator
            ? new (long, long?)[] { (c.UnitId, null), (c.UnitId, mediator) }
            : [(c.UnitId, null)];
        await NotifyAsync(connection, transaction, deferred, row.CaseId, NoticeKind.Reminder, to, text, now, ct);
        return new SweepResult(Notices: 1);
    }

    /// <summary>Marks the row fired if no one else has; the affected row count is the claim.</summary>
    private async Task<bool> ClaimAsync(DbConnection connection, DbTransaction transaction, DueRow row, DateTimeOffset now, CancellationToken ct) =>
        await RowWriter.Cached(connection, transaction, _dialect).ExecuteAsync(
            "UPDATE case_deadlines SET fired_at = @Now WHERE id = @Id AND fired_at IS NULL", new RowArgs(row.Id, now), ct) == 1;

    private sealed record CaseArgs(long CaseId);

    private sealed record RowArgs(long Id, DateTimeOffset Now);

    /// <summary>Writes the notices, or keeps them with the group's rows when it writes them together.</summary>
    private async Task NotifyAsync(
        DbConnection connection,
        DbTransaction transaction,
        CaseStore.GroupInserts? deferred,
        long caseId,
        NoticeKind kind,
        IEnumerable<(long UnitId, long? UserId)> to,
        string text,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var notices = to.Select(t => new Notice(t.UnitId, t.UserId, caseId, DbCode.Of(kind), text, now));
        if (deferred is not null)
        {
            deferred.Add(notices);
            return;
        }

        await Notices.WriteAsync(RowWriter.Cached(connection, transaction, _dialect), notices, ct);
    }

    private sealed class DueRow
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public string Kind { get; init; } = "";
        public string ForState { get; init; } = "";
        public int DeadlineVersion { get; init; }
        public DateTimeOffset DueAt { get; init; }
    }

    private sealed class CaseNow
    {
        public string State { get; init; } = "";
        public int DeadlineVersion { get; init; }
        public int Version { get; init; }
        public string Number { get; init; } = "";
        public int? Level { get; init; }
        public long UnitId { get; init; }
        public long? ParentUnitId { get; init; }
        public string UnitName { get; init; } = "";
        public long? MediatorUserId { get; init; }
    }
}
