using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Reads and writes the case aggregate. Every method runs inside the caller's transaction, so a use case's
/// case row, events, deadlines, side records, notices and audit rows commit or roll back as one.
/// </summary>
public sealed class CaseStore(Database database, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    /// <summary>The next case number for a county, e.g. 'AJ-2026-000123', allocated inside the transaction.</summary>
    public async Task<string> NextNumberAsync(
        DbConnection connection, DbTransaction transaction, string countyCode, DateTimeOffset receivedAt, CancellationToken ct = default)
    {
        var year = ChinaTime.DateOf(receivedAt).Year;
        var next = await Counters.NextAsync(
            connection, transaction, _dialect, string.Create(CultureInfo.InvariantCulture, $"case_number:{countyCode}:{year}"), ct);
        return string.Create(CultureInfo.InvariantCulture, $"{countyCode}-{year}-{next:D6}");
    }

    /// <summary>Inserts a newly registered case with its parties and everything its first transitions produced.</summary>
    /// <returns>The new case id.</returns>
    public async Task<long> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(deadlines);
        const string insertCase = """
            INSERT INTO cases (number, channel, claim_types, description, received_at, first_received_at, state, level,
                               unit_id, location_unit_id, enterprise_id, risk_color, risk_rules,
                               employer_absconded, production_stopped, collective_action, order_to_pay_ignored,
                               amount_owed, amount_recovered, workers_involved, declared_workers, mediator_user_id,
                               last_mediation_level, extension_days, next_due_at, deadline_version, closed_at,
                               version, created_at, updated_at)
            VALUES (@Number, @Channel, @ClaimTypes, @Description, @ReceivedAt, @FirstReceivedAt, @State, @Level,
                    @UnitId, @LocationUnitId, @EnterpriseId, @RiskColor, @RiskRules,
                    @EmployerAbsconded, @ProductionStopped, @CollectiveAction, @OrderToPayIgnored,
                    @AmountOwed, @AmountRecovered, @WorkersInvolved, @DeclaredWorkers, @MediatorUserId,
                    @LastMediationLevel, @ExtensionDays, @NextDueAt, 1, @ClosedAt,
                    1, @Now, @Now)
            """;
        var now = time.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            _dialect.InsertReturningId(insertCase), CaseRow(c, deadlines, now), transaction, cancellationToken: ct));
        c.Identify(id, c.Number);

        const string insertParty = """
            INSERT INTO case_parties (case_id, kind, name, id_number, phone, amount_owed, months_owed, created_at)
            VALUES (@CaseId, 'worker', @Name, @IdNumber, @Phone, @AmountOwed, @MonthsOwed, @Now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            insertParty,
            c.Workers.Select(w => new { CaseId = id, w.Name, w.IdNumber, w.Phone, w.AmountOwed, w.MonthsOwed, Now = now }),
            transaction,
            cancellationToken: ct));

        await WriteChangesAsync(connection, transaction, c, deadlines, deadlineVersion: 1, actor, now, ct);
        return id;
    }

    /// <summary>
    /// The case with <paramref name="id"/> if its current unit lies in the subtree at <paramref name="scopePath"/>;
    /// null otherwise, exactly as for a case that does not exist.
    /// </summary>
    public async Task<DisputeCase?> LoadAsync(
        DbConnection connection, DbTransaction? transaction, long id, string scopePath, CancellationToken ct = default)
    {
        // One round trip for the case and its workers. The workers are read whatever the scope; they are discarded
        // unless the case row, which carries the jurisdiction check, comes back.
        var sql = $"""
            SELECT c.id AS Id, c.number AS Number, c.channel AS Channel, c.claim_types AS ClaimTypes,
                   c.description AS Description, c.received_at AS ReceivedAtLevel, c.first_received_at AS FirstReceivedAt,
                   c.state AS State, c.unit_id AS UnitId, c.location_unit_id AS LocationUnitId,
                   c.enterprise_id AS EnterpriseId, c.risk_color AS RiskColor, c.risk_rules AS RiskRules,
                   c.employer_absconded AS EmployerAbsconded, c.production_stopped AS ProductionStopped,
                   c.collective_action AS CollectiveAction, c.order_to_pay_ignored AS OrderToPayIgnored,
                   c.amount_recovered AS AmountRecovered, c.declared_workers AS DeclaredWorkers,
                   c.mediator_user_id AS MediatorUserId, c.last_mediation_level AS LastMediationLevel,
                   c.extension_days AS ExtensionDays, c.closed_at AS ClosedAt, c.version AS Version
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id AND {_dialect.SubtreeCondition("u.path")};
            SELECT name AS Name, id_number AS IdNumber, phone AS Phone, amount_owed AS AmountOwed, months_owed AS MonthsOwed
            FROM case_parties WHERE case_id = @Id AND kind = 'worker' ORDER BY id;
            """;
        StoredCase? row;
        List<CaseWorker> workers;
        await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { Id = id, SubtreePattern = _dialect.SubtreePattern(scopePath) }, transaction, cancellationToken: ct)))
        {
            row = await grid.ReadSingleOrDefaultAsync<StoredCase>();
            workers = [.. (await grid.ReadAsync<StoredWorker>())
                .Select(w => new CaseWorker(w.Name, w.IdNumber ?? "", w.Phone ?? "", w.AmountOwed ?? 0m, w.MonthsOwed ?? 0m))];
        }

        if (row is null)
        {
            return null;
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
            terms = await connection.QuerySingleAsync<StoredTerms>(new CommandDefinition(latest, new { Id = id }, transaction, cancellationToken: ct));
        }

        return DisputeCase.Restore(row.ToSnapshot(workers, terms));
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
    public async Task<int> SaveAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        bool deadlinesChanged = true,
        CancellationToken ct = default)
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
        var args = new DynamicParameters(CaseRow(c, deadlines, now));
        args.Add("NewVersion", newVersion);
        args.Add("DeadlinesChanged", deadlinesChanged ? 1 : 0);
        var changed = await connection.ExecuteAsync(new CommandDefinition(update, args, transaction, cancellationToken: ct));
        if (changed == 0)
        {
            throw new CaseConcurrencyException(c.Id, c.Version);
        }

        await WriteChangesAsync(connection, transaction, c, deadlinesChanged ? deadlines : null, newVersion, actor, now, ct);
        return newVersion;
    }

    /// <param name="deadlines">The case's deadlines to write, or null to leave its deadline rows as they are.</param>
    private static async Task WriteChangesAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline>? deadlines,
        int deadlineVersion,
        AuditActor actor,
        DateTimeOffset now,
        CancellationToken ct)
    {
        const string insertEvent = """
            INSERT INTO case_events (case_id, at, by_user_id, trigger_name, from_state, to_state, reason, data)
            VALUES (@CaseId, @At, @ByUserId, @Trigger, @From, @To, @Reason, @Data)
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            insertEvent,
            c.NewEvents.Select(e => new
            {
                CaseId = c.Id,
                e.At,
                e.ByUserId,
                Trigger = e.Trigger.ToString(),
                From = e.From.ToString(),
                To = e.To.ToString(),
                e.Reason,
                Data = DbJson.Serialize(e.Data),
            }),
            transaction,
            cancellationToken: ct));

        if (deadlines is not null)
        {
            await ReplaceDeadlinesAsync(connection, transaction, c, deadlines, deadlineVersion, now, ct);
        }
        await WriteRecordsAsync(connection, transaction, c, actor, now, ct);

        const string insertNotice = """
            INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
            VALUES (@UnitId, @UserId, @CaseId, @Kind, @Text, @Now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            insertNotice,
            c.NewNotices.Select(n => new { n.UnitId, n.UserId, CaseId = c.Id, Kind = DbCode.Of(n.Kind), n.Text, Now = now }),
            transaction,
            cancellationToken: ct));
        await RedAlertFanOut.WriteAsync(connection, transaction, c.Id, c.NewNotices, now, ct);

        const string insertAudit = """
            INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, detail, remote_ip)
            VALUES (@At, @UserId, @Username, @Action, 'case', @EntityId, @Detail, @RemoteIp)
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            insertAudit,
            c.NewEvents.Select(e => new
            {
                At = now,
                actor.UserId,
                actor.Username,
                Action = "case." + DbCode.Of(e.Trigger),
                EntityId = c.Id.ToString(CultureInfo.InvariantCulture),
                Detail = DbJson.Serialize(new { c.Number, from = e.From.ToString(), to = e.To.ToString(), e.Reason }),
                actor.RemoteIp,
            }),
            transaction,
            cancellationToken: ct));
    }

    /// <summary>
    /// Open deadlines are replaced wholesale; a deadline that already fired stays as history and is not planned
    /// again, so a reminder sent before an unrelated change is not sent twice.
    /// </summary>
    private static async Task ReplaceDeadlinesAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        int deadlineVersion,
        DateTimeOffset now,
        CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM case_deadlines WHERE case_id = @Id AND fired_at IS NULL", new { c.Id }, transaction, cancellationToken: ct));
        if (deadlines.Count == 0)
        {
            return;
        }

        var fired = (await connection.QueryAsync<FiredDeadline>(new CommandDefinition(
            "SELECT kind AS Kind, due_at AS DueAt FROM case_deadlines WHERE case_id = @Id AND fired_at IS NOT NULL",
            new { c.Id }, transaction, cancellationToken: ct))).Select(f => (f.Kind, f.DueAt)).ToHashSet();

        const string insert = """
            INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, calendar_missing, created_at)
            VALUES (@CaseId, @Kind, @ForState, @DeadlineVersion, @DueAt, @CalendarMissing, @Now)
            """;
        var rows = deadlines
            .Select(d => (Kind: DbCode.Of(d.Kind), d))
            .Where(x => !fired.Contains((x.Kind, x.d.DueAt)))
            .Select(x => new
            {
                CaseId = c.Id,
                x.Kind,
                ForState = c.State.ToString(),
                DeadlineVersion = deadlineVersion,
                x.d.DueAt,
                x.d.CalendarMissing,
                Now = now,
            });
        await connection.ExecuteAsync(new CommandDefinition(insert, rows, transaction, cancellationToken: ct));
    }

    /// <summary>Sessions, agreements and referrals get rows of their own, for the case page and the reports.</summary>
    private static async Task WriteRecordsAsync(
        DbConnection connection, DbTransaction transaction, DisputeCase c, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        const string insertSession = """
            INSERT INTO mediation_sessions (case_id, level, unit_id, mediator_user_id, held_at, summary, recorded_by_user_id, created_at)
            VALUES (@CaseId, @Level, @UnitId, @MediatorUserId, @HeldAt, @Summary, @By, @Now)
            """;
        await connection.ExecuteAsync(new CommandDefinition(
            insertSession,
            c.NewSessions.Select(s => new
            {
                CaseId = c.Id,
                Level = c.Level ?? c.LastMediationLevel,
                c.UnitId,
                c.MediatorUserId,
                s.HeldAt,
                s.Summary,
                By = actor.UserId,
                Now = now,
            }),
            transaction,
            cancellationToken: ct));

        foreach (var e in c.NewEvents)
        {
            switch (e.Trigger)
            {
                case CaseTrigger.ReachAgreement when c.Agreement is { } terms:
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO agreements (case_id, signed_at, amount, payment_due_date, method, recorded_by_user_id, created_at)
                        VALUES (@CaseId, @At, @Amount, @PaymentDueDate, @Method, @By, @Now)
                        """,
                        new { CaseId = c.Id, e.At, terms.Amount, terms.PaymentDueDate, terms.Method, By = actor.UserId, Now = now },
                        transaction,
                        cancellationToken: ct));
                    break;
                case CaseTrigger.ConfirmPerformance when e.From == CaseState.AgreementReached:
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        UPDATE agreements SET performed_at = @At, amount_paid = @Paid
                        WHERE id = (SELECT MAX(id) FROM agreements WHERE case_id = @CaseId)
                        """,
                        new { CaseId = c.Id, e.At, Paid = c.AmountRecovered },
                        transaction,
                        cancellationToken: ct));
                    break;
                case CaseTrigger.Refer when c.Referral is { } referral:
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        INSERT INTO referrals (case_id, body, reference_number, referred_at, referred_by_user_id)
                        VALUES (@CaseId, @Body, @ReferenceNumber, @At, @By)
                        """,
                        new { CaseId = c.Id, Body = DbCode.Of(referral.Body), referral.ReferenceNumber, e.At, By = actor.UserId },
                        transaction,
                        cancellationToken: ct));
                    break;
                case CaseTrigger.CloseReferral:
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        UPDATE referrals SET outcome = @Outcome, closed_at = @At
                        WHERE id = (SELECT MAX(id) FROM referrals WHERE case_id = @CaseId)
                        """,
                        new { CaseId = c.Id, e.At, Outcome = e.Reason },
                        transaction,
                        cancellationToken: ct));
                    break;
            }
        }
    }

    private static object CaseRow(DisputeCase c, IReadOnlyList<PlannedDeadline> deadlines, DateTimeOffset now) => new
    {
        c.Id,
        c.Number,
        Channel = DbCode.Of(c.Channel),
        ClaimTypes = DbJson.Serialize(c.ClaimTypes.Select(DbCode.Of)),
        c.Description,
        ReceivedAt = c.ReceivedAtLevel,
        c.FirstReceivedAt,
        State = c.State.ToString(),
        c.Level,
        c.UnitId,
        c.LocationUnitId,
        EnterpriseId = c.EnterpriseId == 0 ? (long?)null : c.EnterpriseId,
        RiskColor = (int?)c.RiskColor,
        RiskRules = DbJson.Serialize(c.RiskRules),
        EmployerAbsconded = c.Signals.HasFlag(RiskSignals.EmployerAbsconded),
        ProductionStopped = c.Signals.HasFlag(RiskSignals.ProductionStopped),
        CollectiveAction = c.Signals.HasFlag(RiskSignals.CollectiveAction),
        OrderToPayIgnored = c.Signals.HasFlag(RiskSignals.OrderToPayIgnored),
        c.AmountOwed,
        c.AmountRecovered,
        c.WorkersInvolved,
        c.DeclaredWorkers,
        c.MediatorUserId,
        c.LastMediationLevel,
        c.ExtensionDays,
        NextDueAt = NextDue(deadlines),
        c.ClosedAt,
        c.Version,
        Now = now,
    };

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
        public string? IdNumber { get; init; }
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
