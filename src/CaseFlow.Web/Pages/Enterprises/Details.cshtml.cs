using CaseFlow.Data.Enterprises;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Enterprises;

/// <summary>One employer across its disputes: figures, alerts, disputes by year and the cases the caller may open.</summary>
public sealed class DetailsModel(EnterpriseRegister register) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public EnterpriseDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        var detail = await register.GetAsync(id, Me.UnitPath, HttpContext.RequestAborted);
        if (detail is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Detail = detail;
        return Page();
    }
}
