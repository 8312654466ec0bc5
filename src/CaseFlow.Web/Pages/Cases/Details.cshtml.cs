using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>
/// The case page: facts, masked parties with an audited reveal, colour and its reasons, clocks, timeline and one
/// form per workflow action, fired through the API's own action handler with the version the page was drawn from.
/// </summary>
public sealed class DetailsModel(
    CaseCommands commands, CaseQueries queries, PageQueries pageQueries, UserStore users, DeadlineCalculator calculator, TimeProvider time) : AppPageModel
{
    public CaseDetail Detail { get; private set; } = null!;

    public CaseView View { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public string? MediatorName { get; private set; }

    public IReadOnlyList<MediatorChoice> Mediators { get; private set; } = [];

    /// <summary>The clear numbers, in the response to a reveal only.</summary>
    public IReadOnlyList<RevealedWorker>? Revealed { get; private set; }

    /// <summary>The action whose form was posted and is shown again (with its errors).</summary>
    public string? OpenAction { get; private set; }

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>Why the last action was refused or did not apply (a stale version), with the reasons.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<string> ProblemReasons { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Just registered (<c>?registered=1</c>): the page says so above the grade.</summary>
    public bool Registered => Request.Query["registered"] == "1";

    public bool CanReveal => Shell.Can(Policies.CanRevealPersonalData);

    public async Task<IActionResult> OnGetAsync(long id) =>
        await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);

    public async Task<IActionResult> OnPostRevealAsync(long id, string? purpose)
    {
        if (!CanReveal)
        {
            return await DenyAsync();
        }

        var errors = new ValidationErrors();
        errors.MaxLength("purpose", purpose, 200);
        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
        }
        else
        {
            Revealed = await queries.RevealAsync(id, Actor(), purpose, HttpContext.RequestAborted);
            if (Revealed is null)
            {
                return Status(StatusCodes.Status404NotFound);
            }
        }

        return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
    }

    public async Task<IActionResult> OnPostActAsync(long id, string? action, int? version)
    {
        if (!Shell.Can(Policies.CanActOnCases))
        {
            return await DenyAsync();
        }

        var name = action ?? "";
        var errors = new ValidationErrors();
        var request = CaseActionRegistry.Find(name)?.FromForm(new FormFields(Request.Form, ActionFormView.Prefix, errors)) ?? CaseActionRequest.Empty;
        var outcome = errors.IsEmpty
            ? await CaseActions.FireAsync(id, name, request, version, errors, Me, Language, commands, queries, calculator, time, HttpContext.RequestAborted)
            : new ActionOutcome.Invalid(errors);
        switch (ActionOutcomes.ToPage(outcome, Language))
        {
            case null when outcome is ActionOutcome.Done { Case: not null }:
                return Redirect($"/cases/{id}?done={Uri.EscapeDataString(name)}");
            case null:
                return Redirect("/cases?moved=" + id.ToString(CultureInfo.InvariantCulture));
            case { Status: StatusCodes.Status404NotFound }:
                return Status(StatusCodes.Status404NotFound);
            case var problem:
                Errors = problem.Errors is { } invalid ? new FormErrors(invalid, Language) : FormErrors.None;
                Problem = problem.Title;
                ProblemReasons = problem.Reasons;
                Response.StatusCode = problem.Status;

                // After a conflict the fresh case is drawn below; the form's input is dropped with the stale version.
                OpenAction = problem.Status == StatusCodes.Status409Conflict ? null : name;
                break;
        }

        return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
    }

    /// <summary>What the partial of one action form draws with.</summary>
    internal ActionFormView FormView(CaseAction action) =>
        new(action, this, OpenAction == action.Name, Errors, Request.HasFormContentType ? Request.Form : null, Now, Mediators);

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var detail = await queries.GetAsync(id, Me.Viewer, ct);
        if (detail is null)
        {
            return false;
        }

        Now = time.GetUtcNow();
        Detail = detail;
        View = CaseJson.From(detail, Me, Language, Now);
        if (detail.MediatorUserId is { } mediator)
        {
            MediatorName = (await users.FindByIdAsync(mediator, ct))?.DisplayName;
        }

        if (View.Actions.Any(a => a is { Name: "accept", Allowed: true }))
        {
            Mediators = await pageQueries.MediatorsAsync(detail.UnitId, ct);
        }

        return true;
    }

    private async Task<IActionResult> DenyAsync()
    {
        await HttpContext.RequestServices.GetRequiredService<AccessDenials>()
            .RecordAsync(HttpContext, Me.ToAuditActor(), "This action needs another role.", HttpContext.RequestAborted);
        return Status(StatusCodes.Status403Forbidden);
    }

    private CaseActor Actor() => Me.Actor;
}
