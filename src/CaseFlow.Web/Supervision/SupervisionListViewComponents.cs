using CaseFlow.Data.Supervision;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Pages;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Supervision;

/// <summary>
/// The township inbox's and the mediator workbench's list of their cases under supervision that still owe feedback
/// or wait for evaluation, overdue first. Renders nothing for a user who acts on no case or has none supervised.
/// </summary>
public sealed class SupervisionInboxViewComponent(SupervisionStore supervisions, PageShell shell) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (shell.User is not { IsPartner: false } user || !user.IsInAnyRole(Roles.Mediator, Roles.Township))
        {
            return Content("");
        }

        var items = await supervisions.ListAsync(user.Viewer, new SupervisionFilter(OpenOnly: true), HttpContext.RequestAborted);
        return items.Count == 0 ? Content("") : View(items);
    }
}

/// <summary>The dashboard's supervision section: supervisions not closed, feedback overdue, and both by handling unit.</summary>
public sealed class SupervisionFiguresViewComponent(SupervisionStore supervisions, PageShell shell) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (shell.User is not { } user)
        {
            return Content("");
        }

        return View(await supervisions.FiguresAsync(user.UnitPath, HttpContext.RequestAborted));
    }
}
