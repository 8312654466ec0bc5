using CaseFlow.Data.Notifications;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Notifications;

/// <summary>The query string of <c>GET /api/v1/notifications</c>.</summary>
public sealed record NotificationQuery(string? Kind, bool? Unread, int? Page, int? PageSize);

/// <summary>A notice as the API gives it, with its kind's name in the caller's language.</summary>
public sealed record NotificationView(
    long Id, string Kind, string KindName, string Text, long? CaseId, string? CaseNumber, DateTimeOffset CreatedAt, bool ToMe, bool Read);

/// <summary><c>{ items, total, unread }</c>: a page of notices and how many of all the caller's notices are unread.</summary>
public sealed record NotificationList(IReadOnlyList<NotificationView> Items, long Total, long Unread);

public sealed record UnreadCount(long Unread);

public sealed record MarkedRead(int Marked, long Unread);

/// <summary>
/// The signed-in user's notices: those addressed to them and to their unit. Read state is the user's own; marking
/// read is a POST with the CSRF header like every other change, and is audited.
/// </summary>
public static class NotificationEndpoints
{
    public const int DefaultPageSize = 20;

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", ListAsync).WithSummary("The caller's notices, newest first; filter by kind or unread; paged.");
        group.MapGet("/unread-count", CountAsync).WithSummary("How many of the caller's notices are unread.");
        group.MapPost("/{id}/read", MarkReadAsync).WithSummary("Mark one notice read for the caller.");
        group.MapPost("/read-all", MarkAllReadAsync).WithSummary("Mark every notice of the caller read.");
        return api;
    }

    public static NoticeReader ReaderOf(CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new NoticeReader(user.Id, user.UnitId);
    }

    /// <summary>The checks of the list's query, shared with the page.</summary>
    internal static ValidationErrors Check(NotificationQuery query)
    {
        var errors = new ValidationErrors();
        errors.MaxLength("kind", query.Kind, 32);
        errors.InRange("page", query.Page, 1, int.MaxValue);
        errors.InRange("pageSize", query.PageSize, 1, NotificationStore.MaxPageSize);
        return errors;
    }

    internal static async Task<Results<Ok<NotificationList>, ValidationProblem>> ListAsync(
        [AsParameters] NotificationQuery query, HttpContext http, CurrentUser user, NotificationStore store, CancellationToken ct)
    {
        var errors = Check(query);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var language = RequestLanguage.Of(http.Request);
        var size = query.PageSize ?? DefaultPageSize;
        var page = await store.ListAsync(
            ReaderOf(user), string.IsNullOrWhiteSpace(query.Kind) ? null : query.Kind.Trim(), query.Unread ?? false, ((query.Page ?? 1) - 1) * size, size, ct);
        return TypedResults.Ok(new NotificationList(
            [.. page.Items.Select(n => new NotificationView(n.Id, n.Kind, NoticeKinds.Name(n.Kind, language), n.Text, n.CaseId, n.CaseNumber, n.CreatedAt, n.ToMe, n.Read))],
            page.Total,
            page.Unread));
    }

    internal static async Task<Ok<UnreadCount>> CountAsync(CurrentUser user, NotificationStore store, CancellationToken ct) =>
        TypedResults.Ok(new UnreadCount(await store.UnreadCountAsync(ReaderOf(user), ct)));

    internal static async Task<Results<Ok<MarkedRead>, NotFound>> MarkReadAsync(long id, CurrentUser user, NotificationStore store, CancellationToken ct)
    {
        if (!await store.MarkReadAsync(ReaderOf(user), id, user.ToAuditActor(), ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new MarkedRead(1, await store.UnreadCountAsync(ReaderOf(user), ct)));
    }

    internal static async Task<Ok<MarkedRead>> MarkAllReadAsync(CurrentUser user, NotificationStore store, CancellationToken ct)
    {
        var marked = await store.MarkAllReadAsync(ReaderOf(user), user.ToAuditActor(), ct);
        return TypedResults.Ok(new MarkedRead(marked, await store.UnreadCountAsync(ReaderOf(user), ct)));
    }
}
