using CaseFlow.Data.Supervision;
using CaseFlow.Domain.Supervision;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Supervision;

/// <summary>What the case page's supervision panel shows, and which of its forms the user gets.</summary>
public sealed record SupervisionPanel(
    long CaseId,
    IReadOnlyList<SupervisionView> Items,
    bool CanOpen,
    bool CanFeedBack,
    bool CanEvaluate,
    FormErrors Errors,
    string? Refusal,
    DateOnly Today)
{
    /// <summary>The supervision not closed, if any: the one fed back on and evaluated.</summary>
    public SupervisionView? Current => Items.FirstOrDefault(s => s.Status != SupervisionStatus.Closed);
}

/// <summary>
/// The supervision (督办) panel of a case page: the case's supervisions with their feedback; the open form for a
/// manager acting on the case, the feedback form for the handling unit's mediators and township users, the evaluation
/// form for the manager once fed back. Kept out of the case page's own model so supervision stays beside the workflow.
/// </summary>
public sealed class SupervisionPanelViewComponent(SupervisionStore supervisions, PageShell shell) : ViewComponent
{
    /// <param name="items">The case's supervisions when the caller has read them with the case (the case page); else read here.</param>
    public async Task<IViewComponentResult> InvokeAsync(
        long caseId, bool acts, FormErrors? errors = null, string? refusal = null, IReadOnlyList<SupervisionView>? items = null)
    {
        var user = shell.User;
        if (items is null && user is not null)
        {
            items = await supervisions.ForCaseAsync(caseId, user.Viewer, HttpContext.RequestAborted);
        }

        items ??= [];
        var current = items.FirstOrDefault(s => s.Status != SupervisionStatus.Closed);
        var manager = acts && user is not null && shell.Can(Policies.CanSupervise);
        var handling = acts && user is not null && user.IsInAnyRole(Roles.Mediator, Roles.Township);
        var panel = new SupervisionPanel(
            caseId,
            items,
            CanOpen: manager && current is null,
            CanFeedBack: handling && current is not null,
            CanEvaluate: manager && current is { Status: SupervisionStatus.FedBack },
            errors ?? FormErrors.None,
            refusal,
            supervisions.Today);
        return View(panel);
    }
}
