using System.Globalization;
using System.Text;
using CaseFlow.Data.Audit;
using Dapper;

namespace CaseFlow.Data.Notifications;

/// <summary>Whose notices: a user sees those addressed to them and those addressed to their unit as a whole.</summary>
public sealed record NoticeReader(long UserId, long UnitId);

/// <summary>One notice as its reader sees it; <see cref="Read"/> is that reader's own read state.</summary>
public sealed record NotificationItem(
    long Id, string Kind, string Text, long? CaseId, string? CaseNumber, DateTimeOffset CreatedAt, bool ToMe, bool Read);

/// <summary>A page of a reader's notices, newest first, with how many of all their notices are unread.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, long Total, long Unread);

/// <summary>
/// The in-app notices people read: listed per reader, counted unread, marked read. Read state is per user
/// (notification_reads): a notice to a unit read by one of its users stays unread for the others.
/// </summary>
public sealed class NotificationStore(Database database, AuditWriter audit, TimeProvider time)
{
    public const int MaxPageSize = 100;

    private const string Visible = "(n.user_id = @UserId OR (n.user_id IS NULL AND n.unit_id = @UnitId))";

    private const string Unread = "NOT EXISTS (SELECT 1 FROM notification_reads AS r WHERE r.notification_id = n.id AND r.user_id = @UserId)";

    /// <param name="kind">Only notices of this notifications.kind; null for all.</param>
    public async Task<NotificationPage> ListAsync(
        NoticeReader reader, string? kind, bool unreadOnly, int offset, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var where = new StringBuilder($"WHERE {Visible}");
        if (kind is not null)
        {
            where.Append(" AND n.kind = @Kind");
        }

        if (unreadOnly)
        {
            where.Append(" AND ").Append(Unread);
        }

        var sql = $"""
            SELECT n.id AS Id, n.kind AS Kind, n.text AS Text, n.case_id AS CaseId, c.number AS CaseNumber, n.created_at AS CreatedAt,
                   CASE WHEN n.user_id IS NULL THEN 0 ELSE 1 END AS ToMe,
                   CASE WHEN {Unread} THEN 0 ELSE 1 END AS IsRead
            FROM notifications AS n
            LEFT JOIN cases AS c ON c.id = n.case_id
            {where}
            ORDER BY n.created_at DESC, n.id DESC
            {database.Dialect.Paging()};
            SELECT COUNT(*) FROM notifications AS n {where};
            SELECT COUNT(*) FROM notifications AS n WHERE {Visible} AND {Unread};
            """;
        await using var connection = await database.OpenAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql,
            new { reader.UserId, reader.UnitId, Kind = kind, Offset = Math.Max(0, offset), Limit = Math.Clamp(limit, 1, MaxPageSize) },
            cancellationToken: ct));
        var rows = await grid.ReadAsync<StoredNotification>();
        var total = await grid.ReadSingleAsync<long>();
        var unread = await grid.ReadSingleAsync<long>();
        return new NotificationPage(
            [.. rows.Select(r => new NotificationItem(r.Id, r.Kind, r.Text, r.CaseId, r.CaseNumber, r.CreatedAt, r.ToMe == 1, r.IsRead == 1))],
            total,
            unread);
    }

    /// <summary>
    /// The most unread notices <see cref="UnreadForBellAsync"/> counts: the bell shows "99+" beyond 99, as a phone's badge
    /// does. Every page counts them, index entry by index entry, so the cap is what a page pays for a unit with years of notices.
    /// </summary>
    public const int BellCap = 100;

    // The notices to the reader and those to their unit as a whole, each counted from its own index (ix_notifications_user,
    // ix_notifications_unit_wide of migration 0021) with the reads checked by their key: no notice row is read. As one OR,
    // SQLite would read every notice of the unit, to each user as well, to test user_id.
    private const string ToReader = "FROM notifications AS n WHERE n.user_id = @UserId AND " + Unread;

    private const string ToUnit = "FROM notifications AS n WHERE n.user_id IS NULL AND n.unit_id = @UnitId AND " + Unread;

    private readonly string _bellSql =
        $"SELECT ({database.Dialect.CappedCount(ToReader)}) + ({database.Dialect.CappedCount(ToUnit)})";

    /// <summary>The bell's statement (for the plan test).</summary>
    internal string BellSql => _bellSql;

    /// <summary>How many of the reader's notices they have not read.</summary>
    public async Task<long> UnreadCountAsync(NoticeReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        const string sql = $"SELECT (SELECT COUNT(*) {ToReader}) + (SELECT COUNT(*) {ToUnit})";
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { reader.UserId, reader.UnitId }, cancellationToken: ct));
    }

    /// <summary>
    /// The header's bell on every page: <see cref="UnreadCountAsync"/>, but counting no further than <see cref="BellCap"/>,
    /// so that a unit with years of notices costs every page what a few hundred cost.
    /// </summary>
    public async Task<long> UnreadForBellAsync(NoticeReader reader, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var unread = await database.ReadAsync(
            connection => RowWriter.Cached(connection, null, database.Dialect).ScalarInt64Async(_bellSql, new BellRow(reader.UserId, reader.UnitId, BellCap), ct), ct);
        return Math.Min(unread, BellCap);
    }

    private sealed record BellRow(long UserId, long UnitId, int Cap);

    /// <summary>Marks one notice read for the reader, with its audit record in the same transaction.</summary>
    /// <returns>False when the notice is not one the reader sees (the caller answers 404, as for a missing one).</returns>
    public Task<bool> MarkReadAsync(NoticeReader reader, long notificationId, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(actor);
        const string visible = $"SELECT COUNT(*) FROM notifications AS n WHERE n.id = @Id AND {Visible}";
        const string insert = $"""
            INSERT INTO notification_reads (notification_id, user_id, read_at)
            SELECT n.id, @UserId, @Now FROM notifications AS n WHERE n.id = @Id AND {Unread}
            """;
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var args = new { Id = notificationId, reader.UserId, reader.UnitId, Now = time.GetUtcNow() };
                if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(visible, args, transaction, cancellationToken: ct)) == 0)
                {
                    return false;
                }

                var marked = await connection.ExecuteAsync(new CommandDefinition(insert, args, transaction, cancellationToken: ct));
                if (marked > 0)
                {
                    await audit.WriteAsync(
                        connection, transaction, actor, "notification.read", "notification", notificationId.ToString(CultureInfo.InvariantCulture), null, ct);
                }

                return true;
            },
            ct);
    }

    /// <summary>Marks every unread notice of the reader read, with one audit record saying how many.</summary>
    /// <returns>How many were marked.</returns>
    public Task<int> MarkAllReadAsync(NoticeReader reader, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(actor);
        const string insert = $"""
            INSERT INTO notification_reads (notification_id, user_id, read_at)
            SELECT n.id, @UserId, @Now FROM notifications AS n WHERE {Visible} AND {Unread}
            """;
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var marked = await connection.ExecuteAsync(new CommandDefinition(
                    insert, new { reader.UserId, reader.UnitId, Now = time.GetUtcNow() }, transaction, cancellationToken: ct));
                if (marked > 0)
                {
                    await audit.WriteAsync(
                        connection, transaction, actor, "notification.read_all", "user", reader.UserId.ToString(CultureInfo.InvariantCulture), new { marked }, ct);
                }

                return marked;
            },
            ct);
    }

    private sealed class StoredNotification
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public string Text { get; init; } = "";
        public long? CaseId { get; init; }
        public string? CaseNumber { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public int ToMe { get; init; }
        public int IsRead { get; init; }
    }
}
