using CaseFlow.Data.Screening;
using CaseFlow.Web.Auth;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Screening;

/// <summary>The dashboard's "screened at risk, no case yet" figure and its first few employers, linking to the full list.</summary>
public sealed class ScreenedAtRiskViewComponent(ScreeningStore screening) : ViewComponent
{
    public const int Shown = 5;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var user = CurrentUser.From(HttpContext);
        IReadOnlyList<ScreeningRecord> records = user is null ? [] : await screening.AtRiskWithoutCaseAsync(user.UnitPath, HttpContext.RequestAborted);
        return View(records);
    }
}
