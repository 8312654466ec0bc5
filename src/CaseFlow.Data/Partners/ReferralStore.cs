using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Partners;

/// <summary>A case's latest referral as the case page and the API show it: where it went, its clocks and its answer.</summary>
public sealed record ReferralView
{
    public required long Id { get; init; }
    public required long CaseId { get; init; }
    public required ReferralBody Body { get; init; }

    /// <summary>The organisation addressed on CaseFlow; null for a body outside it (its receipt and outcome are recorded by hand).</summary>
    public long? PartnerOrgId { get; init; }
    public string? PartnerName { get; init; }
    public string? BodyName { get; init; }
    public string? HandedOver { get; init; }
    public string? ReferenceNumber { get; init; }
    public required DateTimeOffset ReferredAt { get; init; }
    public DateTimeOffset? AckDueAt { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public DateTimeOffset? OutcomeDueAt { get; init; }
    public string? OutcomeKind { get; init; }
    public string? Outcome { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public bool IsOnSystem => PartnerOrgId is not null;

    /// <summary>Not acknowledged, and its acknowledgement clock ran out.</summary>
    public bool AcknowledgementOverdue(DateTimeOffset now) => ClosedAt is null && AcknowledgedAt is null && AckDueAt is { } due && due <= now;

    /// <summary>Acknowledged, not decided, and its outcome clock ran out.</summary>
    public bool OutcomeOverdue(DateTimeOffset now) => ClosedAt is null && OutcomeDueAt is { } due && due <= now;
}

/// <summary>An open referral past one of its clocks, for the referring unit's and the county's lists.</summary>
/// <param name="Overdue"><c>acknowledgement</c> or <c>outcome</c>.</param>
public sealed record OverdueReferral(
    long CaseId, string CaseNumber, string UnitName, ReferralBody Body, string? ReceiverName, DateTimeOffset ReferredAt, string Overdue, DateTimeOffset DueAt);

/// <summary>The first overdue referrals and how many there are (past <see cref="ReferralStore.TotalCap"/>, capped: "1,000+").</summary>
public sealed record OverdueReferrals(IReadOnlyList<OverdueReferral> Items, int Total, bool TotalIsCapped)
{
    public static OverdueReferrals None { get; } = new([], 0, false);
}

/// <summary>What became of an acknowledgement or an outcome.</summary>
public enum ReferralAnswer
{
    Done,

    /// <summary>The case has no open referral.</summary>
    NoOpenReferral,

    /// <summary>Acknowledged already (for an acknowledgement), or not yet (for an outcome).</summary>
    WrongStep,

    /// <summary>The caller sees the case but the referral is not theirs to answer: another organisation's, or a unit only following it.</summary>
    NotYours,

    /// <summary>The outcome is not one of the receiving body's list.</summary>
    UnknownOutcome,
}

/// <summary>
/// Referrals that close their loop (issue 14, DESIGN §9): the receiving organisation acknowledges receipt (签收) with its
/// reference and records its outcome, which closes the referral through the workflow's <c>CloseReferral</c>; a body
/// outside CaseFlow has both recorded by the unit that referred the case. Each answer commits with its timeline entry
/// and its audit row; the overdue check tells each overdue clock once.
/// </summary>
public sealed class ReferralStore(Database database, CaseCommands commands, AuditWriter audit, DeadlineCalculator calculator, TimeProvider time)
{
    /// <summary>Past this many overdue referrals the count stops ("1,000+"), as the case list's does.</summary>
    public const int TotalCap = 1000;

    private readonly SqlDialect _dialect = database.Dialect;

    private const string Columns = """
        r.id AS Id, r.case_id AS CaseId, r.body AS Body, r.partner_org_id AS PartnerOrgId, p.name AS PartnerName,
        r.body_name AS BodyName, r.handed_over AS HandedOver, r.reference_number AS ReferenceNumber, r.referred_at AS ReferredAt,
        r.ack_due_at AS AckDueAt, r.acknowledged_at AS AcknowledgedAt, a.display_name AS AcknowledgedBy,
        r.outcome_due_at AS OutcomeDueAt, r.outcome_kind AS OutcomeKind, r.outcome AS Outcome, r.closed_at AS ClosedAt
        """;

    /// <summary>The case's latest referral if <paramref name="viewer"/> may see the case; null when it may not or there is none.</summary>
    public async Task<ReferralView?> CurrentAsync(long caseId, CaseViewer viewer, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await CurrentAsync(connection, null, caseId, viewer, ct);
    }

    /// <summary>签收: the receiving organisation (or, for a body outside CaseFlow, the referring unit) records receipt and its reference.</summary>
    /// <exception cref="CaseNotFoundException">The actor may not see the case.</exception>
    public Task<ReferralAnswer> AcknowledgeAsync(long caseId, string referenceNumber, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var (referral, answer) = await AnswerableAsync(connection, transaction, caseId, actor, ct);
                if (referral is null)
                {
                    return answer;
                }

                if (referral.AcknowledgedAt is not null)
                {
                    return ReferralAnswer.WrongStep;
                }

                var now = time.GetUtcNow();
                var outcomeDue = ReferralClock.OutcomeDue(referral.Body, now, calculator.Calendar);
                const string update = """
                    UPDATE referrals SET reference_number = @ReferenceNumber, acknowledged_at = @Now, acknowledged_by_user_id = @UserId,
                                         outcome_due_at = @OutcomeDueAt
                    WHERE id = @Id AND acknowledged_at IS NULL AND closed_at IS NULL
                    """;
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    update,
                    new { referral.Id, ReferenceNumber = referenceNumber, Now = now, actor.UserId, OutcomeDueAt = outcomeDue?.DueAt },
                    transaction,
                    cancellationToken: ct));
                if (changed == 0)
                {
                    return ReferralAnswer.WrongStep;
                }

                var text = string.Create(CultureInfo.InvariantCulture, $"已签收移送，文号：{referenceNumber}");
                if (outcomeDue is { } due)
                {
                    text += string.Create(CultureInfo.InvariantCulture, $"；处理结果应于{ChinaTime.DateOf(due.DueAt.AddTicks(-1)):yyyy-MM-dd}前作出");
                }

                await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, referral.PartnerOrgId, "referral_ack", text, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.referral_acknowledged", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { referralId = referral.Id, referenceNumber, partnerOrgId = referral.PartnerOrgId, byHand = !referral.IsOnSystem }, ct);
                return ReferralAnswer.Done;
            },
            ct);
    }

    /// <summary>
    /// The receiving body's outcome, from its fixed list, with a note: fires <c>CloseReferral</c> through the normal
    /// transition (case, event, audit in this one transaction) and records the outcome's kind on the referral.
    /// </summary>
    /// <exception cref="CaseNotFoundException">The actor may not see the case.</exception>
    /// <exception cref="CaseConcurrencyException">The case changed since <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="CaseActionRefusedException">The workflow refuses to close the referral now.</exception>
    public Task<ReferralAnswer> RecordOutcomeAsync(
        long caseId, int? expectedVersion, string outcomeKind, string? note, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var (referral, answer) = await AnswerableAsync(connection, transaction, caseId, actor, ct);
                if (referral is null)
                {
                    return answer;
                }

                if (ReferralOutcomes.Find(referral.Body, outcomeKind) is not { } kind)
                {
                    return ReferralAnswer.UnknownOutcome;
                }

                if (referral.AcknowledgedAt is null)
                {
                    return ReferralAnswer.WrongStep;
                }

                var outcome = string.IsNullOrWhiteSpace(note) ? kind.Zh : $"{kind.Zh}：{note}";
                if (outcome.Length > TextLimits.ReferralOutcome)
                {
                    outcome = outcome[..TextLimits.ReferralOutcome];
                }

                // The case is loaded with the system's reach: the answer was authorised above, in this transaction.
                await commands.ActAsync(
                    connection, transaction, caseId, expectedVersion, actor, CaseViewer.Scope("/"),
                    (c, _, ctx) => c.CloseReferral(outcome, ctx), outcome.Length > TextLimits.Reason ? outcome[..TextLimits.Reason] : outcome, ct);
                var now = time.GetUtcNow();
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE referrals SET outcome_kind = @Kind, outcome_by_user_id = @UserId WHERE id = @Id",
                    new { referral.Id, Kind = kind.Code, actor.UserId },
                    transaction,
                    cancellationToken: ct));
                await PartnerStore.AppendAsync(connection, transaction, caseId, now, actor.UserId, referral.PartnerOrgId, "referral_outcome", outcome, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.referral_outcome", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { referralId = referral.Id, outcomeKind = kind.Code, partnerOrgId = referral.PartnerOrgId, byHand = !referral.IsOnSystem }, ct);
                return ReferralAnswer.Done;
            },
            ct);
    }

    /// <summary>
    /// The open referrals among the viewer's cases past their acknowledgement or outcome time, the longest overdue
    /// first: at most <paramref name="limit"/> of them, and how many there are, counted up to <see cref="TotalCap"/>.
    /// A county in a bad month has thousands; a panel lists the first few and says how many.
    /// </summary>
    public async Task<OverdueReferrals> OverdueAsync(CaseViewer viewer, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var args = new OverdueArgs(time.GetUtcNow(), viewer.UserId, viewer.PartnerOrgId, _dialect.SubtreePattern(viewer.ScopePath), 0, limit, TotalCap + 1);

        // The dashboard and the workbench ask on every load: on a read connection with both statements kept.
        var (rows, total) = await database.ReadAsync(
            async connection =>
            {
                var statements = RowWriter.Cached(connection, null, _dialect);
                var rows = await statements.ReadAsync(_overdueSql, args, reader => RowWriter.RowsOf<StoredOverdue>(reader, ct), ct);
                var total = rows.Count < limit ? rows.Count : (int)await statements.ScalarInt64Async(_overdueCountSql, args, ct);
                return (rows, total);
            },
            ct);
        return new OverdueReferrals(
            [.. rows.Select(r => new OverdueReferral(r.CaseId, r.CaseNumber, r.UnitName, DbCode.Parse<ReferralBody>(r.Body), r.ReceiverName, r.ReferredAt, r.Overdue, r.DueAt))],
            Math.Min(total, TotalCap),
            total > TotalCap);
    }

    private sealed record OverdueArgs(DateTimeOffset Now, long? ViewerId, long? PartnerOrgId, string SubtreePattern, int Offset, int Limit, int Cap);

    // The overdue referrals come out of the two open-clock partial indexes, one branch per clock, and only those are
    // joined to their cases (CROSS JOIN keeps SQLite from walking every case and probing its referrals).
    private static string OverdueFromWhere(SqlDialect dialect) => $"""
        FROM (
            SELECT a.id AS Id, a.case_id AS CaseId, a.body AS Body, a.body_name AS BodyName, a.partner_org_id AS PartnerOrgId,
                   a.referred_at AS ReferredAt, 'acknowledgement' AS Overdue, a.ack_due_at AS DueAt
            FROM referrals AS a
            WHERE a.closed_at IS NULL AND a.acknowledged_at IS NULL AND a.ack_due_at <= @Now
            UNION ALL
            SELECT o.id, o.case_id, o.body, o.body_name, o.partner_org_id, o.referred_at, 'outcome', o.outcome_due_at
            FROM referrals AS o
            WHERE o.closed_at IS NULL AND o.acknowledged_at IS NOT NULL AND o.outcome_due_at <= @Now
        ) AS r
        CROSS JOIN cases AS c
        CROSS JOIN org_units AS u
        WHERE c.id = r.CaseId AND u.id = c.unit_id
          AND r.Id = (SELECT MAX(y.id) FROM referrals AS y WHERE y.case_id = r.CaseId)
          AND {CaseVisibility.Sees(dialect)}
        """;

    private readonly string _overdueSql = $"""
        SELECT c.id AS CaseId, c.number AS CaseNumber, u.name AS UnitName, r.Body AS Body,
               COALESCE((SELECT p.name FROM partner_orgs AS p WHERE p.id = r.PartnerOrgId), r.BodyName) AS ReceiverName,
               r.ReferredAt AS ReferredAt, r.Overdue AS Overdue, r.DueAt AS DueAt
        {OverdueFromWhere(database.Dialect)}
        ORDER BY r.DueAt, c.id
        {database.Dialect.Paging()}
        """;

    private readonly string _overdueCountSql = database.Dialect.CappedCount(OverdueFromWhere(database.Dialect));

    /// <summary>
    /// Tells each open referral's overdue clock once (<see cref="NoticeKind.PartnerReferralOverdue"/>): to the referring
    /// unit, its county and the receiving organisation's users. Each referral is claimed (its told_at set where still
    /// null) in the transaction that writes its notices, so a second run, or a second node, tells nothing again.
    /// </summary>
    /// <returns>How many overdue clocks were told.</returns>
    public async Task<int> TellOverdueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        const string due = """
            SELECT r.id AS Id, r.case_id AS CaseId, c.number AS Number, r.body AS Body, r.partner_org_id AS PartnerOrgId,
                   COALESCE(r.referring_unit_id, c.unit_id) AS UnitId, COALESCE(u.county_id, u.id) AS CountyId,
                   CASE WHEN r.acknowledged_at IS NULL THEN 'acknowledgement' ELSE 'outcome' END AS Overdue,
                   COALESCE(p.name, r.body_name) AS ReceiverName
            FROM referrals AS r
            JOIN cases AS c ON c.id = r.case_id
            JOIN org_units AS u ON u.id = COALESCE(r.referring_unit_id, c.unit_id)
            LEFT JOIN partner_orgs AS p ON p.id = r.partner_org_id
            WHERE r.closed_at IS NULL
              AND ((r.acknowledged_at IS NULL AND r.ack_due_at <= @Now AND r.ack_overdue_told_at IS NULL)
                OR (r.acknowledged_at IS NOT NULL AND r.outcome_due_at <= @Now AND r.outcome_overdue_told_at IS NULL))
            ORDER BY r.id
            """;
        List<StoredDue> rows;
        await using (var connection = await database.OpenAsync(ct))
        {
            rows = [.. await connection.QueryAsync<StoredDue>(new CommandDefinition(due, new { Now = now }, cancellationToken: ct))];
        }

        var told = 0;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            told += await database.InTransactionAsync((connection, transaction) => TellAsync(connection, transaction, row, now, ct), ct);
        }

        return told;
    }

    private static async Task<int> TellAsync(DbConnection connection, DbTransaction transaction, StoredDue row, DateTimeOffset now, CancellationToken ct)
    {
        var ack = row.Overdue == "acknowledgement";
        const string claim = """
            UPDATE referrals
            SET ack_overdue_told_at = CASE WHEN @Ack = 1 THEN @Now ELSE ack_overdue_told_at END,
                outcome_overdue_told_at = CASE WHEN @Ack = 0 THEN @Now ELSE outcome_overdue_told_at END
            WHERE id = @Id AND closed_at IS NULL
              AND ((@Ack = 1 AND ack_overdue_told_at IS NULL AND acknowledged_at IS NULL)
                OR (@Ack = 0 AND outcome_overdue_told_at IS NULL AND acknowledged_at IS NOT NULL))
            """;
        if (await connection.ExecuteAsync(new CommandDefinition(claim, new { row.Id, Now = now, Ack = ack ? 1 : 0 }, transaction, cancellationToken: ct)) == 0)
        {
            return 0;
        }

        var receiver = row.ReceiverName ?? DbCode.Of(DbCode.Parse<ReferralBody>(row.Body));
        var text = ack
            ? $"案件{row.Number}移送{receiver}已超过签收时限，尚未签收"
            : $"案件{row.Number}移送{receiver}已超过处理时限，尚未反馈处理结果";
        var kind = DbCode.Of(NoticeKind.PartnerReferralOverdue);
        var notices = new List<Notice> { new(row.UnitId, null, row.CaseId, kind, text, now) };
        if (row.CountyId != row.UnitId)
        {
            notices.Add(new Notice(row.CountyId, null, row.CaseId, kind, text, now));
        }

        if (row.PartnerOrgId is { } partner)
        {
            notices.AddRange(await ReferralHandOver.ToUsersAsync(connection, transaction, partner, row.CaseId, kind, text, now, ct));
        }

        await Notices.WriteAsync(RowWriter.Dapper(connection, transaction), notices, ct);
        return 1;
    }

    private async Task<ReferralView?> CurrentAsync(DbConnection connection, DbTransaction? transaction, long caseId, CaseViewer viewer, CancellationToken ct)
    {
        var sql = $"""
            SELECT {Columns}
            FROM referrals AS r
            JOIN cases AS c ON c.id = r.case_id
            JOIN org_units AS u ON u.id = c.unit_id
            LEFT JOIN partner_orgs AS p ON p.id = r.partner_org_id
            LEFT JOIN users AS a ON a.id = r.acknowledged_by_user_id
            WHERE r.id = (SELECT MAX(y.id) FROM referrals AS y WHERE y.case_id = @CaseId) AND {CaseVisibility.Sees(_dialect)}
            """;
        var args = CaseVisibility.Bind(new DynamicParameters(new { CaseId = caseId }), viewer, _dialect);
        var row = await connection.QuerySingleOrDefaultAsync<StoredReferral>(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
        return row?.ToView();
    }

    /// <summary>The case's latest referral on the caller's connection, for a caller that has just checked the viewer may see the case.</summary>
    internal static async Task<ReferralView?> LatestOfVisibleCaseAsync(DbConnection connection, long caseId, CancellationToken ct)
    {
        const string sql = $"""
            SELECT {Columns}
            FROM referrals AS r
            LEFT JOIN partner_orgs AS p ON p.id = r.partner_org_id
            LEFT JOIN users AS a ON a.id = r.acknowledged_by_user_id
            WHERE r.id = (SELECT MAX(y.id) FROM referrals AS y WHERE y.case_id = @CaseId)
            """;
        var row = await connection.QuerySingleOrDefaultAsync<StoredReferral>(new CommandDefinition(sql, new { CaseId = caseId }, cancellationToken: ct));
        return row?.ToView();
    }

    /// <summary>
    /// The open referral the actor may answer, after locking the case: an organisation's own referral for its users; a
    /// referral to a body outside CaseFlow for a unit acting on the case. Anyone else who sees the case is refused.
    /// </summary>
    private async Task<(ReferralView? Referral, ReferralAnswer Answer)> AnswerableAsync(
        DbConnection connection, DbTransaction transaction, long caseId, CaseActor actor, CancellationToken ct)
    {
        // Locks the case first, in the order a transition takes it, so two answers never interleave.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE cases SET version = version WHERE id = @CaseId", new { CaseId = caseId }, transaction, cancellationToken: ct));
        var access = await new PartnerStore(database, audit, time).AccessAsync(connection, transaction, caseId, actor.Viewer, ct);
        if (access == CaseAccess.None)
        {
            throw new CaseNotFoundException(caseId);
        }

        var referral = await CurrentAsync(connection, transaction, caseId, actor.Viewer, ct);
        if (referral is null || referral.ClosedAt is not null)
        {
            return (null, ReferralAnswer.NoOpenReferral);
        }

        var mine = referral.PartnerOrgId is { } org
            ? actor.PartnerOrgId == org && access == CaseAccess.Partner
            : access == CaseAccess.Act;
        return mine ? (referral, ReferralAnswer.Done) : (null, ReferralAnswer.NotYours);
    }

    private sealed class StoredReferral
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public string Body { get; init; } = "";
        public long? PartnerOrgId { get; init; }
        public string? PartnerName { get; init; }
        public string? BodyName { get; init; }
        public string? HandedOver { get; init; }
        public string? ReferenceNumber { get; init; }
        public DateTimeOffset ReferredAt { get; init; }
        public DateTimeOffset? AckDueAt { get; init; }
        public DateTimeOffset? AcknowledgedAt { get; init; }
        public string? AcknowledgedBy { get; init; }
        public DateTimeOffset? OutcomeDueAt { get; init; }
        public string? OutcomeKind { get; init; }
        public string? Outcome { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        public ReferralView ToView() => new()
        {
            Id = Id,
            CaseId = CaseId,
            Body = DbCode.Parse<ReferralBody>(Body),
            PartnerOrgId = PartnerOrgId,
            PartnerName = PartnerName,
            BodyName = BodyName,
            HandedOver = HandedOver,
            ReferenceNumber = ReferenceNumber,
            ReferredAt = ReferredAt,
            AckDueAt = AckDueAt,
            AcknowledgedAt = AcknowledgedAt,
            AcknowledgedBy = AcknowledgedBy,
            OutcomeDueAt = OutcomeDueAt,
            OutcomeKind = OutcomeKind,
            Outcome = Outcome,
            ClosedAt = ClosedAt,
        };
    }

    private sealed class StoredOverdue
    {
        public long CaseId { get; init; }
        public string CaseNumber { get; init; } = "";
        public string UnitName { get; init; } = "";
        public string Body { get; init; } = "";
        public string? ReceiverName { get; init; }
        public DateTimeOffset ReferredAt { get; init; }
        public string Overdue { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
    }

    private sealed class StoredDue
    {
        public long Id { get; init; }
        public long CaseId { get; init; }
        public string Number { get; init; } = "";
        public string Body { get; init; } = "";
        public long? PartnerOrgId { get; init; }
        public long UnitId { get; init; }
        public long CountyId { get; init; }
        public string Overdue { get; init; } = "";
        public string? ReceiverName { get; init; }
    }
}
