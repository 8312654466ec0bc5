using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Inbox;

/// <summary>The township inbox: <c>{ items, total }</c>.</summary>
public sealed record InboxList(IReadOnlyList<InboxItem> Items, long Total);

/// <summary><c>GET /api/v1/inbox</c>: cases routed or escalated to the caller's unit, waiting to be accepted.</summary>
public static class InboxEndpoints
{
    public static RouteGroupBuilder MapInbox(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/inbox", GetAsync)
            .RequireAuthorization(Policies.CanActOnCases)
            .WithTags("Inbox")
            .WithSummary("Cases awaiting acceptance at the caller's unit, the acceptance time that runs out first on top.");
        return api;
    }

    internal static async Task<Ok<InboxList>> GetAsync(CurrentUser user, CaseQueries queries, CancellationToken ct)
    {
        var items = await queries.InboxAsync(user.UnitId, user.UnitPath, ct);
        return TypedResults.Ok(new InboxList(items, items.Count));
    }
}
