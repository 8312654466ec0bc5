using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Enterprises;
using Dapper;

namespace CaseFlow.Data.Enterprises;

/// <summary>A follow-up item to set with a check: what to put right, by when, and which unit sees to it.</summary>
public sealed record NewFollowUp(string Item, DateOnly DueOn, long ResponsibleUnitId);

/// <summary>A legal health check to record (already validated).</summary>
public sealed record NewHealthCheck(
    long EnterpriseId, DateOnly CheckedOn, long PerformedByUnitId, string CheckedBy, IReadOnlyList<HealthFinding> Findings, string? Note,
    IReadOnlyList<NewFollowUp> FollowUps);

/// <summary>A follow-up item as stored, with its check's enterprise.</summary>
public sealed record HealthFollowUp(
    long Id, long HealthCheckId, long EnterpriseId, string EnterpriseName, DateOnly CheckedOn, string Item, DateOnly DueOn,
    long? ResponsibleUnitId, string? ResponsibleUnitName, DateTimeOffset? DoneAt, string? DoneNote)
{
    public bool IsDone => DoneAt is not null;

    /// <summary>Open after its due date (China date): due today is not yet overdue.</summary>
    public bool IsOverdue(DateOnly today) => DoneAt is null && DueOn < today;
}

/// <summary>A recorded health check with its findings and follow-ups.</summary>
public sealed record HealthCheck(
    long Id, long EnterpriseId, DateOnly CheckedOn, long? PerformedByUnitId, string? PerformedByUnitName, string CheckedBy,
    IReadOnlyList<HealthFinding> Findings, string? Note, string? RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<HealthFollowUp> FollowUps);

/// <summary>What became of marking a follow-up done.</summary>
public enum FollowUpOutcome
{
    Done,

    /// <summary>No such follow-up in the caller's area: answered as 404.</summary>
    NotFound,

    /// <summary>Already done: answered as 409.</summary>
    AlreadyDone,
}

/// <summary>
/// Legal health checks (法律体检) of enterprises and their follow-up items. A caller reaches the checks of the
/// enterprises located in their area; a follow-up also reaches the unit responsible for it. Each change writes its
/// audit row in the same transaction.
/// </summary>
public sealed class HealthCheckStore(Database database, AuditWriter audit, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    private readonly string _insertCheck = database.Dialect.InsertReturningId("""
        INSERT INTO health_checks (enterprise_id, checked_on, performed_by_unit_id, checked_by, findings, note, recorded_by_user_id, recorded_at)
        VALUES (@EnterpriseId, @CheckedOn, @PerformedByUnitId, @CheckedBy, @Findings, @Note, @RecordedByUserId, @RecordedAt)
        """);

    /// <summary>Whether the enterprise is located in the area at <paramref name="scopePath"/>.</summary>
    public async Task<bool> InScopeAsync(long enterpriseId, string scopePath, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await InScopeAsync(connection, null, enterpriseId, scopePath, ct);
    }

    private async Task<bool> InScopeAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long enterpriseId, string scopePath, CancellationToken ct)
    {
        var sql = $"""
            SELECT COUNT(*) FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
            WHERE e.id = @EnterpriseId AND {_dialect.SubtreeCondition("eu.path")}
            """;
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            sql, new { EnterpriseId = enterpriseId, SubtreePattern = _dialect.SubtreePattern(scopePath) }, transaction, cancellationToken: ct)) > 0;
    }

    /// <summary>Records the check and its follow-ups with the audit row, or returns null when the enterprise is not in the caller's area.</summary>
    public Task<long?> RecordAsync(NewHealthCheck check, string scopePath, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync<long?>(async (connection, transaction) =>
        {
            if (!await InScopeAsync(connection, transaction, check.EnterpriseId, scopePath, ct))
            {
                return null;
            }

            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertCheck, new
            {
                check.EnterpriseId,
                check.CheckedOn,
                check.PerformedByUnitId,
                check.CheckedBy,
                Findings = DbJson.Serialize(check.Findings),
                check.Note,
                RecordedByUserId = actor.UserId,
                RecordedAt = time.GetUtcNow(),
            }, transaction, cancellationToken: ct));
            const string insertFollowUp = """
                INSERT INTO health_check_followups (health_check_id, item, due_on, responsible_unit_id)
                VALUES (@HealthCheckId, @Item, @DueOn, @ResponsibleUnitId)
                """;
            foreach (var f in check.FollowUps)
            {
                await connection.ExecuteAsync(new CommandDefinition(insertFollowUp, new { HealthCheckId = id, f.Item, f.DueOn, f.ResponsibleUnitId }, transaction, cancellationToken: ct));
            }

            await audit.WriteAsync(connection, transaction, actor, "health_check.record", "health_check", id.ToString(CultureInfo.InvariantCulture), new
            {
                check.EnterpriseId,
                check.CheckedOn,
                check.PerformedByUnitId,
                Problems = check.Findings.Where(f => !f.Ok).Select(f => f.Item).ToList(),
                FollowUps = check.FollowUps.Select(f => new { f.Item, f.DueOn, f.ResponsibleUnitId }).ToList(),
            }, ct);
            return id;
        }, ct);
    }

    /// <summary>The enterprise's checks, newest first, or null when the enterprise is not in the caller's area.</summary>
    public async Task<IReadOnlyList<HealthCheck>?> ForEnterpriseAsync(long enterpriseId, string scopePath, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        if (!await InScopeAsync(connection, null, enterpriseId, scopePath, ct))
        {
            return null;
        }

        const string sql = """
            SELECT h.id AS Id, h.enterprise_id AS EnterpriseId, h.checked_on AS CheckedOn, h.performed_by_unit_id AS PerformedByUnitId,
                   pu.name AS PerformedByUnitName, h.checked_by AS CheckedBy, h.findings AS Findings, h.note AS Note,
                   ru.display_name AS RecordedBy, h.recorded_at AS RecordedAt
            FROM health_checks AS h
            LEFT JOIN org_units AS pu ON pu.id = h.performed_by_unit_id
            LEFT JOIN users AS ru ON ru.id = h.recorded_by_user_id
            WHERE h.enterprise_id = @EnterpriseId
            ORDER BY h.checked_on DESC, h.id DESC;
            SELECT f.id AS Id, f.health_check_id AS HealthCheckId, h.enterprise_id AS EnterpriseId, e.name AS EnterpriseName, h.checked_on AS CheckedOn,
                   f.item AS Item, f.due_on AS DueOn, f.responsible_unit_id AS ResponsibleUnitId, u.name AS ResponsibleUnitName,
                   f.done_at AS DoneAt, f.done_note AS DoneNote
            FROM health_check_followups AS f
            JOIN health_checks AS h ON h.id = f.health_check_id
            JOIN enterprises AS e ON e.id = h.enterprise_id
            LEFT JOIN org_units AS u ON u.id = f.responsible_unit_id
            WHERE h.enterprise_id = @EnterpriseId
            ORDER BY f.due_on, f.id;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { EnterpriseId = enterpriseId }, cancellationToken: ct));
        var checks = (await grid.ReadAsync<StoredCheck>()).ToList();
        var followUps = (await grid.ReadAsync<StoredFollowUp>()).Select(f => f.ToFollowUp()).ToLookup(f => f.HealthCheckId);
        return [.. checks.Select(c => new HealthCheck(
            c.Id, c.EnterpriseId, c.CheckedOn, c.PerformedByUnitId, c.PerformedByUnitName, c.CheckedBy,
            DbJson.Deserialize<List<HealthFinding>>(c.Findings) ?? [], c.Note, c.RecordedBy, c.RecordedAt, [.. followUps[c.Id]]))];
    }

    /// <summary>
    /// The open follow-ups of the caller's area (the enterprise located there, or the responsible unit there), by due
    /// date; with <paramref name="overdueOnly"/> only those whose due date is before <paramref name="today"/>.
    /// </summary>
    public async Task<IReadOnlyList<HealthFollowUp>> OpenFollowUpsAsync(string scopePath, bool overdueOnly, DateOnly today, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT f.id AS Id, f.health_check_id AS HealthCheckId, h.enterprise_id AS EnterpriseId, e.name AS EnterpriseName, h.checked_on AS CheckedOn,
                   f.item AS Item, f.due_on AS DueOn, f.responsible_unit_id AS ResponsibleUnitId, u.name AS ResponsibleUnitName,
                   f.done_at AS DoneAt, f.done_note AS DoneNote
            FROM health_check_followups AS f
            JOIN health_checks AS h ON h.id = f.health_check_id
            JOIN enterprises AS e ON e.id = h.enterprise_id
            JOIN org_units AS eu ON eu.id = e.unit_id
            LEFT JOIN org_units AS u ON u.id = f.responsible_unit_id
            WHERE f.done_at IS NULL AND (@OverdueOnly = 0 OR f.due_on < @Today)
              AND ({_dialect.SubtreeCondition("eu.path")} OR {_dialect.SubtreeCondition("u.path")})
            ORDER BY f.due_on, f.id
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<StoredFollowUp>(new CommandDefinition(
            sql, new { SubtreePattern = _dialect.SubtreePattern(scopePath), OverdueOnly = overdueOnly ? 1 : 0, Today = today }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToFollowUp())];
    }

    /// <summary>Marks a follow-up of the caller's area done, with a note and the audit row.</summary>
    public Task<FollowUpOutcome> CompleteAsync(long id, string scopePath, string? note, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var find = $"""
                SELECT f.done_at AS DoneAt, h.enterprise_id AS EnterpriseId
                FROM health_check_followups AS f
                JOIN health_checks AS h ON h.id = f.health_check_id
                JOIN enterprises AS e ON e.id = h.enterprise_id
                JOIN org_units AS eu ON eu.id = e.unit_id
                LEFT JOIN org_units AS u ON u.id = f.responsible_unit_id
                WHERE f.id = @Id AND ({_dialect.SubtreeCondition("eu.path")} OR {_dialect.SubtreeCondition("u.path")})
                """;
            var found = await connection.QuerySingleOrDefaultAsync<StoredState>(new CommandDefinition(
                find, new { Id = id, SubtreePattern = _dialect.SubtreePattern(scopePath) }, transaction, cancellationToken: ct));
            if (found is null)
            {
                return FollowUpOutcome.NotFound;
            }

            const string update = """
                UPDATE health_check_followups SET done_at = @At, done_by_user_id = @UserId, done_note = @Note
                WHERE id = @Id AND done_at IS NULL
                """;
            if (await connection.ExecuteAsync(new CommandDefinition(update, new { Id = id, At = time.GetUtcNow(), actor.UserId, Note = note }, transaction, cancellationToken: ct)) == 0)
            {
                return FollowUpOutcome.AlreadyDone;
            }

            await audit.WriteAsync(connection, transaction, actor, "health_check_followup.done", "health_check_followup",
                id.ToString(CultureInfo.InvariantCulture), new { found.EnterpriseId, note }, ct);
            return FollowUpOutcome.Done;
        }, ct);
    }

    private sealed class StoredState
    {
        public DateTimeOffset? DoneAt { get; init; }
        public long EnterpriseId { get; init; }
    }

    private sealed class StoredCheck
    {
        public long Id { get; init; }
        public long EnterpriseId { get; init; }
        public DateOnly CheckedOn { get; init; }
        public long? PerformedByUnitId { get; init; }
        public string? PerformedByUnitName { get; init; }
        public string CheckedBy { get; init; } = "";
        public string Findings { get; init; } = "[]";
        public string? Note { get; init; }
        public string? RecordedBy { get; init; }
        public DateTimeOffset RecordedAt { get; init; }
    }

    private sealed class StoredFollowUp
    {
        public long Id { get; init; }
        public long HealthCheckId { get; init; }
        public long EnterpriseId { get; init; }
        public string EnterpriseName { get; init; } = "";
        public DateOnly CheckedOn { get; init; }
        public string Item { get; init; } = "";
        public DateOnly DueOn { get; init; }
        public long? ResponsibleUnitId { get; init; }
        public string? ResponsibleUnitName { get; init; }
        public DateTimeOffset? DoneAt { get; init; }
        public string? DoneNote { get; init; }

        public HealthFollowUp ToFollowUp() =>
            new(Id, HealthCheckId, EnterpriseId, EnterpriseName, CheckedOn, Item, DueOn, ResponsibleUnitId, ResponsibleUnitName, DoneAt, DoneNote);
    }
}
