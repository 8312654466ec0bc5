using CaseFlow.Data.Screening;
using CaseFlow.Domain;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using CaseFlow.Web.Screening;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Screening;

/// <summary>The county's screening rounds (三级摸排): how many towns and grids reported each; a manager opens a month's round.</summary>
public sealed class IndexModel(ScreeningStore screening, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public IReadOnlyList<RoundSummary> Rounds { get; private set; } = [];

    public string ThisMonth => ChinaTime.DateOf(time.GetUtcNow()).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public string? Period { get; private set; }

    public ValidationErrors Errors { get; private set; } = new();

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done)
    {
        Done = done;
        Rounds = await screening.RoundsAsync(Me.CountyId, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostOpenAsync(string? period)
    {
        if (!Shell.Can(Policies.CanSupervise))
        {
            return Status(StatusCodes.Status403Forbidden);
        }

        Period = period;
        Errors = ScreeningEndpoints.ValidatePeriod(period, time);
        if (!Errors.IsEmpty)
        {
            Rounds = await screening.RoundsAsync(Me.CountyId, HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (outcome, id) = await screening.OpenRoundAsync(Me.CountyId, period!, Me.ToAuditActor(), HttpContext.RequestAborted);
        return Redirect($"/screening/{id}?done={(outcome == ScreeningOutcome.Exists ? "exists" : "opened")}");
    }

    public string? ErrorOf(string field) => Errors.Errors.FirstOrDefault(e => e.Field == field) is { } e ? PageText.Message(e, Language) : null;
}
