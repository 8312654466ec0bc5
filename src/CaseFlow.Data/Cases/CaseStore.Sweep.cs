using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Reports;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// A case as the deadline sweep reads it for a group of due rows: the aggregate the system actor acts on, and the
/// columns the sweep checks a row against (the deadline version) or names in its notices (the unit and its parent),
/// and the row's summary figures as stored at <paramref name="Version"/> (what its write takes out of its cells).
/// </summary>
internal sealed record SweptCase(DisputeCase Case, int DeadlineVersion, long? ParentUnitId, string UnitName, int Version, NewCaseFigures Stored)
{
    /// <summary>
    /// The kind and due time of each of the case's deadline rows that has fired: read with the case, and the row the
    /// group claims for it added (what a transition does not plan again).
    /// </summary>
    public HashSet<(string Kind, DateTimeOffset DueAt)> Fired { get; } = [];
}

public sealed partial class CaseStore
{
    /// <summary>
    /// The cases with <paramref name="ids"/> as the system actor loads them (<see cref="LoadAsync(DbConnection, DbTransaction?, long, CaseViewer, CancellationToken)"/>
    /// with scope '/'), read in three statements per chunk of ids instead of three per case, in the caller's transaction.
    /// Cases in the states whose load also reads their agreement or referral are left out, as are ids with no case:
    /// the caller loads those one by one.
    /// </summary>
    internal async Task<Dictionary<long, SweptCase>> LoadForSweepAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<long, SweptCase>(ids.Count);
        var viewer = CaseActor.System.Viewer;

        // The columns and the jurisdiction check of the single load, for many ids (Dapper expands @Ids on both engines).
        var sql = $"""
            SELECT {StoredCaseColumns}
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id IN @Ids AND c.state NOT IN ('{nameof(CaseState.AgreementReached)}', '{nameof(CaseState.Referred)}')
              AND {CaseVisibility.Acts(_dialect)};
            SELECT c.id AS Id, c.deadline_version AS DeadlineVersion, u.parent_id AS ParentUnitId, u.name AS UnitName,
                   c.version AS Version, c.unit_id AS UnitId, c.state AS State, c.risk_color AS RiskColor, c.level AS Level,
                   c.closed_at AS ClosedAt, c.first_received_at AS FirstReceivedAt, c.amount_owed AS AmountOwed,
                   c.amount_recovered AS AmountRecovered, c.workers_involved AS WorkersInvolved
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id IN @Ids;
            SELECT case_id AS CaseId, name AS Name, id_type AS IdType, id_number AS IdNumber, id_country AS IdCountry, phone AS Phone,
                   amount_owed AS AmountOwed, months_owed AS MonthsOwed
            FROM case_parties WHERE case_id IN @Ids AND kind = 'worker' ORDER BY id;
            SELECT case_id AS CaseId, kind AS Kind, due_at AS DueAt FROM case_deadlines WHERE case_id IN @Ids AND fired_at IS NOT NULL;
            """;
        foreach (var chunk in ids.Distinct().Order().Chunk(LoadChunk))
        {
            var args = new { Ids = chunk, ViewerId = viewer.UserId, viewer.PartnerOrgId, SubtreePattern = _dialect.SubtreePattern(viewer.ScopePath) };
            await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
            var rows = (await grid.ReadAsync<StoredCase>()).AsList();
            var columns = (await grid.ReadAsync<SweptColumns>()).ToDictionary(s => s.Id);
            var workers = (await grid.ReadAsync<StoredCaseWorker>()).ToLookup(w => w.CaseId);
            var fired = (await grid.ReadAsync<FiredCaseDeadline>()).ToLookup(f => f.CaseId);
            foreach (var row in rows)
            {
                var swept = columns[row.Id];
                var caseWorkers = workers[row.Id].Select(w => new CaseWorker(
                    w.Name, w.IdNumber ?? "", w.Phone ?? "", w.AmountOwed ?? 0m, w.MonthsOwed ?? 0m,
                    w.IdType is null ? IdDocumentType.ResidentId : DbCode.Parse<IdDocumentType>(w.IdType), w.IdCountry)).ToList();
                var stored = new NewCaseFigures(
                    swept.UnitId, swept.State, swept.RiskColor, swept.Level, swept.ClosedAt, swept.FirstReceivedAt,
                    swept.AmountOwed ?? 0m, swept.AmountRecovered, swept.WorkersInvolved ?? 0);
                var loaded = new SweptCase(
                    DisputeCase.Restore(row.ToSnapshot(caseWorkers, terms: null)), swept.DeadlineVersion, swept.ParentUnitId, swept.UnitName,
                    swept.Version, stored);
                loaded.Fired.UnionWith(fired[row.Id].Select(f => (f.Kind, f.DueAt)));
                found[row.Id] = loaded;
            }
        }

        return found;
    }

    /// <summary>
    /// <see cref="WriteChangesAsync"/> for a transition of a sweep's group: the same rows, but the events, new deadline
    /// rows, plain notices (with their outbox rows) and audit rows go to <paramref name="deferred"/>, which writes
    /// each table's rows of the whole group in multi-row statements, in the order the cases came. What reads or
    /// depends on other rows (the deadlines that fired, records, units held) is written now. A case whose write makes
    /// notices of other kinds (default shares, a red alert's fan-out) first has the group's rows written, then is
    /// written as a single transition is, so every table keeps the one-by-one order.
    /// </summary>
    private static async Task WriteChangesDeferringAsync(
        RowWriter rows,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        DeadlineWrite deadlineWrite,
        int deadlineVersion,
        AuditActor actor,
        DateTimeOffset now,
        GroupInserts deferred,
        CancellationToken ct)
    {
        if (CaseShares.WritesDefault(c) || Notices.FansOut(c.NewNotices))
        {
            await deferred.WriteAsync(rows, ct);
            await WriteChangesAsync(rows, c, deadlines, deadlineWrite, deadlineVersion, actor, now, ct);
            return;
        }

        foreach (var e in c.NewEvents)
        {
            deferred.Events.Add(new EventRow(
                c.Id, e.At, e.ByUserId, e.Trigger.ToString(), e.From.ToString(), e.To.ToString(), e.Reason, DbJson.Serialize(e.Data)));
        }

        if (deadlineWrite != DeadlineWrite.Keep)
        {
            IReadOnlyList<PlannedDeadline> planned = deadlines;
            if (deadlineWrite == DeadlineWrite.Replace && deferred.TakeFired(c.Id) is { } firedWithCase)
            {
                // As ReplaceDeadlinesAsync, with the fired rows the group read with the case: its open rows go when
                // the group's rows are written, before any new row goes in.
                deferred.Replaced.Add(c.Id);
                planned = [.. deadlines.Where(d => !firedWithCase.Contains((DbCode.Of(d.Kind), d.DueAt)))];
            }
            else if (deadlineWrite == DeadlineWrite.Replace)
            {
                // As ReplaceDeadlinesAsync: the open rows go, and what already fired is not planned again.
                var id = new CaseIdRow(c.Id);
                await rows.ExecuteAsync("DELETE FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL", id, ct);
                if (deadlines.Count > 0)
                {
                    const string firedSql = "SELECT kind AS Kind, due_at AS DueAt FROM case_deadlines WHERE case_id = @Id AND fired_at IS NOT NULL";
                    var firedRows = await rows.ReadAsync(firedSql, id, reader => RowWriter.RowsOf<FiredDeadline>(reader, ct), ct);
                    var fired = firedRows.Select(f => (f.Kind, f.DueAt)).ToHashSet();
                    planned = [.. deadlines.Where(d => !fired.Contains((DbCode.Of(d.Kind), d.DueAt)))];
                }
            }

            var forState = c.State.ToString();
            foreach (var d in planned)
            {
                deferred.Deadlines.Add(new DeadlineRow(c.Id, DbCode.Of(d.Kind), forState, deadlineVersion, d.DueAt, d.CalendarMissing, now));
            }
        }

        await WriteRecordsAsync(rows, c, actor, now, ct);
        await WriteUnitsHeldAsync(rows, c, actor.UnitPath, ct);
        deferred.Notices.AddRange(Notices.ForCase(c.Id, c.NewNotices, now));

        var entityId = c.Id.ToString(CultureInfo.InvariantCulture);
        foreach (var e in c.NewEvents)
        {
            deferred.Audit.Add(new AuditEntry(
                now,
                actor.UserId,
                actor.Username,
                "case." + DbCode.Of(e.Trigger),
                "case",
                entityId,
                DbJson.Serialize(new { c.Number, from = e.From.ToString(), to = e.To.ToString(), e.Reason }),
                actor.RemoteIp));
        }
    }

    /// <summary>
    /// The plain inserts of a sweep's group, kept until <see cref="WriteAsync"/>: each table's rows in the order the
    /// group's rows made them, as writing them one transition at a time would have (so the same ids).
    /// </summary>
    internal sealed class GroupInserts(CaseSummaryWriter summary)
    {
        // Per case the group loaded: its version and summary figures as stored, until its write takes them; and the
        // deadline rows that have fired.
        private readonly Dictionary<long, (int Version, NewCaseFigures Figures)> _stored = [];
        private readonly Dictionary<long, HashSet<(string Kind, DateTimeOffset DueAt)>> _fired = [];

        internal List<EventRow> Events { get; } = [];

        internal List<DeadlineRow> Deadlines { get; } = [];

        internal List<Notice> Notices { get; } = [];

        internal List<AuditEntry> Audit { get; } = [];

        /// <summary>The summary moves of the group's writes, added up (one upsert per cell the group moves, not two per case).</summary>
        internal SummaryChanges Summary { get; } = new();

        /// <summary>
        /// Keeps the loaded case's summary figures for its write: the case row is held by the group's transaction since
        /// it was read, so at that version they are the stored row's.
        /// </summary>
        internal void Hold(SweptCase swept)
        {
            _stored[swept.Case.Id] = (swept.Version, swept.Stored);
            _fired[swept.Case.Id] = swept.Fired;
        }

        /// <summary>The cases whose open deadline rows go before the group's new rows are written.</summary>
        internal List<long> Replaced { get; } = [];

        /// <summary>The fired rows <see cref="Hold"/> kept for the case, once; null otherwise.</summary>
        internal HashSet<(string Kind, DateTimeOffset DueAt)>? TakeFired(long caseId) => _fired.Remove(caseId, out var fired) ? fired : null;

        /// <summary>The stored figures <see cref="Hold"/> kept for the case at <paramref name="version"/>, once; null otherwise.</summary>
        internal NewCaseFigures? TakeStored(long caseId, int version) =>
            _stored.Remove(caseId, out var kept) && kept.Version == version ? kept.Figures : null;

        /// <summary>A notice the sweep itself sends (a reminder, an overdue acceptance), in its place among the group's.</summary>
        internal void Add(IEnumerable<Notice> notices) => Notices.AddRange(notices);

        /// <summary>Writes what is kept, in the caller's transaction, and empties the lists.</summary>
        internal async Task WriteAsync(RowWriter rows, CancellationToken ct)
        {
            ArgumentNullException.ThrowIfNull(rows);
            foreach (var chunk in Replaced.Chunk(LoadChunk))
            {
                await rows.Connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM case_deadlines WHERE case_id IN @Ids AND fired_at IS NULL", new { Ids = chunk }, rows.Transaction, cancellationToken: ct));
            }

            Replaced.Clear();
            await rows.InsertRowsAsync(InsertEvent, Events, ct);
            await rows.InsertRowsAsync(InsertDeadline, Deadlines, ct);
            await Data.Notifications.Notices.WriteAllAsync(rows, Notices, ct);
            await AuditWriter.WriteAllAsync(rows, Audit, ct);
            await summary.WriteAsync(rows, Summary, ct);
            Events.Clear();
            Deadlines.Clear();
            Notices.Clear();
            Audit.Clear();
        }
    }

    // Ids per chunk: well within both engines' parameter limits, and few enough statements for a sweep's group.
    private const int LoadChunk = 100;

    private sealed class SweptColumns
    {
        public long Id { get; init; }
        public int DeadlineVersion { get; init; }
        public long? ParentUnitId { get; init; }
        public string UnitName { get; init; } = "";
        public int Version { get; init; }
        public long UnitId { get; init; }
        public string State { get; init; } = "";
        public int? RiskColor { get; init; }
        public int? Level { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public DateTimeOffset FirstReceivedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public int? WorkersInvolved { get; init; }
    }

    private sealed class FiredCaseDeadline
    {
        public long CaseId { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
    }

    private sealed class StoredCaseWorker
    {
        public long CaseId { get; init; }
        public string Name { get; init; } = "";
        public string? IdType { get; init; }
        public string? IdNumber { get; init; }
        public string? IdCountry { get; init; }
        public string? Phone { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal? MonthsOwed { get; init; }
    }
}
