using CaseFlow.Data.Enterprises;
using CaseFlow.Domain;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Enterprises;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Enterprises;

/// <summary>
/// One employer across its disputes: figures, alerts, disputes by year, the cases the caller may open, and its legal
/// health checks (法律体检) with their follow-ups, which a user of the employer's area may mark done.
/// </summary>
public sealed class DetailsModel(EnterpriseRegister register, HealthCheckStore checks, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public EnterpriseDetail Detail { get; private set; } = null!;

    /// <summary>The employer's checks, or null when it is not located in the caller's area (the section is then left out).</summary>
    public IReadOnlyList<HealthCheck>? Checks { get; private set; }

    public DateOnly Today { get; private set; }

    public string? Done { get; private set; }

    public ValidationErrors Errors { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(long id, string? done)
    {
        Done = done;
        return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
    }

    public async Task<IActionResult> OnPostFollowUpDoneAsync(long id, long followUpId, string? note)
    {
        var errors = HealthCheckEndpoints.ValidateDone(new FollowUpDoneRequest(note));
        if (!errors.IsEmpty)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
        }

        var outcome = await checks.CompleteAsync(followUpId, Me.UnitPath, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Me.ToAuditActor(), HttpContext.RequestAborted);
        return outcome switch
        {
            FollowUpOutcome.NotFound => Status(StatusCodes.Status404NotFound),
            FollowUpOutcome.AlreadyDone => Redirect($"/enterprises/{id}?done=already#health-checks"),
            _ => Redirect($"/enterprises/{id}?done=followup#health-checks"),
        };
    }

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var detail = await register.GetAsync(id, Me.UnitPath, ct);
        if (detail is null)
        {
            return false;
        }

        Detail = detail;
        Checks = await checks.ForEnterpriseAsync(id, Me.UnitPath, ct);
        Today = ChinaTime.DateOf(time.GetUtcNow());
        return true;
    }

    public string? ErrorOf(string field) => Errors.Errors.FirstOrDefault(e => e.Field == field) is { } e ? PageText.Message(e, Language) : null;
}
