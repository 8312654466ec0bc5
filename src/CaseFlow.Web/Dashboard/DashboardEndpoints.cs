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

    internal static async Task<Ok<DashboardResponse>> GetAsync(CurrentUser user, CaseQueries queries, CancellationToken ct) =>
        TypedResults.Ok(DashboardResponse.From(await queries.DashboardAsync(user.UnitPath, ct: ct)));
}

/// <summary>The dashboard's figures, and each figure with the case-list query that lists exactly its cases.</summary>
public sealed record DashboardResponse
{
    public required IReadOnlyList<DashboardCell> Open { get; init; }
    public required IReadOnlyList<UnitFigures> ByUnit { get; init; }
    public required long OpenCases { get; init; }
    public required long Overdue { get; init; }
    public required long DueWithin48Hours { get; init; }
    public required decimal AmountOwed { get; init; }
    public required decimal AmountRecovered { get; init; }
    public required long WorkersInvolved { get; init; }
    public required IReadOnlyList<WeekFigures> Weeks { get; init; }

    /// <summary>The instant every figure above was counted at: a dashboard is reused for a few seconds (Dashboard:FiguresSeconds).</summary>
    public required DateTimeOffset CountedAt { get; init; }

    /// <summary>Every figure above with its key, measure and drill-down (<c>/api/v1/cases?{query}</c>).</summary>
    public required IReadOnlyList<DashboardFigure> Figures { get; init; }

    public static DashboardResponse From(Data.Cases.Dashboard d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            Open = d.Open,
            ByUnit = d.ByUnit,
            OpenCases = d.OpenCases,
            Overdue = d.Overdue,
            DueWithin48Hours = d.DueWithin48Hours,
            AmountOwed = d.AmountOwed,
            AmountRecovered = d.AmountRecovered,
            WorkersInvolved = d.WorkersInvolved,
            Weeks = d.Weeks,
            CountedAt = d.CountedAt,
            Figures = DashboardFigures.Of(d),
        };
    }
}
