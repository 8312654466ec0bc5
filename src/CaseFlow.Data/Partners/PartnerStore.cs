using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Partners;

/// <summary>A partner organisation of a county: 人社局, 劳动监察大队, 仲裁院, 法院, 司法局, 政法委, 公安.</summary>
public sealed record PartnerOrg(long Id, long CountyId, string Kind, string Name);

/// <summary>A partner organisation to create.</summary>
public sealed record NewPartnerOrg(long CountyId, string Kind, string Name);

/// <summary>An open share of a case: with whom, since when, by graded response or by hand, and why.</summary>
public sealed record CaseShareView(long PartnerOrgId, string PartnerKind, string PartnerName, bool IsDefault, DateTimeOffset SharedAt, string? Reason);

/// <summary>The caller sees the case, read-only (a unit that held it before), and may not write on it: answered 403, not 404.</summary>
public sealed class CaseReadOnlyException(long caseId) : Exception($"Case {caseId} is followed read-only.")
{
    public long CaseId { get; } = caseId;
}

/// <summary>What became of a share or its withdrawal.</summary>
public enum ShareOutcome
{
    Done,

    /// <summary>Already shared (or, for a withdrawal, not shared): nothing changed.</summary>
    Unchanged,

    /// <summary>No such partner organisation in the case's county.</summary>
    UnknownPartner,
}

/// <summary>
/// Partner organisations, the sharing of cases with them, and the timeline entries beside the workflow (shares,
/// notes). Every write checks the caller's access to the case through <see cref="CaseVisibility"/> and commits with
/// its timeline entry, its notices and its audit row.
/// </summary>
public sealed class PartnerStore(Database database, AuditWriter audit, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    public async Task<long> InsertOrgAsync(DbConnection connection, DbTransaction? transaction, NewPartnerOrg org, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(org);
        var sql = _dialect.InsertReturningId("""
            INSERT INTO partner_orgs (county_id, kind, name, created_at) VALUES (@CountyId, @Kind, @Name, @Now)
            """);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            sql, new { org.CountyId, org.Kind, org.Name, Now = time.GetUtcNow() }, transaction, cancellationToken: ct));
    }

    /// <summary>The active partner organisations of a county, by kind and name.</summary>
    public async Task<IReadOnlyList<PartnerOrg>> OrgsAsync(long countyId, CancellationToken ct = default)
    {
        const string sql = """
            SELECT id AS Id, county_id AS CountyId, kind AS Kind, name AS Name
            FROM partner_orgs WHERE county_id = @CountyId AND is_active = 1 ORDER BY kind, name, id
            """;
        await using var connection = await database.OpenAsync(ct);
        return [.. await connection.QueryAsync<PartnerOrg>(new CommandDefinition(sql, new { CountyId = countyId }, cancellationToken: ct))];
    }

    /// <summary>The case's open shares.</summary>
    public static async Task<IReadOnlyList<CaseShareView>> SharesAsync(DbConnection connection, long caseId, CancellationToken ct = default)
    {
        const string sql = """
            SELECT s.partner_org_id AS PartnerOrgId, p.kind AS PartnerKind, p.name AS PartnerName, s.is_default AS IsDefault,
                   s.shared_at AS SharedAt, s.reason AS Reason
            FROM case_shares AS s JOIN partner_orgs AS p ON p.id = s.partner_org_id
            WHERE s.case_id = @CaseId AND s.withdrawn_at IS NULL
            ORDER BY s.id
            """;
        var rows = await connection.QueryAsync<StoredShare>(new CommandDefinition(sql, new { CaseId = caseId }, cancellationToken: ct));
        return [.. rows.Select(r => new CaseShareView(r.PartnerOrgId, r.PartnerKind, r.PartnerName, r.IsDefault, r.SharedAt, r.Reason))];
    }

    /// <summary>Shares a case the actor acts on with a partner organisation of its county, with a reason.</summary>
    /// <exception cref="CaseNotFoundException">The actor does not act on the case.</exception>
    public Task<ShareOutcome> ShareAsync(long caseId, long partnerOrgId, string reason, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var target = await TargetAsync(connection, transaction, caseId, partnerOrgId, actor, ct);
                if (target.PartnerName is null)
                {
                    return ShareOutcome.UnknownPartner;
                }

                const string open = "SELECT COUNT(*) FROM case_shares WHERE case_id = @CaseId AND partner_org_id = @PartnerOrgId AND withdrawn_at IS NULL";
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(open, new { CaseId = caseId, PartnerOrgId = partnerOrgId }, transaction, cancellationToken: ct)) > 0)
                {
                    return ShareOutcome.Unchanged;
                }

                var now = time.GetUtcNow();
                const string insert = """
                    INSERT INTO case_shares (case_id, partner_org_id, is_default, reason, shared_at, shared_by_user_id)
                    VALUES (@CaseId, @PartnerOrgId, 0, @Reason, @Now, @UserId)
                    """;
                await connection.ExecuteAsync(new CommandDefinition(
                    insert, new { CaseId = caseId, PartnerOrgId = partnerOrgId, Reason = reason, Now = now, actor.UserId }, transaction, cancellationToken: ct));
                await AppendAsync(connection, transaction, caseId, now, actor.UserId, partnerOrgId, "share", reason, ct);
                await Notices.WriteToPartnerAsync(
                    RowWriter.Dapper(connection, transaction), partnerOrgId, caseId, NoticeKind.PartnerCaseShared,
                    $"案件{target.Number}已共享给贵单位：{reason}", now, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.share", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { target.Number, partnerOrgId, partner = target.PartnerName, reason }, ct);
                return ShareOutcome.Done;
            },
            ct);
    }

    /// <summary>Withdraws an open share of a case the actor acts on, with a reason.</summary>
    /// <exception cref="CaseNotFoundException">The actor does not act on the case.</exception>
    public Task<ShareOutcome> WithdrawAsync(long caseId, long partnerOrgId, string reason, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var target = await TargetAsync(connection, transaction, caseId, partnerOrgId, actor, ct);
                if (target.PartnerName is null)
                {
                    return ShareOutcome.UnknownPartner;
                }

                var now = time.GetUtcNow();
                const string withdraw = """
                    UPDATE case_shares SET withdrawn_at = @Now, withdrawn_by_user_id = @UserId, withdraw_reason = @Reason
                    WHERE case_id = @CaseId AND partner_org_id = @PartnerOrgId AND withdrawn_at IS NULL
                    """;
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    withdraw, new { CaseId = caseId, PartnerOrgId = partnerOrgId, Reason = reason, Now = now, actor.UserId }, transaction, cancellationToken: ct));
                if (changed == 0)
                {
                    return ShareOutcome.Unchanged;
                }

                await AppendAsync(connection, transaction, caseId, now, actor.UserId, partnerOrgId, "unshare", reason, ct);
                await Notices.WriteToPartnerAsync(
                    RowWriter.Dapper(connection, transaction), partnerOrgId, caseId, NoticeKind.PartnerShareWithdrawn,
                    $"案件{target.Number}已停止向贵单位共享：{reason}", now, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.unshare", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { target.Number, partnerOrgId, partner = target.PartnerName, reason }, ct);
                return ShareOutcome.Done;
            },
            ct);
    }

    /// <summary>
    /// A note on the case's timeline by someone who acts on it or a partner it is shared with (a unit only following
    /// the case does not write on it).
    /// </summary>
    /// <exception cref="CaseNotFoundException">The actor does not see the case at all.</exception>
    /// <exception cref="CaseReadOnlyException">The actor's unit only follows the case (it held it before).</exception>
    public Task AddNoteAsync(long caseId, string text, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var access = await AccessAsync(connection, transaction, caseId, actor.Viewer, ct);
                if (access == CaseAccess.ReadOnly)
                {
                    // The unit sees the case (it follows it), so "not found" would be untrue: it may only not write on it.
                    throw new CaseReadOnlyException(caseId);
                }

                if (access is not (CaseAccess.Act or CaseAccess.Partner))
                {
                    throw new CaseNotFoundException(caseId);
                }

                var now = time.GetUtcNow();
                await AppendAsync(connection, transaction, caseId, now, actor.UserId, actor.PartnerOrgId, "note", text, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.note", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { partnerOrgId = actor.PartnerOrgId, length = text.Length }, ct);
                return 0;
            },
            ct);
    }

    /// <summary>A partner records that its organisation attended a joint session of a case shared with it.</summary>
    /// <returns>False when the session is not one of the case's.</returns>
    /// <exception cref="CaseNotFoundException">The case is not shared with the actor's organisation.</exception>
    public Task<bool> RecordAttendanceAsync(long caseId, long sessionId, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                if (actor.PartnerOrgId is not { } partnerOrgId
                    || await AccessAsync(connection, transaction, caseId, actor.Viewer, ct) != CaseAccess.Partner)
                {
                    throw new CaseNotFoundException(caseId);
                }

                const string session = "SELECT held_at FROM mediation_sessions WHERE id = @SessionId AND case_id = @CaseId";
                var heldAt = await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>(new CommandDefinition(
                    session, new { SessionId = sessionId, CaseId = caseId }, transaction, cancellationToken: ct));
                if (heldAt is null)
                {
                    return false;
                }

                var now = time.GetUtcNow();
                await connection.ExecuteAsync(new CommandDefinition(
                    _dialect.Upsert("session_partners", ["session_id", "partner_org_id"], ["confirmed_at", "confirmed_by_user_id"]),
                    new { SessionId = sessionId, PartnerOrgId = partnerOrgId, ConfirmedAt = now, ConfirmedByUserId = actor.UserId },
                    transaction,
                    cancellationToken: ct));
                var text = string.Create(CultureInfo.InvariantCulture, $"出席 {Domain.ChinaTime.DateOf(heldAt.Value):yyyy-MM-dd} 的联合调解");
                await AppendAsync(connection, transaction, caseId, now, actor.UserId, partnerOrgId, "attendance", text, ct);
                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.attendance", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { sessionId, partnerOrgId }, ct);
                return true;
            },
            ct);
    }

    /// <summary>What <paramref name="viewer"/> may do with the case, read inside the caller's transaction.</summary>
    internal async Task<CaseAccess> AccessAsync(DbConnection connection, DbTransaction? transaction, long caseId, CaseViewer viewer, CancellationToken ct)
    {
        var sql = $"""
            SELECT {CaseVisibility.AccessOf(_dialect)} AS Access
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id
            """;
        var args = CaseVisibility.Bind(new DynamicParameters(new { Id = caseId }), viewer, _dialect);
        var row = await connection.QuerySingleOrDefaultAsync<StoredAccess>(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
        return (CaseAccess)(row?.Access ?? 0);
    }

    /// <summary>Appends one entry to the case's timeline beside the workflow (case_activities).</summary>
    internal static Task AppendAsync(
        DbConnection connection, DbTransaction? transaction, long caseId, DateTimeOffset at, long? userId, long? partnerOrgId, string kind, string? text, CancellationToken ct)
    {
        const string insert = """
            INSERT INTO case_activities (case_id, at, by_user_id, partner_org_id, kind, text)
            VALUES (@CaseId, @At, @UserId, @PartnerOrgId, @Kind, @Text)
            """;
        return connection.ExecuteAsync(new CommandDefinition(
            insert, new { CaseId = caseId, At = at, UserId = userId, PartnerOrgId = partnerOrgId, Kind = kind, Text = text }, transaction, cancellationToken: ct));
    }

    // The case's number and the partner's name when the actor acts on the case and the partner is of its county.
    private async Task<(string Number, string? PartnerName)> TargetAsync(
        DbConnection connection, DbTransaction transaction, long caseId, long partnerOrgId, CaseActor actor, CancellationToken ct)
    {
        var sql = $"""
            SELECT c.number AS Number,
                   (SELECT p.name FROM partner_orgs AS p WHERE p.id = @TargetOrgId AND p.is_active = 1 AND p.county_id = u.county_id) AS PartnerName
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE c.id = @Id AND {CaseVisibility.Acts(_dialect)}
            """;
        // @PartnerOrgId is the viewer's own organisation (CaseVisibility); the organisation shared with is @TargetOrgId.
        var args = CaseVisibility.Bind(new DynamicParameters(new { Id = caseId, TargetOrgId = partnerOrgId }), actor.Viewer, _dialect);
        var row = await connection.QuerySingleOrDefaultAsync<StoredTarget>(new CommandDefinition(sql, args, transaction, cancellationToken: ct))
            ?? throw new CaseNotFoundException(caseId);
        return (row.Number, row.PartnerName);
    }

    private sealed class StoredAccess
    {
        public int Access { get; init; }
    }

    private sealed class StoredTarget
    {
        public string Number { get; init; } = "";
        public string? PartnerName { get; init; }
    }

    private sealed class StoredShare
    {
        public long PartnerOrgId { get; init; }
        public string PartnerKind { get; init; } = "";
        public string PartnerName { get; init; } = "";
        public bool IsDefault { get; init; }
        public DateTimeOffset SharedAt { get; init; }
        public string? Reason { get; init; }
    }
}
