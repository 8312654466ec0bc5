using System.Data;
using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Inserts many newly built cases inside one transaction, writing exactly the rows <see cref="CaseStore.InsertAsync"/>
/// writes (case, parties, events, deadlines, sessions, agreements, referrals, notices, audit rows) but through one
/// prepared command per statement, reused with its parameters re-bound for every row. Per-row Dapper calls cost about
/// ten command set-ups per case; a seed of a million cases cannot afford them.
/// </summary>
/// <remarks>
/// The SQL mirrors CaseStore's. A test inserts the same cases both ways and compares every row, so the two cannot
/// drift apart unnoticed. Dispose the writer before the transaction commits.
/// </remarks>
public sealed class CaseBulkWriter : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly bool _prepare;
    private readonly Statement _case;
    private readonly Statement _party;
    private readonly Statement _event;
    private readonly Statement _deadline;
    private readonly Statement _session;
    private readonly Statement _agreement;
    private readonly Statement _agreementPerformed;
    private readonly Statement _referral;
    private readonly Statement _referralClosed;
    private readonly Statement _notice;
    private readonly Statement _audit;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    /// <summary>A writer on an open connection and its transaction; the caller commits.</summary>
    public CaseBulkWriter(Database database, DbConnection connection, DbTransaction transaction, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        _connection = connection;
        _transaction = transaction;
        ArgumentNullException.ThrowIfNull(time);
        _time = time;

        // SQL Server would want a size for every string parameter before Prepare; it caches the plans of
        // parameterised statements anyway. SQLite compiles the statement once and keeps it with the command.
        _prepare = database.Provider == DatabaseProvider.Sqlite;
        Statement Make(string sql, params string[] parameters) => new(connection, transaction, sql, parameters);

        _case = Make(
            database.Dialect.InsertReturningId("""
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
                """),
            "@Number", "@Channel", "@ClaimTypes", "@Description", "@ReceivedAt", "@FirstReceivedAt", "@State", "@Level",
            "@UnitId", "@LocationUnitId", "@EnterpriseId", "@RiskColor", "@RiskRules",
            "@EmployerAbsconded", "@ProductionStopped", "@CollectiveAction", "@OrderToPayIgnored",
            "@AmountOwed", "@AmountRecovered", "@WorkersInvolved", "@DeclaredWorkers", "@MediatorUserId",
            "@LastMediationLevel", "@ExtensionDays", "@NextDueAt", "@ClosedAt", "@Now", "@ImportKey");
        _party = Make(
            """
            INSERT INTO case_parties (case_id, kind, name, id_number, phone, amount_owed, months_owed, created_at)
            VALUES (@CaseId, 'worker', @Name, @IdNumber, @Phone, @AmountOwed, @MonthsOwed, @Now)
            """,
            "@CaseId", "@Name", "@IdNumber", "@Phone", "@AmountOwed", "@MonthsOwed", "@Now");
        _event = Make(
            """
            INSERT INTO case_events (case_id, at, by_user_id, trigger_name, from_state, to_state, reason, data)
            VALUES (@CaseId, @At, @ByUserId, @Trigger, @From, @To, @Reason, @Data)
            """,
            "@CaseId", "@At", "@ByUserId", "@Trigger", "@From", "@To", "@Reason", "@Data");
        _deadline = Make(
            """
            INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, calendar_missing, created_at)
            VALUES (@CaseId, @Kind, @ForState, 1, @DueAt, @CalendarMissing, @Now)
            """,
            "@CaseId", "@Kind", "@ForState", "@DueAt", "@CalendarMissing", "@Now");
        _session = Make(
            """
            INSERT INTO mediation_sessions (case_id, level, unit_id, mediator_user_id, held_at, summary, recorded_by_user_id, created_at)
            VALUES (@CaseId, @Level, @UnitId, @MediatorUserId, @HeldAt, @Summary, @By, @Now)
            """,
            "@CaseId", "@Level", "@UnitId", "@MediatorUserId", "@HeldAt", "@Summary", "@By", "@Now");
        _agreement = Make(
            """
            INSERT INTO agreements (case_id, signed_at, amount, payment_due_date, method, performed_at, amount_paid, recorded_by_user_id, created_at)
            VALUES (@CaseId, @At, @Amount, @PaymentDueDate, @Method, @PerformedAt, @Paid, @By, @Now)
            """,
            "@CaseId", "@At", "@Amount", "@PaymentDueDate", "@Method", "@PerformedAt", "@Paid", "@By", "@Now");
        _agreementPerformed = Make(
            """
            UPDATE agreements SET performed_at = @At, amount_paid = @Paid
            WHERE id = (SELECT MAX(id) FROM agreements WHERE case_id = @CaseId)
            """,
            "@At", "@Paid", "@CaseId");
        _referral = Make(
            """
            INSERT INTO referrals (case_id, body, reference_number, referred_at, referred_by_user_id, outcome, closed_at)
            VALUES (@CaseId, @Body, @ReferenceNumber, @At, @By, @Outcome, @ClosedAt)
            """,
            "@CaseId", "@Body", "@ReferenceNumber", "@At", "@By", "@Outcome", "@ClosedAt");
        _referralClosed = Make(
            """
            UPDATE referrals SET outcome = @Outcome, closed_at = @At
            WHERE id = (SELECT MAX(id) FROM referrals WHERE case_id = @CaseId)
            """,
            "@Outcome", "@At", "@CaseId");
        _notice = Make(
            """
            INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
            VALUES (@UnitId, @UserId, @CaseId, @Kind, @Text, @Now)
            """,
            "@UnitId", "@UserId", "@CaseId", "@Kind", "@Text", "@Now");
        _audit = Make(
            """
            INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, detail, remote_ip)
            VALUES (@At, @UserId, @Username, @Action, 'case', @EntityId, @Detail, @RemoteIp)
            """,
            "@At", "@UserId", "@Username", "@Action", "@EntityId", "@Detail", "@RemoteIp");
    }

    /// <summary>Inserts a newly registered case with its parties and everything its transitions produced.</summary>
    /// <param name="importKey">The ledger key of an imported case (cases.import_key); null otherwise.</param>
    /// <returns>The new case id (also given to the case).</returns>
    public async Task<long> InsertAsync(
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        string? importKey = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(deadlines);
        ArgumentNullException.ThrowIfNull(actor);
        var now = _time.GetUtcNow();

        var row = _case.Values;
        row[0] = c.Number;
        row[1] = DbCode.Of(c.Channel);
        row[2] = DbJson.Serialize(c.ClaimTypes.Select(DbCode.Of));
        row[3] = c.Description;
        row[4] = c.ReceivedAtLevel;
        row[5] = c.FirstReceivedAt;
        row[6] = c.State.ToString();
        row[7] = c.Level;
        row[8] = c.UnitId;
        row[9] = c.LocationUnitId;
        row[10] = c.EnterpriseId == 0 ? null : c.EnterpriseId;
        row[11] = (int?)c.RiskColor;
        row[12] = DbJson.Serialize(c.RiskRules);
        row[13] = c.Signals.HasFlag(RiskSignals.EmployerAbsconded);
        row[14] = c.Signals.HasFlag(RiskSignals.ProductionStopped);
        row[15] = c.Signals.HasFlag(RiskSignals.CollectiveAction);
        row[16] = c.Signals.HasFlag(RiskSignals.OrderToPayIgnored);
        row[17] = c.AmountOwed;
        row[18] = c.AmountRecovered;
        row[19] = c.WorkersInvolved;
        row[20] = c.DeclaredWorkers;
        row[21] = c.MediatorUserId;
        row[22] = c.LastMediationLevel;
        row[23] = c.ExtensionDays;
        row[24] = NextDue(deadlines);
        row[25] = c.ClosedAt;
        row[26] = now;
        row[27] = importKey;
        var id = Convert.ToInt64(await _case.ScalarAsync(_prepare, ct), CultureInfo.InvariantCulture);
        c.Identify(id, c.Number);

        foreach (var w in c.Workers)
        {
            await _party.RunAsync(_prepare, ct, id, w.Name, w.IdNumber, w.Phone, w.AmountOwed, w.MonthsOwed, now);
        }

        foreach (var e in c.NewEvents)
        {
            await _event.RunAsync(
                _prepare, ct, id, e.At, e.ByUserId, e.Trigger.ToString(), e.From.ToString(), e.To.ToString(), e.Reason, DbJson.Serialize(e.Data));
        }

        var forState = c.State.ToString();
        foreach (var d in deadlines)
        {
            await _deadline.RunAsync(_prepare, ct, id, DbCode.Of(d.Kind), forState, d.DueAt, d.CalendarMissing, now);
        }

        await WriteRecordsAsync(c, actor, now, ct);

        foreach (var n in c.NewNotices)
        {
            await _notice.RunAsync(_prepare, ct, n.UnitId, n.UserId, id, DbCode.Of(n.Kind), n.Text, now);
        }

        // Red alerts reach the county's three-party contacts, as CaseStore writes them.
        await Deadlines.RedAlertFanOut.WriteAsync(_connection, _transaction, id, c.NewNotices, now, ct);

        var entityId = id.ToString(CultureInfo.InvariantCulture);
        foreach (var e in c.NewEvents)
        {
            await _audit.RunAsync(
                _prepare,
                ct,
                now,
                actor.UserId,
                actor.Username,
                "case." + DbCode.Of(e.Trigger),
                entityId,
                DbJson.Serialize(new { c.Number, from = e.From.ToString(), to = e.To.ToString(), e.Reason }),
                actor.RemoteIp);
        }

        return id;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in new[] { _case, _party, _event, _deadline, _session, _agreement, _agreementPerformed, _referral, _referralClosed, _notice, _audit })
        {
            await statement.DisposeAsync();
        }
    }

    /// <summary>
    /// Sessions, agreements and referrals, as CaseStore writes them. An agreement or referral is held back until the
    /// case's later events (performance, closing the referral) are known, then inserted once in its final shape: the
    /// same row CaseStore reaches with its insert and update.
    /// </summary>
    private async Task WriteRecordsAsync(DisputeCase c, AuditActor actor, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var s in c.NewSessions)
        {
            await _session.RunAsync(_prepare, ct, c.Id, c.Level ?? c.LastMediationLevel, c.UnitId, c.MediatorUserId, s.HeldAt, s.Summary, actor.UserId, now);
        }

        PendingAgreement? agreement = null;
        PendingReferral? referral = null;
        foreach (var e in c.NewEvents)
        {
            switch (e.Trigger)
            {
                case CaseTrigger.ReachAgreement when c.Agreement is { } terms:
                    await FlushAsync(agreement);
                    agreement = new PendingAgreement(e.At, terms);
                    break;
                case CaseTrigger.ConfirmPerformance when e.From == CaseState.AgreementReached:
                    if (agreement is not null)
                    {
                        agreement.PerformedAt = e.At;
                        agreement.Paid = c.AmountRecovered;
                    }
                    else
                    {
                        await _agreementPerformed.RunAsync(_prepare, ct, e.At, c.AmountRecovered, c.Id);
                    }

                    break;
                case CaseTrigger.Refer when c.Referral is { } body:
                    await FlushAsync(referral);
                    referral = new PendingReferral(e.At, body);
                    break;
                case CaseTrigger.CloseReferral:
                    if (referral is not null)
                    {
                        referral.Outcome = e.Reason;
                        referral.ClosedAt = e.At;
                    }
                    else
                    {
                        await _referralClosed.RunAsync(_prepare, ct, e.Reason, e.At, c.Id);
                    }

                    break;
            }
        }

        await FlushAsync(agreement);
        await FlushAsync(referral);

        async Task FlushAsync(object? pending)
        {
            switch (pending)
            {
                case PendingAgreement a:
                    await _agreement.RunAsync(
                        _prepare, ct, c.Id, a.SignedAt, a.Terms.Amount, a.Terms.PaymentDueDate, a.Terms.Method, a.PerformedAt, a.Paid, actor.UserId, now);
                    break;
                case PendingReferral r:
                    await _referral.RunAsync(
                        _prepare, ct, c.Id, DbCode.Of(r.Referral.Body), r.Referral.ReferenceNumber, r.ReferredAt, actor.UserId, r.Outcome, r.ClosedAt);
                    break;
            }
        }
    }

    /// <summary>The nearest deadline that moves the case (not reminders), as CaseStore stores in cases.next_due_at.</summary>
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

    private sealed class PendingAgreement(DateTimeOffset signedAt, AgreementTerms terms)
    {
        public DateTimeOffset SignedAt { get; } = signedAt;
        public AgreementTerms Terms { get; } = terms;
        public DateTimeOffset? PerformedAt { get; set; }
        public decimal? Paid { get; set; }
    }

    private sealed class PendingReferral(DateTimeOffset referredAt, Referral referral)
    {
        public DateTimeOffset ReferredAt { get; } = referredAt;
        public Referral Referral { get; } = referral;
        public string? Outcome { get; set; }
        public DateTimeOffset? ClosedAt { get; set; }
    }

    /// <summary>
    /// One reusable command. Values are converted exactly as Dapper converts them through CaseFlow's type handlers
    /// (decimals to hundredths and instants to UTC text on SQLite), so both writers store the same bytes.
    /// </summary>
    private sealed class Statement : IAsyncDisposable
    {
        private static readonly DapperTypeHandlers.HundredthsDecimalHandler Decimals = new();
        private static readonly DapperTypeHandlers.UtcInstantHandler Instants = new();
        private static readonly DapperTypeHandlers.DateOnlyHandler Dates = new();

        private readonly DbCommand _command;
        private readonly DbParameter[] _parameters;
        private bool _prepared;

        public Statement(DbConnection connection, DbTransaction transaction, string sql, string[] parameterNames)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            _parameters = new DbParameter[parameterNames.Length];
            for (var i = 0; i < parameterNames.Length; i++)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = parameterNames[i];
                _parameters[i] = parameter;
                _command.Parameters.Add(parameter);
            }

            Values = new object?[parameterNames.Length];
        }

        /// <summary>The values to bind, in the order the parameters were named.</summary>
        public object?[] Values { get; }

        public Task<int> RunAsync(bool prepare, CancellationToken ct, params object?[] values)
        {
            values.CopyTo(Values, 0);
            Bind(prepare);
            return _command.ExecuteNonQueryAsync(ct);
        }

        public Task<object?> ScalarAsync(bool prepare, CancellationToken ct)
        {
            Bind(prepare);
            return _command.ExecuteScalarAsync(ct);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();

        private void Bind(bool prepare)
        {
            for (var i = 0; i < _parameters.Length; i++)
            {
                Set(_parameters[i], Values[i]);
            }

            if (prepare && !_prepared)
            {
                _command.Prepare();
                _prepared = true;
            }
        }

        private static void Set(DbParameter parameter, object? value)
        {
            switch (value)
            {
                case null:
                    parameter.DbType = DbType.String;
                    parameter.Value = DBNull.Value;
                    break;
                case decimal d:
                    Decimals.SetValue(parameter, d);
                    break;
                case DateTimeOffset instant:
                    Instants.SetValue(parameter, instant);
                    break;
                case DateOnly date:
                    Dates.SetValue(parameter, date);
                    break;
                case string text:
                    parameter.DbType = DbType.String;
                    parameter.Value = text;
                    break;
                case bool flag:
                    parameter.DbType = DbType.Boolean;
                    parameter.Value = flag;
                    break;
                case int number:
                    parameter.DbType = DbType.Int32;
                    parameter.Value = number;
                    break;
                case long number:
                    parameter.DbType = DbType.Int64;
                    parameter.Value = number;
                    break;
                default:
                    throw new ArgumentException($"Cannot bind a {value.GetType().Name}.", nameof(value));
            }
        }
    }
}
