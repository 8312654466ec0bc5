using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages;

/// <summary>The home page: each role's own first page.</summary>
public sealed class IndexModel : AppPageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(Me));

    internal static string HomeOf(CurrentUser user) =>
        user.IsInAnyRole(Roles.Mediator, Roles.Township, Roles.Partner) ? "/cases"
        : user.IsInRole(Roles.Manager) ? "/dashboard"
        : user.IsInAnyRole(Roles.Auditor, Roles.Admin) ? "/audit"
        : "/workflow";
}
