using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Pages.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Inbox;

/// <summary>
/// The township inbox: cases waiting for my unit to accept them, the acceptance time that runs out first on top;
/// accept and assign a mediator in one step (the API's accept action).
/// </summary>
public sealed class IndexModel(
    CaseCommands commands, CaseQueries queries, PageQueries pageQueries, Domain.Calendar.DeadlineCalculator calculator, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public IReadOnlyList<MediatorChoice> Mediators { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The case whose accept form was posted, its errors and any refusal.</summary>
    public long? FailedCase { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? Problem { get; private set; }

    public IReadOnlyList<string> ProblemReasons { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Accepted { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAcceptAsync(long id, int? version)
    {
        // The inbox row posts the accept action's own fields, unprefixed (mediatorId, reason).
        var errors = new ValidationErrors();
        var accept = CaseActionRegistry.For(Domain.Cases.CaseTrigger.Accept)!;
        var request = accept.FromForm(new FormFields(Request.Form, "", errors));
        var outcome = errors.IsEmpty
            ? await CaseActions.FireAsync(id, accept.Name, request, version, errors, Me, Language, commands, queries, calculator, time, HttpContext.RequestAborted)
            : new ActionOutcome.Invalid(errors);
        if (ActionOutcomes.ToPage(outcome, Language) is not { } problem)
        {
            return Redirect(outcome is ActionOutcome.Done { Case: { } done } ? "/inbox?accepted=" + Uri.EscapeDataString(done.Number) : "/inbox");
        }

        Errors = problem.Errors is { } invalid ? new FormErrors(invalid, Language) : FormErrors.None;
        Problem = problem.Status == StatusCodes.Status404NotFound ? T("该案件已不在您的待受理列表中。", "That case is no longer in your inbox.") : problem.Title;
        ProblemReasons = problem.Reasons;
        Response.StatusCode = problem.Status;
        FailedCase = id;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Now = time.GetUtcNow();
        Items = await queries.InboxAsync(Me.UnitId, Me.UnitPath, ct);
        Shell.InboxCount = Me.IsInRole(Roles.Township) ? Items.Count : Shell.InboxCount;
        Mediators = Items.Count == 0 ? [] : await pageQueries.MediatorsAsync(Me.UnitId, ct);
    }
}
