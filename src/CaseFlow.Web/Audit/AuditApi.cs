using System.Text;
using System.Text.Json;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Audit;

/// <summary>Filters of the audit listing; <c>from</c> is inclusive, <c>to</c> exclusive, <c>user</c> a username.</summary>
public sealed record AuditQuery(
    [property: FromQuery(Name = "from")] DateTimeOffset? From,
    [property: FromQuery(Name = "to")] DateTimeOffset? To,
    [property: FromQuery(Name = "user")] string? User,
    [property: FromQuery(Name = "action")] string? Action,
    [property: FromQuery(Name = "entity")] string? Entity,
    [property: FromQuery(Name = "entityId")] string? EntityId,
    [property: FromQuery(Name = "page")] int? Page,
    [property: FromQuery(Name = "pageSize")] int? PageSize,
    [property: FromQuery(Name = "after")] string? After = null);

/// <summary>One audit_log row.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset At, long? UserId, string? Username, string Action, string Entity, string? EntityId, JsonElement? Detail, string? RemoteIp);

/// <summary>
/// A page of audit rows, newest first, and how many match in all: exact up to <see cref="AuditApi.TotalCap"/>, above it
/// <c>totalIsCapped</c>. <c>next</c> is the cursor of the next page (<c>after=</c>), null on the last.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long Total, bool TotalIsCapped = false, string? Next = null);

/// <summary><c>GET /api/v1/audit</c>: the audit log for auditors and administrators.</summary>
public static class AuditApi
{
    public const string SearchAction = "audit.search";
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Above this many rows the total stops counting ("1,000+"): the log grows without end.</summary>
    public const int TotalCap = 1000;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/audit", ListAsync)
            .RequireAuthorization(Policies.CanReadAudit)
            .WithTags("Audit")
            .WithSummary("Audit records, newest first, filtered and paged.");
        return api;
    }

    internal static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListAsync(
        [AsParameters] AuditQuery query, HttpContext http, CurrentUser user, Database database, AuditWriter audit, CancellationToken cancellationToken)
    {
        var errors = Validate(query);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return TypedResults.Ok(await SearchAsync(query, user, database, audit, cancellationToken));
    }

    internal static ValidationErrors Validate(AuditQuery query)
    {
        var errors = new ValidationErrors();
        errors.InRange("page", query.Page, 1, int.MaxValue);
        errors.InRange("pageSize", query.PageSize, 1, MaxPageSize);
        if (query.After is not null && !AuditCursor.TryParse(query.After, out _))
        {
            errors.Add("after", ValidationMessages.CursorInvalid);
        }
        else if (query.After is not null && query.Page is not null)
        {
            errors.Add("after", ValidationMessages.CursorWithPage);
        }

        if (query.From > query.To)
        {
            errors.Add("from", ValidationMessages.RangeReversed);
        }

        foreach (var (field, value) in new[] { ("user", query.User), ("action", query.Action), ("entity", query.Entity), ("entityId", query.EntityId) })
        {
            errors.MaxLength(field, value, 64);
        }

        return errors;
    }

    /// <summary>A page of a validated query, newest first; the search itself is audited. The API and the audit page share it.</summary>
    internal static async Task<AuditPage> SearchAsync(
        AuditQuery query, CurrentUser user, Database database, AuditWriter audit, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("WHERE 1 = 1");
        Filter(where, query.From, "at >= @From");
        Filter(where, query.To, "at < @To");
        Filter(where, query.User, "username = @User");
        Filter(where, query.Action, "action = @Action");
        Filter(where, query.Entity, "entity = @Entity");
        Filter(where, query.EntityId, "entity_id = @EntityId");

        var pageSize = query.PageSize ?? DefaultPageSize;
        var page = query.Page ?? 1;
        var count = database.Dialect.CappedCount($"FROM audit_log {where}");
        var after = AuditCursor.TryParse(query.After, out var cursor) ? cursor : null;
        if (after is not null)
        {
            // Keyset: the rows after the cursor in (at, id) descending order, a range of ix_audit_log_at.
            where.Append(" AND at <= @AfterAt AND (at < @AfterAt OR id < @AfterId)");
        }

        var rowsSql = $"""
            SELECT id AS Id, at AS At, user_id AS UserId, username AS Username, action AS Action, entity AS Entity,
                   entity_id AS EntityId, detail AS Detail, remote_ip AS RemoteIp
            FROM audit_log
            {where}
            ORDER BY at DESC, id DESC
            {database.Dialect.Paging()}
            """;
        var parameters = new
        {
            query.From,
            query.To,
            query.User,
            query.Action,
            query.Entity,
            query.EntityId,
            AfterAt = after?.At,
            AfterId = after?.Id,
            Offset = after is null ? (long)(page - 1) * pageSize : 0,
            Limit = pageSize + 1,
            Cap = TotalCap + 1,
        };

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(rowsSql, parameters, cancellationToken: cancellationToken))).ToList();
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(count, parameters, cancellationToken: cancellationToken));
        var items = rows.Take(pageSize).Select(r => new AuditEntry(
            r.Id, r.At, r.UserId, r.Username, r.Action, r.Entity, r.EntityId,
            r.Detail is null ? null : JsonSerializer.Deserialize<JsonElement>(r.Detail), r.RemoteIp)).ToList();
        var next = rows.Count > pageSize ? new AuditCursor(rows[pageSize - 1].At, rows[pageSize - 1].Id).Encode() : null;

        // Who looked at the audit log is itself on record (after the read, so a listing does not show its own row).
        await audit.WriteAsync(connection, null, user.ToAuditActor(), SearchAction, "audit_log", detail: query, cancellationToken: cancellationToken);
        return new AuditPage(items, Math.Min(total, TotalCap), total > TotalCap, next);
    }

    private static void Filter<T>(StringBuilder where, T? value, string condition)
    {
        if (value is not null && (value is not string text || text.Length > 0))
        {
            where.Append(" AND ").Append(condition);
        }
    }

    private sealed class Row
    {
        public long Id { get; init; }

        public DateTimeOffset At { get; init; }

        public long? UserId { get; init; }

        public string? Username { get; init; }

        public string Action { get; init; } = "";

        public string Entity { get; init; } = "";

        public string? EntityId { get; init; }

        public string? Detail { get; init; }

        public string? RemoteIp { get; init; }
    }
}
