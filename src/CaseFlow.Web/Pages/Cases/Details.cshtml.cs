using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>The fields of every action form, as typed; each action reads its own.</summary>
public sealed class ActionForm
{
    public string? Reason { get; set; }

    public string? MediatorId { get; set; }

    public string? HeldAt { get; set; }

    public string? Summary { get; set; }

    public bool HumanResources { get; set; }

    public bool PoliticalLegal { get; set; }

    public bool Court { get; set; }

    public string? Note { get; set; }

    public string? Days { get; set; }

    public bool WorkerConsented { get; set; }

    public bool EmployerConsented { get; set; }

    public string? Amount { get; set; }

    public string? PaymentDueDate { get; set; }

    public string? Method { get; set; }

    public string? AmountRecovered { get; set; }

    public string? Body { get; set; }

    public string? ReferenceNumber { get; set; }

    public string? Outcome { get; set; }

    public string? Satisfaction { get; set; }

    public string? Color { get; set; }
}

/// <summary>
/// The case page: facts, masked parties with an audited reveal, colour and its reasons, clocks, timeline and one
/// form per workflow action, fired through the API's own action handler with the version the page was drawn from.
/// </summary>
public sealed class DetailsModel(
    CaseCommands commands, CaseQueries queries, PageQueries pageQueries, UserStore users, DeadlineCalculator calculator, TimeProvider time) : AppPageModel
{
    public static readonly IReadOnlyList<string> ReasonRequired = ["escalate", "riskRaised", "withdraw", "reject", "reopen"];

    [BindProperty]
    public ActionForm Form { get; set; } = new();

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
        var request = ToRequest(name, Form, errors);
        ActionOutcome outcome = errors.IsEmpty
            ? await CaseActions.FireAsync(id, name, request, version, errors, Me, Language, commands, queries, calculator, time, HttpContext.RequestAborted)
            : new ActionOutcome.Invalid(errors);
        switch (outcome)
        {
            case ActionOutcome.Done { Case: not null }:
                return Redirect($"/cases/{id}?done={Uri.EscapeDataString(name)}");
            case ActionOutcome.Done:
                return Redirect("/cases?moved=" + id.ToString(CultureInfo.InvariantCulture));
            case ActionOutcome.NotFound:
                return Status(StatusCodes.Status404NotFound);
            case ActionOutcome.Invalid invalid:
                Errors = new FormErrors(invalid.Errors, Language);
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case ActionOutcome.Refused refused:
                Problem = refused.Title;
                ProblemReasons = refused.Reasons;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case ActionOutcome.Conflict conflict:
                Problem = conflict.Title;
                Response.StatusCode = StatusCodes.Status409Conflict;
                // The fresh case is drawn below; the form's input is dropped with the stale version.
                Form = new ActionForm();
                name = "";
                break;
        }

        OpenAction = name;
        return await LoadAsync(id) ? Page() : Status(StatusCodes.Status404NotFound);
    }

    /// <summary>The API body for one action from the form; text that is not a number or a date is a field error.</summary>
    internal static CaseActionRequest ToRequest(string action, ActionForm f, ValidationErrors errors)
    {
        decimal? Dec(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }

            errors.Add(field, ValidationMessages.InvalidFormat);
            return null;
        }

        long? Long(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                return v;
            }

            errors.Add(field, ValidationMessages.InvalidFormat);
            return null;
        }

        int? Int(string? text, string field) => Long(text, field) is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

        string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

        DateTimeOffset? heldAt = null;
        if (action == "recordSession" && !string.IsNullOrWhiteSpace(f.HeldAt))
        {
            if (DateTime.TryParseExact(f.HeldAt.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                heldAt = new DateTimeOffset(local, ChinaTime.Offset);
            }
            else
            {
                errors.Add("session.heldAt", ValidationMessages.InvalidFormat);
            }
        }

        DateOnly? due = null;
        if (action == "reachAgreement" && !string.IsNullOrWhiteSpace(f.PaymentDueDate))
        {
            if (DateOnly.TryParseExact(f.PaymentDueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                due = date;
            }
            else
            {
                errors.Add("agreement.paymentDueDate", ValidationMessages.InvalidFormat);
            }
        }

        // Only the posted action's fields are read, so another action's leftovers cannot make this one fail.
        return new CaseActionRequest(
            Text(f.Reason),
            action == "accept" ? Long(f.MediatorId, "mediatorId") : null,
            action == "recordSession" ? new SessionRequest(heldAt, Text(f.Summary)) : null,
            action == "inviteParties" ? new InvitationRequest(f.HumanResources, f.PoliticalLegal, f.Court, Text(f.Note)) : null,
            action == "extendDeadline" ? new ExtensionRequest(Int(f.Days, "extension.days"), f.WorkerConsented, f.EmployerConsented) : null,
            action == "reachAgreement" ? new AgreementRequest(Dec(f.Amount, "agreement.amount"), due, Text(f.Method)) : null,
            action == "confirmPerformance" ? Dec(f.AmountRecovered, "amountRecovered") : null,
            action == "refer" ? new ReferralRequest(Text(f.Body), Text(f.ReferenceNumber)) : null,
            action == "closeReferral" ? Text(f.Outcome) : null,
            action == "recordFollowUp" ? new FollowUpRequest(Int(f.Satisfaction, "followUp.satisfaction"), Text(f.Note)) : null,
            action == "riskRaised" ? Text(f.Color) : null);
    }

    /// <summary>The referral bodies as the API names them (<c>labour_inspection</c>).</summary>
    public static IEnumerable<(string Code, Domain.Cases.ReferralBody Body)> Bodies =>
        Enum.GetValues<Domain.Cases.ReferralBody>().Select(b => (DbCode.Of(b), b));

    private async Task<bool> LoadAsync(long id)
    {
        var ct = HttpContext.RequestAborted;
        var detail = await queries.GetAsync(id, Me.UnitPath, ct);
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
            Mediators = await pageQueries.MediatorsAsync(Me, ct);
        }

        return true;
    }

    private async Task<IActionResult> DenyAsync()
    {
        await HttpContext.RequestServices.GetRequiredService<AccessDenials>()
            .RecordAsync(HttpContext, Me.ToAuditActor(), "This action needs another role.", HttpContext.RequestAborted);
        return Status(StatusCodes.Status403Forbidden);
    }

    private CaseActor Actor() => new(Me.Id, Me.Username, Me.UnitPath, Me.RemoteIp);
}
