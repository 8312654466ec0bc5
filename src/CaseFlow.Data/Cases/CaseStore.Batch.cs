using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Reports;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Cases;

/// <summary>A newly built case for <see cref="CaseStore.InsertBatchAsync"/>: the case, its deadlines and its ledger key (or null).</summary>
public sealed record NewCaseInsert(DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines, string? ImportKey = null);

public sealed partial class CaseStore
{
    /// <summary>
    /// The registration write for many new cases in the caller's transaction: the rows <see cref="InsertAsync(RowWriter, DisputeCase, IReadOnlyList{PlannedDeadline}, AuditActor, string?, CancellationToken)"/>
    /// writes for each of them in turn, with the same values and each table's rows in the same order (so the same ids),
    /// written table by table. The cases go in one by one (their ids come back from the insert); their parties,
    /// events, deadlines, plain notices and audit rows go in multi-row statements; the summary gets one upsert per cell
    /// the batch touches. What only some cases have (sessions, agreements, referrals, default shares, a red alert's
    /// fan-out) is written per case as the single path does.
    /// </summary>
    internal async Task InsertBatchAsync(RowWriter rows, IReadOnlyList<NewCaseInsert> cases, AuditActor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(actor);
        if (cases.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var caseRows = new CaseRow[cases.Count];
        for (var i = 0; i < cases.Count; i++)
        {
            caseRows[i] = CaseRow.Of(cases[i].Case, cases[i].Deadlines, now, cases[i].ImportKey);
        }

        await _summary.AddNewAsync(
            rows,
            caseRows.Select(r => new NewCaseFigures(
                r.UnitId, r.State, r.RiskColor, r.Level, r.ClosedAt, r.FirstReceivedAt, r.AmountOwed, r.AmountRecovered, r.WorkersInvolved)),
            ct);

        var insertCase = _insertCase ??= _dialect.InsertReturningId(InsertCase);
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i].Case;
            c.Identify(await rows.InsertReturningIdAsync(insertCase, caseRows[i], ct), c.Number);
        }

        var parties = new List<PartyRow>(cases.Count);
        var events = new List<EventRow>(cases.Count * 2);
        var deadlines = new List<DeadlineRow>(cases.Count * 4);
        var audit = new List<AuditEntry>(cases.Count * 2);
        foreach (var (c, planned, _) in cases)
        {
            foreach (var w in c.Workers)
            {
                parties.Add(new PartyRow(
                    c.Id, w.Name, DbCode.Of(w.IdType), w.IdNumber.Length == 0 ? null : w.IdNumber, w.IdCountry, w.Phone, w.AmountOwed, w.MonthsOwed, now,
                    numbers?.Hash(w.IdNumber), numbers?.Hash(w.Phone)));
            }

            var entityId = c.Id.ToString(CultureInfo.InvariantCulture);
            foreach (var e in c.NewEvents)
            {
                events.Add(new EventRow(c.Id, e.At, e.ByUserId, e.Trigger.ToString(), e.From.ToString(), e.To.ToString(), e.Reason, DbJson.Serialize(e.Data)));
                audit.Add(new AuditEntry(
                    now, actor.UserId, actor.Username, "case." + DbCode.Of(e.Trigger), "case", entityId,
                    DbJson.Serialize(new { c.Number, from = e.From.ToString(), to = e.To.ToString(), e.Reason }), actor.RemoteIp));
            }

            var forState = c.State.ToString();
            foreach (var d in planned)
            {
                deadlines.Add(new DeadlineRow(c.Id, DbCode.Of(d.Kind), forState, 1, d.DueAt, d.CalendarMissing, now));
            }
        }

        await rows.InsertRowsAsync(InsertParty, parties, ct);
        await rows.InsertRowsAsync(InsertEvent, events, ct);
        await rows.InsertRowsAsync(InsertDeadline, deadlines, ct);

        // The rest of WriteChangesAsync, case by case; a case's plain notices wait to go in with the next ones, and
        // are written before any case that writes notices of its own kind (shares, a red alert), so the notifications
        // keep the single path's order.
        var notices = new List<Notice>(cases.Count);
        foreach (var (c, _, _) in cases)
        {
            await WriteRecordsAsync(rows, c, actor, now, ct);
            await WriteUnitsHeldAsync(rows, c, actor.UnitPath, ct);
            if (CaseShares.WritesDefault(c) || Notices.FansOut(c.NewNotices))
            {
                await Notices.WriteAllAsync(rows, notices, ct);
                notices.Clear();
                await CaseShares.WriteDefaultAsync(rows, c, now, ct);
                await Notices.WriteForCaseAsync(rows, c.Id, c.NewNotices, now, ct);
            }
            else
            {
                notices.AddRange(Notices.ForCase(c.Id, c.NewNotices, now));
            }
        }

        await Notices.WriteAllAsync(rows, notices, ct);
        await AuditWriter.WriteAllAsync(rows, audit, ct);
    }

    /// <summary>The counter a county's case numbers of a year are taken from.</summary>
    internal static string NumberCounter(string countyCode, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"case_number:{countyCode}:{year}");

    /// <summary>A case number: 'AJ-2026-000123'.</summary>
    internal static string FormatNumber(string countyCode, int year, long running) =>
        string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year}-{running:D6}");
}
