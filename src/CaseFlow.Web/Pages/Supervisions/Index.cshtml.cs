using CaseFlow.Data.Supervision;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Supervisions;

/// <summary>
/// /supervisions: a manager's list of the county's supervisions (open, feedback overdue, all; by handling unit), with
/// the per-unit figures; a township or mediator sees the supervisions of its own cases the same way.
/// </summary>
public sealed class IndexModel(SupervisionStore supervisions) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? UnitId { get; set; }

    public IReadOnlyList<SupervisionView> Items { get; private set; } = [];

    public IReadOnlyList<SupervisionUnitFigures> Units { get; private set; } = [];

    public string Shown => Show is "overdue" or "all" ? Show : "open";

    public async Task OnGetAsync()
    {
        var filter = new SupervisionFilter(OpenOnly: Shown == "open", OverdueOnly: Shown == "overdue", UnitId: UnitId);
        Items = await supervisions.ListAsync(Me.Viewer, filter, HttpContext.RequestAborted);
        Units = await supervisions.FiguresAsync(Me.UnitPath, HttpContext.RequestAborted);
    }

    public string Link(string status, long? unitId) =>
        "/supervisions?status=" + status + (unitId is { } u ? "&unitId=" + u.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
