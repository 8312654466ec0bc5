using System.Data.Common;
using System.Globalization;
using CaseFlow.Data.Audit;
using Dapper;

namespace CaseFlow.Data.Evaluation;

public enum BonusStatus
{
    Declared,
    Accepted,
    Rejected,
}

/// <summary>A bonus item as stored.</summary>
public sealed record BonusItem(
    long Id, long UnitId, string UnitName, int Year, string Kind, string Title, string? Note, string? AttachmentRef,
    BonusStatus Status, DateTimeOffset DeclaredAt, DateTimeOffset? ReviewedAt, string? ReviewReason);

/// <summary>A bonus item to declare (already validated against the scheme in effect).</summary>
public sealed record NewBonusItem(long UnitId, int Year, string Kind, string Title, string? Note, string? AttachmentRef);

/// <summary>What became of a review.</summary>
public enum ReviewOutcome
{
    Done,

    /// <summary>No such item below the reviewer's unit one level down: answered as 404.</summary>
    NotFound,

    /// <summary>Already accepted or rejected: answered as 409.</summary>
    AlreadyReviewed,
}

internal sealed record StoredBonus(long Id, long UnitId, int Year, string Kind, string Title);

/// <summary>
/// Bonus items (加分项): a unit declares, the unit directly above reviews (逐级审核). Only accepted items count on a
/// scorecard. Every change writes its audit row in the same transaction.
/// </summary>
public sealed class BonusItemStore(Database database, AuditWriter audit, TimeProvider time)
{
    public const int MaxTitle = 100;
    public const int MaxNote = 1000;
    public const int MaxAttachmentRef = 200;
    public const int MaxReviewReason = 500;

    private readonly SqlDialect _dialect = database.Dialect;

    private readonly string _insert = database.Dialect.InsertReturningId("""
        INSERT INTO bonus_items (unit_id, year, kind, title, note, attachment_ref, status, declared_by_user_id, declared_at)
        VALUES (@UnitId, @Year, @Kind, @Title, @Note, @AttachmentRef, 'declared', @DeclaredByUserId, @DeclaredAt)
        """);

    public Task<long> DeclareAsync(NewBonusItem item, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(_insert, new
            {
                item.UnitId, item.Year, item.Kind, item.Title, item.Note, item.AttachmentRef,
                DeclaredByUserId = actor.UserId, DeclaredAt = time.GetUtcNow(),
            }, transaction, cancellationToken: ct));
            await audit.WriteAsync(connection, transaction, actor, "bonus_item.declare", "bonus_item", id.ToString(CultureInfo.InvariantCulture),
                new { item.UnitId, item.Year, item.Kind, item.Title, item.AttachmentRef }, ct);
            return id;
        }, ct);
    }

    /// <summary>Accepts or rejects an item of a unit directly below <paramref name="reviewerUnitId"/>.</summary>
    public Task<ReviewOutcome> ReviewAsync(long id, long reviewerUnitId, bool accept, string? reason, AuditActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(async (connection, transaction) =>
        {
            const string find = """
                SELECT b.status FROM bonus_items AS b JOIN org_units AS u ON u.id = b.unit_id
                WHERE b.id = @Id AND u.parent_id = @ReviewerUnitId
                """;
            var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(find, new { Id = id, ReviewerUnitId = reviewerUnitId }, transaction, cancellationToken: ct));
            if (status is null)
            {
                return ReviewOutcome.NotFound;
            }

            const string update = """
                UPDATE bonus_items SET status = @Status, reviewed_by_user_id = @UserId, reviewed_at = @At, review_reason = @Reason
                WHERE id = @Id AND status = 'declared'
                """;
            var changed = await connection.ExecuteAsync(new CommandDefinition(update, new
            {
                Id = id, Status = DbCode.Of(accept ? BonusStatus.Accepted : BonusStatus.Rejected), actor.UserId, At = time.GetUtcNow(), Reason = reason,
            }, transaction, cancellationToken: ct));
            if (changed == 0)
            {
                return ReviewOutcome.AlreadyReviewed;
            }

            await audit.WriteAsync(connection, transaction, actor, accept ? "bonus_item.accept" : "bonus_item.reject", "bonus_item",
                id.ToString(CultureInfo.InvariantCulture), new { reason }, ct);
            return ReviewOutcome.Done;
        }, ct);
    }

    /// <summary>The items of a year declared at <paramref name="scopePath"/>'s unit or below, newest first.</summary>
    public async Task<IReadOnlyList<BonusItem>> ListAsync(string scopePath, int year, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT b.id AS Id, b.unit_id AS UnitId, u.name AS UnitName, b.year AS Year, b.kind AS Kind, b.title AS Title, b.note AS Note,
                   b.attachment_ref AS AttachmentRef, b.status AS Status, b.declared_at AS DeclaredAt, b.reviewed_at AS ReviewedAt,
                   b.review_reason AS ReviewReason
            FROM bonus_items AS b JOIN org_units AS u ON u.id = b.unit_id
            WHERE {_dialect.SubtreeCondition("u.path")} AND b.year = @Year
            ORDER BY b.id DESC
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { SubtreePattern = _dialect.SubtreePattern(scopePath), Year = year }, cancellationToken: ct));
        return [.. rows.Select(r => new BonusItem(r.Id, r.UnitId, r.UnitName, r.Year, r.Kind, r.Title, r.Note, r.AttachmentRef,
            DbCode.Parse<BonusStatus>(r.Status), r.DeclaredAt, r.ReviewedAt, r.ReviewReason))];
    }

    internal static async Task<IReadOnlyList<StoredBonus>> AcceptedAsync(DbConnection connection, SqlDialect dialect, string scopePath, int year, CancellationToken ct)
    {
        var sql = $"""
            SELECT b.id AS Id, b.unit_id AS UnitId, b.year AS Year, b.kind AS Kind, b.title AS Title
            FROM bonus_items AS b JOIN org_units AS u ON u.id = b.unit_id
            WHERE {dialect.SubtreeCondition("u.path")} AND b.year = @Year AND b.status = 'accepted'
            """;
        var rows = await connection.QueryAsync<StoredBonusRow>(new CommandDefinition(sql, new { SubtreePattern = dialect.SubtreePattern(scopePath), Year = year }, cancellationToken: ct));
        return [.. rows.Select(r => new StoredBonus(r.Id, r.UnitId, r.Year, r.Kind, r.Title))];
    }

    private sealed class StoredBonusRow
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public int Year { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public int Year { get; init; }
        public string Kind { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Note { get; init; }
        public string? AttachmentRef { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset DeclaredAt { get; init; }
        public DateTimeOffset? ReviewedAt { get; init; }
        public string? ReviewReason { get; init; }
    }
}
