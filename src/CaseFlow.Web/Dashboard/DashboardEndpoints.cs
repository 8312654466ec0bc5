using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Dashboard;

/// <summary><c>GET /api/v1/dashboard</c>: the manager's risk dashboard of the caller's subtree.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboard(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/dashboard", GetAsync)
            .RequireAuthorization(Policies.CanSupervise)
            .WithTags("Dashboard")
            .WithSummary("Open cases by colour, level and unit; overdue and due soon; money; workers; weekly trend.");
        return api;
    }

    internal static async Task<Ok<Data.Cases.Dashboard>> GetAsync(CurrentUser user, CaseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.DashboardAsync(user.UnitPath, ct: ct));
}
