using System.Data.Common;

namespace CaseFlow.Data.Audit;

/// <summary>Who did something: the signed-in user and where the request came from, or the system.</summary>
public sealed record AuditActor(long? UserId, string? Username, string? RemoteIp = null)
{
    /// <summary>Timers and other work no person started.</summary>
    public static AuditActor System { get; } = new(null, "system");

    /// <summary>The path of the unit the actor works from ('/' for the system): the case writes record it as a unit that handled the case.</summary>
    public string UnitPath { get; init; } = "/";
}

/// <summary>One audit_log row; <see cref="Detail"/> is JSON.</summary>
internal sealed record AuditEntry(
    DateTimeOffset At, long? UserId, string? Username, string Action, string Entity, string? EntityId, string? Detail, string? RemoteIp);

/// <summary>
/// Appends to audit_log inside the caller's transaction, so the record and the change it records commit or
/// roll back together. The detail object is stored as JSON. The one INSERT of audit_log: the case writes put their
/// rows through <see cref="WriteAsync(RowWriter, IEnumerable{AuditEntry}, CancellationToken)"/>.
/// </summary>
public sealed class AuditWriter(Database database, TimeProvider time)
{
    private const string Insert = """
        INSERT INTO audit_log (at, user_id, username, action, entity, entity_id, detail, remote_ip)
        VALUES (@At, @UserId, @Username, @Action, @Entity, @EntityId, @Detail, @RemoteIp)
        """;

    private readonly string _insertReturningId = database.Dialect.InsertReturningId(Insert);

    /// <param name="action">What happened, e.g. <c>case.reveal_id_number</c>.</param>
    /// <param name="entity">The kind of thing it happened to, e.g. <c>case</c>.</param>
    /// <param name="entityId">Which one, as text (ids, dates and codes alike).</param>
    /// <param name="detail">Anything worth keeping, serialized with <see cref="DbJson"/>.</param>
    /// <returns>The audit_log id.</returns>
    public Task<long> WriteAsync(
        DbConnection connection,
        DbTransaction? transaction,
        AuditActor actor,
        string action,
        string entity,
        string? entityId = null,
        object? detail = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entity);
        var entry = new AuditEntry(
            time.GetUtcNow(), actor.UserId, actor.Username, action, entity, entityId, DbJson.Serialize(detail), actor.RemoteIp);
        return RowWriter.Dapper(connection, transaction).InsertReturningIdAsync(_insertReturningId, entry, cancellationToken);
    }

    /// <summary>Appends <paramref name="entries"/> through the caller's writer; returns how many.</summary>
    internal static Task<int> WriteAsync(RowWriter rows, IEnumerable<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.ExecuteEachAsync(Insert, entries, ct);
    }

    /// <summary>Appends <paramref name="entries"/> in as few multi-row statements as the engine allows (a batch's rows, in order).</summary>
    internal static Task<int> WriteAllAsync(RowWriter rows, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.InsertRowsAsync(Insert, entries, ct);
    }
}
