using CaseFlow.Data.Enterprises;
using CaseFlow.Domain;
using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Pages.HealthChecks;

/// <summary>
/// The follow-up items of legal health checks in the caller's area that are past their due date (or, with
/// <c>?all=1</c>, every open one), earliest due first: the county's list of what employers still have to put right.
/// </summary>
public sealed class FollowUpsModel(HealthCheckStore checks, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public IReadOnlyList<HealthFollowUp> Items { get; private set; } = [];

    public bool All { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(int? all)
    {
        All = all == 1;
        Today = ChinaTime.DateOf(time.GetUtcNow());
        Items = await checks.OpenFollowUpsAsync(Me.UnitPath, overdueOnly: !All, Today, HttpContext.RequestAborted);
    }
}
