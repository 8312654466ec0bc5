using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages;

/// <summary>Sign-out (POST only, with the form token): audited like the API's.</summary>
public sealed class LogoutModel(Database database, AuditWriter audit) : AppPageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await AuthApi.SignOutAsync(HttpContext, Me, database, audit, HttpContext.RequestAborted);
        return Redirect("/login");
    }
}
