using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Reports;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Reads and writes the case aggregate. Every method runs inside the caller's transaction, so a use case's
/// case row, events, deadlines, side records, notices and audit rows commit or roll back as one.
/// </summary>
/// <param name="numbers">
/// The keyed hash of parties' numbers, written beside them for the search by number; without it (a tool run with no
/// key) the hashes stay NULL until <see cref="PartyNumberBackfill"/> fills them.
/// </param>
public sealed partial class CaseStore(Database database, TimeProvider time, PartyNumbers? numbers = null)
{
    private readonly SqlDialect _dialect = database.Dialect;

    // The dashboard's per-unit summary, moved in the same transaction as every case row written (Reports/CaseSummaryWriter).
    private readonly CaseSummaryWriter _summary = CaseSummaryWriter.For(database.Dialect);

    private const string InsertCase = """
        INSERT INTO cases (number, channel, claim_types, description, received_at, first_received_at, state, level,
                           unit_id, location_unit_id, enterprise_id, risk_color, risk_rules,
                           employer_absconded, production_stopped, collective_action, order_to_pay_ignored,
                           amount_owed, amount_recovered, workers_involved, declared_workers, mediator_user_id,
                           last_mediation_level, extension_days, next_due_at, deadline_version, closed_at,
                           version, created_at, updated_at, import_key)
        VALUES (@Number, @Channel, @ClaimTypes, @Description, @ReceivedAt, @FirstReceivedAt, @State, @Level,
                @UnitId, @LocationUnitId, @EnterpriseId, @RiskColor, @RiskRules,
                @EmployerAbsconded, @ProductionStopped, @CollectiveAction, @OrderToPayIgnored,
                @AmountOwed, @AmountRecovered, @WorkersInvolved, @DeclaredWorkers, @MediatorUserId,
                @LastMediationLevel, @ExtensionDays, @NextDueAt, 1, @ClosedAt,
                1, @Now, @Now, @ImportKey)
        """;

    private const string InsertParty = """
        INSERT INTO case_parties (case_id, kind, name, id_type, id_number, id_country, phone, amount_owed, months_owed, created_at, id_number_hash, phone_hash)
        VALUES (@CaseId, 'worker', @Name, @IdType, @IdNumber, @IdCountry, @Phone, @AmountOwed, @MonthsOwed, @Now, @IdNumberHash, @PhoneHash)
        """;

    private const string InsertDeadline = """
        INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, calendar_missing, created_at)
        VALUES (@CaseId, @Kind, @ForState, @DeadlineVersion, @DueAt, @CalendarMissing, @Now)
        """;

    // The registration insert as the dialect returns its id, made once: a batch writes it for every case.
    private string? _insertCase;

    /// <summary>The next case number for a county, e.g. 'AJ-2026-000123', allocated inside the transaction.</summary>
    public async Task<string> NextNumberAsync(
        DbConnection connection, DbTransaction transaction, string countyCode, DateTimeOffset receivedAt, CancellationToken ct = default)
    {
        var year = ChinaTime.DateOf(receivedAt).Year;
        var next = await Counters.NextAsync(connection, transaction, _dialect, NumberCounter(countyCode, year), ct);
        return FormatNumber(countyCode, year, next);
    }

    /// <summary>Inserts a newly registered case with its parties and everything its first transitions produced.</summary>
    /// <returns>The new case id.</returns>
    public Task<long> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        CancellationToken ct = default) =>
        InsertAsync(RowWriter.Cached(connection, transaction, _dialect), c, deadlines, actor, importKey: null, ct);

    /// <summary>
    /// The registration write, whoever runs it: <see cref="InsertAsync(DbConnection, DbTransaction, DisputeCase, IReadOnlyList{PlannedDeadline}, AuditActor, CancellationToken)"/>
    /// for one case, <see cref="CaseBulkWriter"/> for each case of a batch.
    /// </summary>
    /// <param name="importKey">The ledger key of an imported case (cases.import_key); null otherwise.</param>
    internal async Task<long> InsertAsync(
        RowWriter rows,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        string? importKey,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var caseRow = CaseRow.Of(c, deadlines, now, importKey);
        await _summary.MoveAsync(rows, c, caseRow.AmountOwed, caseRow.WorkersInvolved, ct);
        var id = await rows.InsertReturningIdAsync(_insertCase ??= _dialect.InsertReturningId(InsertCase), caseRow, ct);
        c.Identify(id, c.Number);

        await rows.ExecuteEachAsync(
            InsertParty,
            c.Workers.Select(w => new PartyRow(
                id, w.Name, DbCode.Of(w.IdType), w.IdNumber.Length == 0 ? null : w.IdNumber, w.IdCountry, w.Phone, w.AmountOwed, w.MonthsOwed, now,
                numbers?.Hash(w.IdNumber), numbers?.Hash(w.Phone))),
            ct);

        await WriteChangesAsync(rows, c, deadlines, DeadlineWrite.New, deadlineVersion: 1, actor, now, ct);
        return id;
    }

    /// <summary>
    /// The case with <paramref name="id"/> if its current unit lies in the subtree at <paramref name="scopePath"/>;
    /// null otherwise, exactly as for a case that does not exist.
    /// </summary>
    public Task<DisputeCase?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, long id, string scopePath, CancellationToken ct = default) =>
        LoadAsync(connection, transaction, id, CaseViewer.Scope(scopePath), ct);

    /// <summary>The case if <paramref name="viewer"/> may act on it (<see cref="CaseVisibility.Acts"/>); null otherwise.</summary>
    public async Task<DisputeCase?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, long id, CaseViewer viewer, CancellationToken ct = default) =>
        (await LoadCoreAsync(connection, transaction, id, viewer, actOnly: true, ct)).Case;

    /// <summary>The case and what <paramref name="viewer"/> may do with it, if they may see it at all.</summary>
    public async Task<(DisputeCase? Case, CaseAccess Access)> LoadVisibleAsync(
        DbConnection connection, DbTransaction? transaction, long id, CaseViewer viewer, CancellationToken ct = default) =>
        await LoadCoreAsync(connection, transaction, id, viewer, actOnly: false, ct);

    // The two loads' texts, made once: a kept command is found by its text.
    private string? _loadActing;
    private string? _loadSeeing;

    // The columns of a StoredCase, for the single load and the sweep's load of many.
    private const string StoredCaseColumns = """
        c.id AS Id, c.number AS Number, c.channel AS Channel, c.claim_types AS ClaimTypes,
               c.description AS Description, c.received_at AS ReceivedAtLevel, c.first_received_at AS FirstReceivedAt,
               c.state AS State, c.unit_id AS UnitId, c.location_unit_id AS LocationUnitId,
               c.enterprise_id AS EnterpriseId, c.risk_color AS RiskColor, c.risk_rules AS RiskRules,
               c.employer_absconded AS EmployerAbsconded, c.production_stopped AS ProductionStopped,
               c.collective_action AS CollectiveAction, c.order_to_pay_ignored AS OrderToPayIgnored,
               c.amount_recovered AS AmountRecovered, c.declared_workers AS DeclaredWorkers,
               c.mediator_user_id AS MediatorUserId, c.last_mediation_level AS LastMediationLevel,
               c.extension_days AS ExtensionDays, c.closed_at AS ClosedAt, c.version AS Version
        """;

    private string LoadSql(bool actOnly)
    {
        var condition = actOnly ? CaseVisibility.Acts(_dialect) : CaseVisibility.Sees(_dialect);
        return $"""
            SELECT {StoredCaseColumns},
                   {(actOnly ? ((int)CaseAccess.Act).ToString(CultureInfo.InvariantCulture) : CaseVisibility.AccessOf(_dialect))} AS Access
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id AND {condition};
            SELECT name AS Name, id_type AS IdType, id_number AS IdNumber, id_country AS IdCountry, phone AS Phone,
                   amount_owed AS AmountOwed, months_owed AS MonthsOwed
            FROM case_parties WHERE case_id = @Id AND kind = 'worker' ORDER BY id;
            """;
    }

    private sealed record LoadArgs(long Id, long? ViewerId, long? PartnerOrgId, string SubtreePattern);

    private async Task<(DisputeCase? Case, CaseAccess Access)> LoadCoreAsync(
        DbConnection connection, DbTransaction? transaction, long id, CaseViewer viewer, bool actOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(viewer);

        // One round trip for the case and its workers, on a command kept with the connection. The workers are read
        // whatever the scope; they are discarded unless the case row, which carries the jurisdiction check, comes back.
        var sql = actOnly ? _loadActing ??= LoadSql(actOnly: true) : _loadSeeing ??= LoadSql(actOnly: false);
        var args = new LoadArgs(id, viewer.UserId, viewer.PartnerOrgId, _dialect.SubtreePattern(viewer.ScopePath));
        var (row, workers) = await RowWriter.Cached(connection, transaction, _dialect).ReadAsync(
            sql,
            args,
            async reader =>
            {
                var found = (await RowWriter.RowsOf<StoredCase>(reader, ct)).SingleOrDefault();
                await reader.NextResultAsync(ct);
                var stored = await RowWriter.RowsOf<StoredWorker>(reader, ct);
                return (found, stored.Select(w => new CaseWorker(
                    w.Name, w.IdNumber ?? "", w.Phone ?? "", w.AmountOwed ?? 0m, w.MonthsOwed ?? 0m,
                    w.IdType is null ? IdDocumentType.ResidentId : DbCode.Parse<IdDocumentType>(w.IdType), w.IdCountry)).ToList());
            },
            ct);

        if (row is null)
        {
            return (null, CaseAccess.None);
        }

        // The agreement and the referral matter to the aggregate only in the states that act on them; most
        // transitions happen in mediation and skip these reads.
        StoredTerms? terms = null;
        if (row.State is nameof(CaseState.AgreementReached) or nameof(CaseState.Referred))
        {
            const string latest = """
                SELECT a.amount AS AgreementAmount, a.payment_due_date AS AgreementDueDate, a.method AS AgreementMethod,
                       r.body AS ReferralBody, r.reference_number AS ReferralNumber
                FROM cases AS c
                LEFT JOIN agreements AS a ON a.id = (SELECT MAX(x.id) FROM agreements AS x WHERE x.case_id = c.id)
                LEFT JOIN referrals AS r ON r.id = (SELECT MAX(y.id) FROM referrals AS y WHERE y.case_id = c.id)
                WHERE c.id = @Id
                """;
            terms = (await RowWriter.Cached(connection, transaction, _dialect).ReadAsync(
                latest, new CaseIdRow(id), reader => RowWriter.RowsOf<StoredTerms>(reader, ct), ct)).Single();
        }

        return (DisputeCase.Restore(row.ToSnapshot(workers, terms)), (CaseAccess)row.Access);
    }

    /// <summary>
    /// The transition write: updates the case if it is still at the version it was loaded at, appends its new
    /// events, replaces its open deadlines and writes what the transitions produced.
    /// </summary>
    /// <returns>The case's new version.</returns>
    /// <exception cref="CaseConcurrencyException">Someone else changed the case since it was loaded.</exception>
    /// <param name="deadlinesChanged">
    /// False when the transition left the case's deadlines as they were (a session recorded, parties invited): the
    /// deadline rows and their version then stay, so the sweep keeps treating them as live.
    /// </param>
    public Task<int> SaveAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        bool deadlinesChanged = true,
        CancellationToken ct = default) =>
        SaveAsync(connection, transaction, c, deadlines, actor, deadlinesChanged, deferred: null, ct);

    /// <summary>The transition write, its plain inserts kept in <paramref name="deferred"/> when given (a sweep's group).</summary>
    internal async Task<int> SaveAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        bool deadlinesChanged,
        GroupInserts? deferred,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(deadlines);
        const string update = """
            UPDATE cases
            SET state = @State, level = @Level, unit_id = @UnitId, received_at = @ReceivedAt,
                risk_color = @RiskColor, risk_rules = @RiskRules, amount_recovered = @AmountRecovered,
                mediator_user_id = @MediatorUserId, last_mediation_level = @LastMediationLevel,
                extension_days = @ExtensionDays, closed_at = @ClosedAt, next_due_at = @NextDueAt,
                deadline_version = CASE WHEN @DeadlinesChanged = 1 THEN @NewVersion ELSE deadline_version END,
                version = @NewVersion, updated_at = @Now
            WHERE id = @Id AND version = @Version
            """;
        var now = time.GetUtcNow();
        var newVersion = c.Version + 1;

        // The deadline version is the case version at which the deadlines were last written: no read-back needed.
        var rows = RowWriter.Cached(connection, transaction, _dialect);
        var caseRow = CaseRow.Of(c, deadlines, now) with { NewVersion = newVersion, DeadlinesChanged = deadlinesChanged ? 1 : 0 };
        if (deferred?.TakeStored(c.Id, c.Version) is { } stored)
        {
            // A sweep's group: the move is added up with the group's others, as MoveAsync would write it (a transition
            // keeps the stored workers and amount owed).
            deferred.Summary.Add(stored, -1);
            deferred.Summary.Add(
                stored with
                {
                    UnitId = c.UnitId, State = c.State.ToString(), RiskColor = (int?)c.RiskColor, Level = c.Level,
                    ClosedAt = c.ClosedAt, FirstReceivedAt = c.FirstReceivedAt, AmountRecovered = c.AmountRecovered,
                },
                +1);
        }
        else
        {
            await _summary.MoveAsync(rows, c, caseRow.AmountOwed, caseRow.WorkersInvolved, ct);
        }

        var changed = await rows.ExecuteAsync(update, caseRow, ct);
        if (changed == 0)
        {
            throw new CaseConcurrencyException(c.Id, c.Version);
        }

        var deadlineWrite = deadlinesChanged ? DeadlineWrite.Replace : DeadlineWrite.Keep;
        if (deferred is not null)
        {
            await WriteChangesDeferringAsync(rows, c, deadlines, deadlineWrite, newVersion, actor, now, deferred, ct);
            return newVersion;
        }

        await WriteChangesAsync(rows, c, deadlines, deadlineWrite, newVersion, actor, now, ct);
        return newVersion;
    }

    /// <summary>
    /// The timeline name of a deadline recomputation: not a workflow trigger (the state does not change), so
    /// <see cref="CaseQueries"/> shows it as a note beside the transitions.
    /// </summary>
    public const string DeadlinesRecomputedEvent = "DeadlinesRecomputed";

    private const string InsertEvent = """
        INSERT INTO case_events (case_id, at, by_user_id, trigger_name, from_state, to_state, reason, data)
        VALUES (@CaseId, @At, @ByUserId, @Trigger, @From, @To, @Reason, @Data)
        """;

    /// <summary>
    /// Writes a case's deadlines computed afresh (a calendar year loaded or changed) as a new deadline version, with a
    /// timeline entry saying why and its audit row, in the caller's transaction. The state does not change; the sweep
    /// acts only on rows of the new version, so a timer claimed under the old one does nothing.
    /// </summary>
    /// <returns>The case's new version.</returns>
    /// <exception cref="CaseConcurrencyException">Someone else changed the case since it was loaded.</exception>
    public async Task<int> ReplanAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        string reason,
        object? data,
        AuditActor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        var version = await SaveAsync(connection, transaction, c, deadlines, actor, deadlinesChanged: true, ct);
        var now = time.GetUtcNow();
        var rows = RowWriter.Cached(connection, transaction, _dialect);
        var state = c.State.ToString();
        await rows.ExecuteAsync(
            InsertEvent, new EventRow(c.Id, now, actor.UserId, DeadlinesRecomputedEvent, state, state, reason, DbJson.Serialize(data)), ct);
        await AuditWriter.WriteAsync(
            rows,
            [new AuditEntry(now, actor.UserId, actor.Username, "case.deadlines_recomputed", "case", c.Id.ToString(CultureInfo.InvariantCulture),
                DbJson.Serialize(new { c.Number, reason, data }), actor.RemoteIp)],
            ct);
        return version;
    }

    /// <summary>What a write does with the case's deadline rows.</summary>
    private enum DeadlineWrite
    {
        /// <summary>A new case: it has none yet, so its deadlines are inserted.</summary>
        New,

        /// <summary>The deadlines changed: the open rows are replaced.</summary>
        Replace,

        /// <summary>The deadlines did not change: the rows and their version stay.</summary>
        Keep,
    }

    /// <summary>Events, deadlines, sessions, agreements, referrals, notices and audit rows: what the case's new events produced.</summary>
    private static async Task WriteChangesAsync(
        RowWriter rows,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        DeadlineWrite deadlineWrite,
        int deadlineVersion,
        AuditActor actor,
        DateTimeOffset now,
        CancellationToken ct)
    {
        await rows.ExecuteEachAsync(
            InsertEvent,
            c.NewEvents.Select(e => new EventRow(
                c.Id, e.At, e.ByUserId, e.Trigger.ToString(), e.From.ToString(), e.To.ToString(), e.Reason, DbJson.Serialize(e.Data))),
            ct);

        switch (deadlineWrite)
        {
            case DeadlineWrite.New:
                await InsertDeadlinesAsync(rows, c, deadlines, deadlineVersion, now, ct);
                break;
            case DeadlineWrite.Replace:
                await ReplaceDeadlinesAsync(rows, c, deadlines, deadlineVersion, now, ct);
                break;
        }

        await WriteRecordsAsync(rows, c, actor, now, ct);
        await WriteUnitsHeldAsync(rows, c, actor.UnitPath, ct);
        await CaseShares.WriteDefaultAsync(rows, c, now, ct);
        await Notices.WriteForCaseAsync(rows, c.Id, c.NewNotices, now, ct);

        var entityId = c.Id.ToString(CultureInfo.InvariantCulture);
        await AuditWriter.WriteAsync(
            rows,
            c.NewEvents.Select(e => new AuditEntry(
                now,
                actor.UserId,
                actor.Username,
                "case." + DbCode.Of(e.Trigger),
                "case",
                entityId,
                DbJson.Serialize(new { c.Number, from = e.From.ToString(), to = e.To.ToString(), e.Reason }),
                actor.RemoteIp)),
            ct);
    }

    /// <summary>
    /// The units that keep following the case (<see cref="CaseVisibility.Held"/>): the one holding it now, its
    /// mediator's, and the acting user's (a mediator who registers a case routed above them follows it). The system's
    /// scope ('/') is no unit.
    /// </summary>
    private static Task<int> WriteUnitsHeldAsync(RowWriter rows, DisputeCase c, string actorPath, CancellationToken ct)
    {
        const string insert = """
            INSERT INTO case_units_held (case_id, unit_id)
            SELECT @CaseId, x.unit_id
            FROM (SELECT @UnitId AS unit_id
                  UNION SELECT m.unit_id FROM users AS m WHERE m.id = @MediatorUserId
                  UNION SELECT a.id FROM org_units AS a WHERE a.path = @ActorPath) AS x
            WHERE NOT EXISTS (SELECT 1 FROM case_units_held AS h WHERE h.case_id = @CaseId AND h.unit_id = x.unit_id)
            """;
        return rows.ExecuteAsync(insert, new UnitsHeldRow(c.Id, c.UnitId, c.MediatorUserId, actorPath), ct);
    }

    /// <summary>
    /// Open deadlines are replaced wholesale; a deadline that already fired stays as history and is not planned
    /// again, so a reminder sent before an unrelated change is not sent twice.
    /// </summary>
    private static async Task ReplaceDeadlinesAsync(
        RowWriter rows, DisputeCase c, IReadOnlyList<PlannedDeadline> deadlines, int deadlineVersion, DateTimeOffset now, CancellationToken ct)
    {
        var id = new CaseIdRow(c.Id);
        await rows.ExecuteAsync("DELETE FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL", id, ct);
        if (deadlines.Count == 0)
        {
            return;
        }

        const string firedSql = "SELECT kind AS Kind, due_at AS DueAt FROM case_deadlines WHERE case_id = @Id AND fired_at IS NOT NULL";
        var firedRows = rows.CanRead
            ? await rows.ReadAsync(firedSql, id, reader => RowWriter.RowsOf<FiredDeadline>(reader, ct), ct)
            : (await rows.Connection.QueryAsync<FiredDeadline>(new CommandDefinition(firedSql, id, rows.Transaction, cancellationToken: ct))).AsList();
        var fired = firedRows.Select(f => (f.Kind, f.DueAt)).ToHashSet();
        await InsertDeadlinesAsync(rows, c, [.. deadlines.Where(d => !fired.Contains((DbCode.Of(d.Kind), d.DueAt)))], deadlineVersion, now, ct);
    }

    private static Task<int> InsertDeadlinesAsync(
        RowWriter rows, DisputeCase c, IReadOnlyList<PlannedDeadline> deadlines, int deadlineVersion, DateTimeOffset now, CancellationToken ct)
    {
        var forState = c.State.ToString();
        return rows.ExecuteEachAsync(
            InsertDeadline, deadlines.Select(d => new DeadlineRow(c.Id, DbCode.Of(d.Kind), forState, deadlineVersion, d.DueAt, d.CalendarMissing, now)), ct);
    }

    /// <summary>
    /// Sessions, agreements and referrals get rows of their own, for the case page and the reports. An agreement or
    /// referral whose later events (performance, closing the referral) come in the same write is inserted once in
    /// its final shape; one made in an earlier write is updated.
    /// </summary>
    private static async Task WriteRecordsAsync(RowWriter rows, DisputeCase c, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        const string insertSession = """
            INSERT INTO mediation_sessions (case_id, level, unit_id, mediator_user_id, held_at, place, participants, summary, recorded_by_user_id, created_at)
            VALUES (@CaseId, @Level, @UnitId, @MediatorUserId, @HeldAt, @Place, @Participants, @Summary, @By, @Now)
            """;

        // The partners present belong to the session just written (the case row is held by this transaction), and only
        // organisations of the case's own county are recorded.
        const string insertPartner = """
            INSERT INTO session_partners (session_id, partner_org_id)
            SELECT (SELECT MAX(s.id) FROM mediation_sessions AS s WHERE s.case_id = @CaseId), p.id
            FROM partner_orgs AS p
            WHERE p.id = @PartnerOrgId AND p.county_id = (SELECT o.county_id FROM org_units AS o WHERE o.id = @UnitId)
            """;
        foreach (var s in c.NewSessions)
        {
            await rows.ExecuteAsync(
                insertSession,
                new SessionRow(c.Id, c.Level ?? c.LastMediationLevel, c.UnitId, c.MediatorUserId, s.HeldAt, s.Place, s.Participants, s.Summary, actor.UserId, now),
                ct);
            await rows.ExecuteEachAsync(insertPartner, s.PartnerOrgIds.Distinct().Select(p => new SessionPartnerRow(c.Id, c.UnitId, p)), ct);
        }

        AgreementRow? agreement = null;
        ReferralRow? referral = null;
        foreach (var e in c.NewEvents)
        {
            switch (e.Trigger)
            {
                case CaseTrigger.ReachAgreement when c.Agreement is { } terms:
                    await InsertAgreementAsync(agreement);
                    agreement = new AgreementRow(c.Id, e.At, terms.Amount, terms.PaymentDueDate, terms.Method, null, null, actor.UserId, now);
                    break;
                case CaseTrigger.ConfirmPerformance when e.From == CaseState.AgreementReached:
                    if (agreement is not null)
                    {
                        agreement = agreement with { PerformedAt = e.At, Paid = c.AmountRecovered };
                    }
                    else
                    {
                        await rows.ExecuteAsync(
                            """
                            UPDATE agreements SET performed_at = @At, amount_paid = @Paid
                            WHERE id = (SELECT MAX(id) FROM agreements WHERE case_id = @CaseId)
                            """,
                            new AgreementPerformedRow(c.Id, e.At, c.AmountRecovered),
                            ct);
                    }

                    break;
                case CaseTrigger.Refer when c.Referral is { } body:
                    await InsertReferralAsync(referral);
                    referral = new ReferralRow(c.Id, DbCode.Of(body.Body), body.ReferenceNumber, e.At, actor.UserId, null, null)
                    {
                        PartnerOrgId = body.PartnerOrgId,
                        BodyName = body.BodyName,
                        HandedOver = body.HandedOver,
                        ReferringUnitId = c.UnitId,
                        AckDueAt = body.AcknowledgementDue,
                    };
                    break;
                case CaseTrigger.CloseReferral:
                    // The outcome the body decided; a closing that named none keeps its reason, as before.
                    var outcome = c.ReferralOutcome ?? e.Reason;
                    if (referral is not null)
                    {
                        referral = referral with { Outcome = outcome, ClosedAt = e.At };
                    }
                    else
                    {
                        await rows.ExecuteAsync(
                            """
                            UPDATE referrals SET outcome = @Outcome, closed_at = @At
                            WHERE id = (SELECT MAX(id) FROM referrals WHERE case_id = @CaseId)
                            """,
                            new ReferralClosedRow(c.Id, e.At, outcome),
                            ct);
                    }

                    break;
            }
        }

        await InsertAgreementAsync(agreement);
        await InsertReferralAsync(referral);
        if (referral is { PartnerOrgId: { } partnerOrgId, ClosedAt: null })
        {
            await Partners.ReferralHandOver.WriteAsync(rows, c, partnerOrgId, now, ct);
        }

        async Task InsertAgreementAsync(AgreementRow? row)
        {
            if (row is not null)
            {
                await rows.ExecuteAsync(
                    """
                    INSERT INTO agreements (case_id, signed_at, amount, payment_due_date, method, performed_at, amount_paid, recorded_by_user_id, created_at)
                    VALUES (@CaseId, @At, @Amount, @PaymentDueDate, @Method, @PerformedAt, @Paid, @By, @Now)
                    """,
                    row,
                    ct);
            }
        }

        async Task InsertReferralAsync(ReferralRow? row)
        {
            if (row is not null)
            {
                await rows.ExecuteAsync(
                    """
                    INSERT INTO referrals (case_id, body, reference_number, referred_at, referred_by_user_id, outcome, closed_at,
                                           partner_org_id, body_name, handed_over, referring_unit_id, ack_due_at)
                    VALUES (@CaseId, @Body, @ReferenceNumber, @At, @By, @Outcome, @ClosedAt,
                            @PartnerOrgId, @BodyName, @HandedOver, @ReferringUnitId, @AckDueAt)
                    """,
                    row,
                    ct);
            }
        }
    }

    /// <summary>The nearest deadline that moves the case (not reminders or notices): what "most urgent" sorts on.</summary>
    private static DateTimeOffset? NextDue(IReadOnlyList<PlannedDeadline> deadlines)
    {
        DateTimeOffset? next = null;
        foreach (var d in deadlines)
        {
            if (d.Kind is DeadlineKind.Acceptance or DeadlineKind.LevelLimit or DeadlineKind.PaymentDue && (next is null || d.DueAt < next))
            {
                next = d.DueAt;
            }
        }

        return next;
    }

    /// <summary>
    /// The cases row, for the insert and the transition update alike (each statement binds the properties it names).
    /// </summary>
    private sealed record CaseRow
    {
        public long Id { get; init; }
        public required string Number { get; init; }
        public required string Channel { get; init; }
        public string? ClaimTypes { get; init; }
        public required string Description { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public DateTimeOffset FirstReceivedAt { get; init; }
        public required string State { get; init; }
        public int? Level { get; init; }
        public long UnitId { get; init; }
        public long LocationUnitId { get; init; }
        public long? EnterpriseId { get; init; }
        public int? RiskColor { get; init; }
        public string? RiskRules { get; init; }
        public bool EmployerAbsconded { get; init; }
        public bool ProductionStopped { get; init; }
        public bool CollectiveAction { get; init; }
        public bool OrderToPayIgnored { get; init; }
        public decimal AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public int WorkersInvolved { get; init; }
        public int DeclaredWorkers { get; init; }
        public long? MediatorUserId { get; init; }
        public int LastMediationLevel { get; init; }
        public int ExtensionDays { get; init; }
        public DateTimeOffset? NextDueAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public int Version { get; init; }
        public DateTimeOffset Now { get; init; }
        public string? ImportKey { get; init; }
        public int NewVersion { get; init; }
        public int DeadlinesChanged { get; init; }

        public static CaseRow Of(DisputeCase c, IReadOnlyList<PlannedDeadline> deadlines, DateTimeOffset now, string? importKey = null) => new()
        {
            Id = c.Id,
            Number = c.Number,
            Channel = DbCode.Of(c.Channel),
            ClaimTypes = DbJson.Serialize(c.ClaimTypes.Select(DbCode.Of)),
            Description = c.Description,
            ReceivedAt = c.ReceivedAtLevel,
            FirstReceivedAt = c.FirstReceivedAt,
            State = c.State.ToString(),
            Level = c.Level,
            UnitId = c.UnitId,
            LocationUnitId = c.LocationUnitId,
            EnterpriseId = c.EnterpriseId == 0 ? null : c.EnterpriseId,
            RiskColor = (int?)c.RiskColor,
            RiskRules = DbJson.Serialize(c.RiskRules),
            EmployerAbsconded = c.Signals.HasFlag(RiskSignals.EmployerAbsconded),
            ProductionStopped = c.Signals.HasFlag(RiskSignals.ProductionStopped),
            CollectiveAction = c.Signals.HasFlag(RiskSignals.CollectiveAction),
            OrderToPayIgnored = c.Signals.HasFlag(RiskSignals.OrderToPayIgnored),
            AmountOwed = c.AmountOwed,
            AmountRecovered = c.AmountRecovered,
            WorkersInvolved = c.WorkersInvolved,
            DeclaredWorkers = c.DeclaredWorkers,
            MediatorUserId = c.MediatorUserId,
            LastMediationLevel = c.LastMediationLevel,
            ExtensionDays = c.ExtensionDays,
            NextDueAt = NextDue(deadlines),
            ClosedAt = c.ClosedAt,
            Version = c.Version,
            Now = now,
            ImportKey = importKey,
        };
    }

    private sealed record CaseIdRow(long Id);

    private sealed record UnitsHeldRow(long CaseId, long UnitId, long? MediatorUserId, string ActorPath);

    private sealed record PartyRow(
        long CaseId, string Name, string IdType, string? IdNumber, string? IdCountry, string Phone, decimal AmountOwed, decimal MonthsOwed, DateTimeOffset Now,
        string? IdNumberHash, string? PhoneHash);

    internal sealed record EventRow(long CaseId, DateTimeOffset At, long? ByUserId, string Trigger, string From, string To, string? Reason, string? Data);

    internal sealed record DeadlineRow(
        long CaseId, string Kind, string ForState, int DeadlineVersion, DateTimeOffset DueAt, bool CalendarMissing, DateTimeOffset Now);

    private sealed record SessionRow(
        long CaseId, int Level, long UnitId, long? MediatorUserId, DateTimeOffset HeldAt, string? Place, string? Participants, string Summary, long? By, DateTimeOffset Now);

    private sealed record SessionPartnerRow(long CaseId, long UnitId, long PartnerOrgId);

    private sealed record AgreementRow(
        long CaseId, DateTimeOffset At, decimal Amount, DateOnly PaymentDueDate, string Method, DateTimeOffset? PerformedAt, decimal? Paid, long? By, DateTimeOffset Now);

    private sealed record AgreementPerformedRow(long CaseId, DateTimeOffset At, decimal Paid);

    private sealed record ReferralRow(
        long CaseId, string Body, string? ReferenceNumber, DateTimeOffset At, long? By, string? Outcome, DateTimeOffset? ClosedAt)
    {
        public long? PartnerOrgId { get; init; }
        public string? BodyName { get; init; }
        public string? HandedOver { get; init; }
        public long? ReferringUnitId { get; init; }
        public DateTimeOffset? AckDueAt { get; init; }
    }

    private sealed record ReferralClosedRow(long CaseId, DateTimeOffset At, string? Outcome);

    private sealed class StoredCase
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string Channel { get; init; } = "";
        public string ClaimTypes { get; init; } = "[]";
        public string Description { get; init; } = "";
        public DateTimeOffset ReceivedAtLevel { get; init; }
        public DateTimeOffset FirstReceivedAt { get; init; }
        public string State { get; init; } = "";
        public long UnitId { get; init; }
        public long LocationUnitId { get; init; }
        public long? EnterpriseId { get; init; }
        public int? RiskColor { get; init; }
        public string RiskRules { get; init; } = "[]";
        public bool EmployerAbsconded { get; init; }
        public bool ProductionStopped { get; init; }
        public bool CollectiveAction { get; init; }
        public bool OrderToPayIgnored { get; init; }
        public decimal AmountRecovered { get; init; }
        public int DeclaredWorkers { get; init; }
        public long? MediatorUserId { get; init; }
        public int? LastMediationLevel { get; init; }
        public int ExtensionDays { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public int Version { get; init; }
        public int Access { get; init; }

        public CaseSnapshot ToSnapshot(IReadOnlyList<CaseWorker> workers, StoredTerms? terms) => new()
        {
            Id = Id,
            Number = Number,
            Channel = DbCode.Parse<Channel>(Channel),
            ClaimTypes = (DbJson.Deserialize<string[]>(ClaimTypes) ?? []).Select(DbCode.Parse<ClaimType>).ToArray(),
            Description = Description,
            FirstReceivedAt = FirstReceivedAt,
            ReceivedAtLevel = ReceivedAtLevel,
            EnterpriseId = EnterpriseId ?? 0,
            LocationUnitId = LocationUnitId,
            UnitId = UnitId,
            State = Enum.Parse<CaseState>(State),
            RiskColor = (RiskColor?)RiskColor,
            RiskRules = DbJson.Deserialize<FiredRule[]>(RiskRules) ?? [],
            Signals = (EmployerAbsconded ? RiskSignals.EmployerAbsconded : 0)
                | (ProductionStopped ? RiskSignals.ProductionStopped : 0)
                | (CollectiveAction ? RiskSignals.CollectiveAction : 0)
                | (OrderToPayIgnored ? RiskSignals.OrderToPayIgnored : 0),
            Workers = workers,
            DeclaredWorkers = DeclaredWorkers,
            AmountRecovered = AmountRecovered,
            MediatorUserId = MediatorUserId,
            LastMediationLevel = LastMediationLevel ?? 1,
            ExtensionDays = ExtensionDays,
            Agreement = terms is { AgreementAmount: { } amount, AgreementDueDate: { } due } ? new AgreementTerms(amount, due, terms.AgreementMethod ?? "") : null,
            Referral = terms?.ReferralBody is { } body ? new Referral(DbCode.Parse<ReferralBody>(body), terms.ReferralNumber) : null,
            ClosedAt = ClosedAt,
            Version = Version,
        };
    }

    private sealed class StoredTerms
    {
        public decimal? AgreementAmount { get; init; }
        public DateOnly? AgreementDueDate { get; init; }
        public string? AgreementMethod { get; init; }
        public string? ReferralBody { get; init; }
        public string? ReferralNumber { get; init; }
    }

    private sealed class StoredWorker
    {
        public string Name { get; init; } = "";
        public string? IdType { get; init; }
        public string? IdNumber { get; init; }
        public string? IdCountry { get; init; }
        public string? Phone { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal? MonthsOwed { get; init; }
    }

    private sealed class FiredDeadline
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
    }


}
