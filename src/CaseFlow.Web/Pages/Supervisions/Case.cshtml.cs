using CaseFlow.Data.Cases;
using CaseFlow.Data.Supervision;
using CaseFlow.Domain.Supervision;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using CaseFlow.Web.Supervision;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Supervisions;

/// <summary>
/// The forms of the case page's supervision panel post here: open (manager), feed back (the handling unit's mediators
/// and township users), evaluate (manager). Done goes back to the case page; a refused form is shown again here
/// with its errors, with the API's checks and words.
/// </summary>
public sealed class CaseModel(SupervisionStore supervisions, CaseQueries queries, AccessDenials denials) : AppPageModel
{
    public long CaseId { get; private set; }

    public string CaseNumber { get; private set; } = "";

    public bool Acts { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id) =>
        await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostOpenAsync(long id, string? level, string? requirement, DateOnly? feedbackDueOn)
    {
        if (!Shell.Can(Policies.CanSupervise))
        {
            return await ForbidAsync("Only a county manager opens supervision.");
        }

        var errors = SupervisionEndpoints.CheckOpen(new OpenSupervisionRequest(level, requirement, feedbackDueOn), supervisions.Today);
        if (!errors.IsEmpty)
        {
            return await AgainAsync(id, errors, null);
        }

        return await WriteAsync(id, "supervision_open", async () =>
        {
            var created = await supervisions.OpenAsync(
                id, new NewSupervision(level == "key" ? SupervisionLevel.Key : SupervisionLevel.Normal, requirement!.Trim(), feedbackDueOn!.Value), Me.Actor, HttpContext.RequestAborted);
            return created is null ? SupervisionOutcome.AlreadyOpen : SupervisionOutcome.Done;
        });
    }

    public async Task<IActionResult> OnPostFeedbackAsync(long id, long supervisionId, string? actionTaken, string? progress)
    {
        if (!Me.IsInAnyRole(Roles.Mediator, Roles.Township))
        {
            return await ForbidAsync("Only the unit handling the case feeds back on a supervision.");
        }

        var body = new FeedbackRequest(actionTaken, progress);
        var errors = SupervisionEndpoints.CheckFeedback(body);
        if (!errors.IsEmpty)
        {
            return await AgainAsync(id, errors, null);
        }

        return await WriteAsync(id, "supervision_feedback", () =>
            supervisions.FeedBackAsync(id, supervisionId, new NewFeedback(actionTaken!.Trim(), progress!.Trim()), Me.Actor, Me.UnitId, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostEvaluateAsync(long id, long supervisionId, bool? satisfied, string? comment, DateOnly? newFeedbackDueOn)
    {
        if (!Shell.Can(Policies.CanSupervise))
        {
            return await ForbidAsync("Only a county manager evaluates a supervision.");
        }

        var body = new EvaluationRequest(satisfied, comment, newFeedbackDueOn);
        var errors = SupervisionEndpoints.CheckEvaluation(body, supervisions.Today);
        if (!errors.IsEmpty)
        {
            return await AgainAsync(id, errors, null);
        }

        return await WriteAsync(id, satisfied == true ? "supervision_closed" : "supervision_sent_back", () =>
            supervisions.EvaluateAsync(id, supervisionId, SupervisionEndpoints.ToEvaluation(body), Me.Actor, HttpContext.RequestAborted));
    }

    private async Task<IActionResult> WriteAsync(long id, string done, Func<Task<SupervisionOutcome>> write)
    {
        SupervisionOutcome outcome;
        try
        {
            outcome = await write();
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(HttpContext, Me, id, HttpContext.RequestAborted);
            return Status(StatusCodes.Status404NotFound);
        }

        if (outcome == SupervisionOutcome.NotFound)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        if (SupervisionEndpoints.Refusal(outcome) is { } refusal)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return await LoadAsync(id) ? ShowWith(null, ValidationMessages.Format(refusal.Key, Language, [])) : Status(StatusCodes.Status404NotFound);
        }

        return Redirect($"/cases/{id}?done={done}#supervision");
    }

    private async Task<IActionResult> AgainAsync(long id, ValidationErrors errors, string? refusal)
    {
        if (!await LoadAsync(id))
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return ShowWith(new FormErrors(errors, Language), refusal);
    }

    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult ShowWith(FormErrors? errors, string? refusal)
    {
        Errors = errors ?? FormErrors.None;
        Refusal = refusal;
        return Page();
    }

    private async Task<IActionResult> ForbidAsync(string reason)
    {
        await denials.RecordAsync(HttpContext, Me.ToAuditActor(), reason, HttpContext.RequestAborted);
        return Status(StatusCodes.Status403Forbidden);
    }

    private async Task<bool> LoadAsync(long id)
    {
        var detail = await queries.GetAsync(id, Me.Viewer, HttpContext.RequestAborted);
        if (detail is null)
        {
            await denials.NotVisibleAsync(HttpContext, Me, id, HttpContext.RequestAborted);
            return false;
        }

        CaseId = id;
        CaseNumber = detail.Number;
        Acts = detail.Access == CaseAccess.Act;
        return true;
    }
}
