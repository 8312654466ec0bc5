using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Cases;
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
    CaseCommands commands, CaseQueries queries, PageQueries pageQueries, Data.Partners.PartnerStore partners, DeadlineCalculator calculator, TimeProvider time) : AppPageModel
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

    public bool CanReveal => Shell.Can(Policies.CanRevealPersonalData) && (!Me.IsPartner || PartnerKinds.MayReveal(Me.PartnerKind));

    /// <summary>A township or manager acting on the case may share it and withdraw its shares.</summary>
    public bool CanShare => Shell.Can(Policies.CanShareCases) && Detail.Access == CaseAccess.Act;

    /// <summary>Notes: whoever acts on the case, and the partners it is shared with.</summary>
    public bool CanNote => Detail.Access is CaseAccess.Act or CaseAccess.Partner;

    /// <summary>The county's partner organisations, for the share form.</summary>
    public IReadOnlyList<Data.Partners.PartnerOrg> Partners { get; private set; } = [];

    public async Task<IActionResult> OnPostShareAsync(long id, long? partnerOrgId, string? reason) =>
        await LinkAsync(id, partnerOrgId, reason, share: true);

    public async Task<IActionResult> OnPostWithdrawAsync(long id, long? partnerOrgId, string? reason) =>
        await LinkAsync(id, partnerOrgId, reason, share: false);

    public async Task<IActionResult> OnPostNoteAsync(long id, string? text)
    {
        var errors = new ValidationErrors();
        errors.Required("text", text);
        errors.MaxLength("text", text, CaseFlow.Web.Partners.PartnerEndpoints.MaxNote);
        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
        }

        try
        {
            await partners.AddNoteAsync(id, text!.Trim(), Me.Actor, HttpContext.RequestAborted);
        }
        catch (CaseNotFoundException)
        {
            return await NotVisibleAsync(id);
        }
        catch (Data.Partners.CaseReadOnlyException)
        {
            return await DenyAsync();
        }

        return Redirect($"/cases/{id}?done=note");
    }

    public async Task<IActionResult> OnPostAttendAsync(long id, long sessionId)
    {
        if (!Me.IsPartner)
        {
            return await DenyAsync();
        }

        try
        {
            await partners.RecordAttendanceAsync(id, sessionId, Me.Actor, HttpContext.RequestAborted);
        }
        catch (CaseNotFoundException)
        {
            return await NotVisibleAsync(id);
        }

        return Redirect($"/cases/{id}?done=attendance");
    }

    private async Task<IActionResult> LinkAsync(long id, long? partnerOrgId, string? reason, bool share)
    {
        if (!Shell.Can(Policies.CanShareCases))
        {
            return await DenyAsync();
        }

        var errors = new ValidationErrors();
        errors.Required("partnerOrgId", partnerOrgId);
        errors.Required("reason", reason);
        errors.MaxLength("reason", reason, CaseFlow.Web.Partners.PartnerEndpoints.MaxReason);
        Data.Partners.ShareOutcome outcome = Data.Partners.ShareOutcome.Unchanged;
        if (errors.IsEmpty)
        {
            try
            {
                outcome = share
                    ? await partners.ShareAsync(id, partnerOrgId!.Value, reason!.Trim(), Me.Actor, HttpContext.RequestAborted)
                    : await partners.WithdrawAsync(id, partnerOrgId!.Value, reason!.Trim(), Me.Actor, HttpContext.RequestAborted);
            }
            catch (CaseNotFoundException)
            {
                return await NotVisibleAsync(id);
            }

            if (outcome == Data.Partners.ShareOutcome.UnknownPartner)
            {
                errors.Add("partnerOrgId", ValidationMessages.UnknownValue, "");
            }
        }

        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
        }

        return Redirect($"/cases/{id}?done={(share ? "share" : "unshare")}");
    }

    private async Task<IActionResult> NotVisibleAsync(long id)
    {
        await HttpContext.RequestServices.GetRequiredService<AccessDenials>().NotVisibleAsync(HttpContext, Me, id, HttpContext.RequestAborted);
        return Status(StatusCodes.Status404NotFound);
    }

    public async Task<IActionResult> OnGetAsync(long id) =>
        await LoadAsync(id) ? Page() : await NotVisibleAsync(id);

    public async Task<IActionResult> OnPostRevealAsync(long id, string? purpose)
    {
        if (!CanReveal)
        {
            return await DenyAsync();
        }

        var errors = CaseEndpoints.ValidatePurpose(purpose);
        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            Revealed = await queries.RevealAsync(id, Actor(), purpose!.Trim(), HttpContext.RequestAborted);
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
                // The case left my units: the workbench names it and the unit it went to, read once here, where the
                // action on it was just allowed (the address alone must not tell anyone another unit's case).
                if (await queries.GetAsync(id, "/", HttpContext.RequestAborted) is { } moved)
                {
                    TempData[MovedCase.Key] = MovedCase.Write(new MovedCase(moved.Id, moved.Number, moved.UnitName, name));
                }

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

        // One connection for the case, its mediator, its referral and its supervisions (CasePageQuery).
        var data = await HttpContext.RequestServices.GetRequiredService<CasePageQuery>().GetAsync(id, Me.Viewer, ct);
        if (data is null)
        {
            return false;
        }

        var detail = data.Detail;
        Now = time.GetUtcNow();
        Detail = detail;
        View = CaseJson.From(detail, Me, Language, Now);
        MediatorName = detail.MediatorUserId is null ? null : data.MediatorName;
        Referral = data.Referral;
        Supervisions = data.Supervisions;

        var shares = detail.Access == CaseAccess.Act && Shell.Can(Policies.CanShareCases);
        var refers = detail.Access == CaseAccess.Act && View.Actions.Any(a => a is { Name: "refer", Allowed: true });
        if (shares || refers)
        {
            // The share form and the refer form offer the same county's partners: read once.
            var orgs = await partners.OrgsAsync(Me.CountyId, ct);
            Partners = shares ? orgs : [];
            ReferralPartners = refers ? [.. orgs.Where(p => ReferralPanel.Referrable.Contains(p.Kind))] : [];
        }

        if (View.Actions.Any(a => a is { Name: "accept", Allowed: true }))
        {
            Mediators = await pageQueries.MediatorsAsync(detail.UnitId, ct);
        }

        return true;
    }

    /// <summary>The case's supervisions, read with the case, for the supervision panel.</summary>
    public IReadOnlyList<Data.Supervision.SupervisionView> Supervisions { get; private set; } = [];

    /// <summary>The case's latest referral, its clocks and its answer.</summary>
    public Data.Partners.ReferralView? Referral { get; private set; }

    /// <summary>The county's partner organisations a referral may be addressed to, for the refer form.</summary>
    public IReadOnlyList<Data.Partners.PartnerOrg> ReferralPartners { get; private set; } = [];

    /// <summary>The open referral is this user's to answer: its partner's, or (outside CaseFlow) the referring unit's.</summary>
    public bool CanAnswerReferral => Referral is { ClosedAt: null } r && CaseFlow.Web.Partners.ReferralEndpoints.MayAnswer(Me)
        && (r.PartnerOrgId is { } org ? Me.PartnerOrgId == org && Detail.Access == CaseAccess.Partner : Detail.Access == CaseAccess.Act);

    private Data.Partners.ReferralStore ReferralStore => HttpContext.RequestServices.GetRequiredService<Data.Partners.ReferralStore>();

    public async Task<IActionResult> OnPostAcknowledgeAsync(long id, string? referenceNumber)
    {
        var errors = CaseFlow.Web.Partners.ReferralEndpoints.ValidateAcknowledgement(referenceNumber);
        return await AnswerReferralAsync(id, errors, "acknowledge", () => ReferralStore.AcknowledgeAsync(id, referenceNumber!.Trim(), Me.Actor, HttpContext.RequestAborted));
    }

    public async Task<IActionResult> OnPostReferralOutcomeAsync(long id, string? outcome, string? note, int? version)
    {
        var errors = CaseFlow.Web.Partners.ReferralEndpoints.ValidateOutcome(outcome, note);
        return await AnswerReferralAsync(id, errors, "referralOutcome", () => ReferralStore.RecordOutcomeAsync(id, version, outcome!.Trim(), note?.Trim(), Me.Actor, HttpContext.RequestAborted));
    }

    private async Task<IActionResult> AnswerReferralAsync(long id, ValidationErrors errors, string done, Func<Task<Data.Partners.ReferralAnswer>> answer)
    {
        if (!CaseFlow.Web.Partners.ReferralEndpoints.MayAnswer(Me))
        {
            return await DenyAsync();
        }

        if (errors.IsEmpty)
        {
            try
            {
                switch (await answer())
                {
                    case Data.Partners.ReferralAnswer.Done:
                        return Redirect($"/cases/{id}?done={done}");
                    case Data.Partners.ReferralAnswer.NotYours:
                        return await DenyAsync();
                    case Data.Partners.ReferralAnswer.UnknownOutcome:
                        errors.Add("outcome", ValidationMessages.UnknownValue, "");
                        break;
                    default:
                        Problem = CaseFlow.Web.Partners.ReferralEndpoints.Words.Step(await ReferralStore.CurrentAsync(id, Me.Viewer, HttpContext.RequestAborted), Language);
                        Response.StatusCode = StatusCodes.Status409Conflict;
                        break;
                }
            }
            catch (CaseNotFoundException)
            {
                return await NotVisibleAsync(id);
            }
            catch (CaseConcurrencyException)
            {
                Problem = CaseFlow.Web.Partners.ReferralEndpoints.Words.Conflict(Language);
                Response.StatusCode = StatusCodes.Status409Conflict;
            }
        }

        if (!errors.IsEmpty)
        {
            Errors = new FormErrors(errors, Language);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
    }

    private async Task<IActionResult> DenyAsync()
    {
        await HttpContext.RequestServices.GetRequiredService<AccessDenials>()
            .RecordAsync(HttpContext, Me.ToAuditActor(), "This action needs another role.", HttpContext.RequestAborted);
        return Status(StatusCodes.Status403Forbidden);
    }

    private CaseActor Actor() => Me.Actor;
}
