using CaseFlow.Data.Screening;
using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Pages.Screening;

/// <summary>Employers of the caller's area screened at risk with no case yet: the warning before any dispute is filed.</summary>
public sealed class AtRiskModel(ScreeningStore screening) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public IReadOnlyList<ScreeningRecord> Records { get; private set; } = [];

    public async Task OnGetAsync() => Records = await screening.AtRiskWithoutCaseAsync(Me.UnitPath, HttpContext.RequestAborted);
}
