using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Workflow;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases;

/// <summary>
/// The body of <c>POST /api/v1/cases/{id}/actions/{action}</c>: <c>reason</c> and the fields of the one action fired.
/// </summary>
public sealed record CaseActionRequest(
    string? Reason,
    long? MediatorId,
    SessionRequest? Session,
    InvitationRequest? Invitation,
    ExtensionRequest? Extension,
    AgreementRequest? Agreement,
    decimal? AmountRecovered,
    ReferralRequest? Referral,
    string? Outcome,
    FollowUpRequest? FollowUp,
    string? Color);

public sealed record SessionRequest(DateTimeOffset? HeldAt, string? Summary);

public sealed record InvitationRequest(bool HumanResources, bool PoliticalLegal, bool Court, string? Note);

public sealed record ExtensionRequest(int? Days, bool WorkerConsented, bool EmployerConsented);

public sealed record AgreementRequest(decimal? Amount, DateOnly? PaymentDueDate, string? Method);

public sealed record ReferralRequest(string? Body, string? ReferenceNumber);

public sealed record FollowUpRequest(int? Satisfaction, string? Note);

/// <summary>What became of an action: the API answers it with a status, the pages with a message.</summary>
internal abstract record ActionOutcome
{
    private ActionOutcome()
    {
    }

    /// <summary>Fired; the case as the caller now sees it, or null when it left the caller's units.</summary>
    public sealed record Done(CaseDetail? Case) : ActionOutcome;

    public sealed record Invalid(ValidationErrors Errors) : ActionOutcome;

    /// <summary>The role or the workflow refuses the action, with the reasons to show.</summary>
    public sealed record Refused(string Title, IReadOnlyList<string> Reasons) : ActionOutcome;

    /// <summary>The case changed since the caller saw it.</summary>
    public sealed record Conflict(string Title) : ActionOutcome;

    public sealed record NotFound : ActionOutcome;
}

/// <summary>Firing workflow triggers through the API, and describing which ones the caller may fire.</summary>
internal static class CaseActions
{
    public const int MaxText = 2000;

    /// <summary>Triggers only the timers fire; shown on the case, never allowed to a person.</summary>
    private static readonly HashSet<CaseTrigger> SystemOnly = [CaseTrigger.DeadlineElapsed, CaseTrigger.PerformanceOverdue, CaseTrigger.Grade];

    private static readonly IReadOnlyList<string> Colors = RegisterCase.Names<RiskColor>();

    private static readonly IReadOnlyList<string> Bodies = [.. Enum.GetValues<ReferralBody>().Select(b => Data.DbCode.Of(b))];

    /// <summary>The API name of a trigger: camelCase (<c>recordSession</c>).</summary>
    public static string NameOf(CaseTrigger trigger) => JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString());

    public static ActionView Describe(TriggerInfo<CaseTrigger> info, CaseState state, CurrentUser user, MessageLanguage language)
    {
        var name = NameOf(info.Trigger);
        if (SystemOnly.Contains(info.Trigger))
        {
            return new ActionView(name, false, [language == MessageLanguage.English ? "Only the system does this, when a time limit passes." : "由系统在时限届满时自动执行。"]);
        }

        if (RoleRefusal(info.Trigger, user, language) is { } refusal)
        {
            return new ActionView(name, false, [refusal]);
        }

        return new ActionView(name, info.Allowed, info.Allowed ? [] : WorkflowReasons.For(info.Reasons, state, language));
    }

    public static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        long id,
        string action,
        CaseActionRequest? body,
        HttpContext http,
        CurrentUser user,
        CaseCommands commands,
        CaseQueries queries,
        DeadlineCalculator calculator,
        TimeProvider time,
        CancellationToken ct)
    {
        var language = RequestLanguage.Of(http.Request);
        var request = body ?? new CaseActionRequest(null, null, null, null, null, null, null, null, null, null, null);
        var errors = new ValidationErrors();
        if (!CaseJson.TryParseIfMatch(http.Request.Headers.IfMatch, out var expected))
        {
            errors.Add("If-Match", ValidationMessages.InvalidFormat);
        }

        var outcome = await FireAsync(id, action, request, expected, errors, user, language, commands, queries, calculator, time, ct);
        switch (outcome)
        {
            case ActionOutcome.Invalid invalid:
                return invalid.Errors.ToProblem(language);
            case ActionOutcome.Refused refused:
                return Refused(refused.Title, refused.Reasons);
            case ActionOutcome.Conflict conflict:
                return TypedResults.Problem(title: conflict.Title, statusCode: StatusCodes.Status409Conflict);
            case ActionOutcome.Done { Case: { } detail }:
                http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
                return TypedResults.Ok(CaseJson.From(detail, user, language, time.GetUtcNow()));
            default:
                // Not found, or the action moved the case out of the caller's units (an escalation above them).
                return TypedResults.NotFound();
        }
    }

    /// <summary>
    /// Checks the action's fields and the caller's role, fires it and reads the case back: the one path the API and
    /// the pages share.
    /// </summary>
    /// <param name="errors">Errors the caller already found in its own envelope (a bad If-Match); reported with these.</param>
    internal static async Task<ActionOutcome> FireAsync(
        long id,
        string action,
        CaseActionRequest request,
        int? expectedVersion,
        ValidationErrors errors,
        CurrentUser user,
        MessageLanguage language,
        CaseCommands commands,
        CaseQueries queries,
        DeadlineCalculator calculator,
        TimeProvider time,
        CancellationToken ct)
    {
        var trigger = Enum.GetValues<CaseTrigger>().Cast<CaseTrigger?>().FirstOrDefault(t => NameOf(t!.Value) == action);
        if (trigger is null)
        {
            errors.Add("action", ValidationMessages.UnknownValue, string.Join(", ", Enum.GetValues<CaseTrigger>().Where(t => !SystemOnly.Contains(t)).Select(NameOf)));
            return new ActionOutcome.Invalid(errors);
        }

        errors.MaxLength("reason", request.Reason, MaxText);
        var act = Bind(trigger.Value, request, errors, time.GetUtcNow(), calculator.ReopenWindowDays);
        if (!errors.IsEmpty)
        {
            return new ActionOutcome.Invalid(errors);
        }

        if (SystemOnly.Contains(trigger.Value) || RoleRefusal(trigger.Value, user, language) is not null)
        {
            var refusal = SystemOnly.Contains(trigger.Value)
                ? (language == MessageLanguage.English ? "Only the system does this, when a time limit passes." : "由系统在时限届满时自动执行。")
                : RoleRefusal(trigger.Value, user, language)!;
            return new ActionOutcome.Refused(refusal, [refusal]);
        }

        if (trigger == CaseTrigger.Accept && !await queries.IsAssignableMediatorAsync(request.MediatorId!.Value, user.UnitPath, ct))
        {
            return new ActionOutcome.Invalid(errors.Add("mediatorId", ValidationMessages.UnknownMediator));
        }

        try
        {
            await commands.ActAsync(id, expectedVersion, new CaseActor(user.Id, user.Username, user.UnitPath, user.RemoteIp), act!, request.Reason?.Trim(), ct);
        }
        catch (CaseNotFoundException)
        {
            return new ActionOutcome.NotFound();
        }
        catch (CaseConcurrencyException)
        {
            return new ActionOutcome.Conflict(language == MessageLanguage.English
                ? "Someone else changed this case first. Reload it and try again."
                : "该案件已被他人修改，请刷新后重试。");
        }
        catch (InvalidTransitionException<CaseState, CaseTrigger> e)
        {
            var title = language == MessageLanguage.English ? "This action is not allowed now." : "当前状态下不能执行该操作。";
            return new ActionOutcome.Refused(title, WorkflowReasons.For(e.Reasons, e.State, language));
        }

        // Null when the action moved the case out of the caller's units (an escalation above them): done, and no longer theirs to see.
        return new ActionOutcome.Done(await queries.GetAsync(id, user.UnitPath, ct));
    }

    private static ProblemHttpResult Refused(string title, IReadOnlyList<string> reasons) =>
        TypedResults.Problem(
            title: title,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["reasons"] = reasons });

    /// <summary>Why this user's role may not fire the trigger at all, or null.</summary>
    private static string? RoleRefusal(CaseTrigger trigger, CurrentUser user, MessageLanguage language)
    {
        if (!user.IsInAnyRole(Roles.Mediator, Roles.Township, Roles.Manager))
        {
            return language == MessageLanguage.English ? "Your role does not act on cases." : "您的角色不能办理案件。";
        }

        // Raising a case's colour by hand overrides the rules: a county manager's decision (DESIGN §5).
        if (trigger == CaseTrigger.RiskRaised && !user.IsInRole(Roles.Manager))
        {
            return language == MessageLanguage.English ? "Only a county manager may raise a case's colour." : "仅县级管理人员可以调高预警颜色。";
        }

        return null;
    }

    /// <summary>Checks the trigger's own fields and returns the aggregate call to make, or null after recording errors.</summary>
    private static Action<DisputeCase, CaseRouting, ActionContext>? Bind(
        CaseTrigger trigger, CaseActionRequest r, ValidationErrors errors, DateTimeOffset now, int reopenWindowDays)
    {
        switch (trigger)
        {
            case CaseTrigger.Accept:
                if (errors.Required("mediatorId", r.MediatorId))
                {
                    errors.InRange("mediatorId", r.MediatorId, 1, long.MaxValue);
                }

                return (c, _, ctx) => c.Accept(r.MediatorId!.Value, ctx);
            case CaseTrigger.RecordSession:
                if (r.Session is null)
                {
                    errors.Add("session", ValidationMessages.Required);
                    return null;
                }

                errors.Required("session.summary", r.Session.Summary);
                errors.MaxLength("session.summary", r.Session.Summary, MaxText);
                if (r.Session.HeldAt > now.AddMinutes(5))
                {
                    errors.Add("session.heldAt", ValidationMessages.DateInFuture);
                }

                return (c, _, ctx) => c.RecordSession(new MediationSession(r.Session.HeldAt ?? ctx.Now, r.Session.Summary!.Trim()), ctx);
            case CaseTrigger.InviteParties:
                if (r.Invitation is null)
                {
                    errors.Add("invitation", ValidationMessages.Required);
                    return null;
                }

                errors.MaxLength("invitation.note", r.Invitation.Note, MaxText);
                return (c, _, ctx) => c.InviteParties(new PartyInvitation(r.Invitation.HumanResources, r.Invitation.PoliticalLegal, r.Invitation.Court, r.Invitation.Note), ctx);
            case CaseTrigger.ExtendDeadline:
                if (r.Extension is null)
                {
                    errors.Add("extension", ValidationMessages.Required);
                    return null;
                }

                if (errors.Required("extension.days", r.Extension.Days))
                {
                    errors.InRange("extension.days", r.Extension.Days, 1, 30);
                }

                return (c, _, ctx) => c.ExtendDeadline(new DeadlineExtension(r.Extension.Days!.Value, r.Extension.WorkerConsented, r.Extension.EmployerConsented), ctx);
            case CaseTrigger.Escalate:
                errors.Required("reason", r.Reason);
                return (c, routing, ctx) => c.Escalate(routing, ctx);
            case CaseTrigger.RiskRaised:
                errors.Required("reason", r.Reason);
                if (errors.Required("color", r.Color))
                {
                    errors.OneOf("color", r.Color, Colors);
                }

                return (c, routing, ctx) => c.OverrideRisk(RegisterCase.Parse<RiskColor>(r.Color!), routing, ctx);
            case CaseTrigger.ReachAgreement:
                if (r.Agreement is null)
                {
                    errors.Add("agreement", ValidationMessages.Required);
                    return null;
                }

                if (errors.Required("agreement.amount", r.Agreement.Amount))
                {
                    errors.Amount("agreement.amount", r.Agreement.Amount);
                }

                errors.Required("agreement.paymentDueDate", r.Agreement.PaymentDueDate);
                if (errors.Required("agreement.method", r.Agreement.Method))
                {
                    errors.MaxLength("agreement.method", r.Agreement.Method, 32);
                }

                return (c, _, ctx) => c.ReachAgreement(new AgreementTerms(r.Agreement.Amount!.Value, r.Agreement.PaymentDueDate!.Value, r.Agreement.Method!.Trim()), ctx);
            case CaseTrigger.ConfirmPerformance:
                if (errors.Required("amountRecovered", r.AmountRecovered))
                {
                    errors.Amount("amountRecovered", r.AmountRecovered);
                }

                return (c, _, ctx) => c.ConfirmPerformance(r.AmountRecovered!.Value, ctx);
            case CaseTrigger.Refer:
                if (r.Referral is null)
                {
                    errors.Add("referral", ValidationMessages.Required);
                    return null;
                }

                if (errors.Required("referral.body", r.Referral.Body))
                {
                    errors.OneOf("referral.body", r.Referral.Body, Bodies);
                }

                errors.MaxLength("referral.referenceNumber", r.Referral.ReferenceNumber, 64);
                return (c, _, ctx) => c.Refer(new Referral(Data.DbCode.Parse<ReferralBody>(r.Referral.Body!), r.Referral.ReferenceNumber?.Trim()), ctx);
            case CaseTrigger.CloseReferral:
                errors.Required("outcome", r.Outcome);
                errors.MaxLength("outcome", r.Outcome, 1000);
                return (c, _, ctx) => c.CloseReferral(r.Outcome!.Trim(), ctx);
            case CaseTrigger.RecordFollowUp:
                if (r.FollowUp is null)
                {
                    errors.Add("followUp", ValidationMessages.Required);
                    return null;
                }

                if (errors.Required("followUp.satisfaction", r.FollowUp.Satisfaction))
                {
                    errors.InRange("followUp.satisfaction", r.FollowUp.Satisfaction, 1, 5);
                }

                errors.MaxLength("followUp.note", r.FollowUp.Note, MaxText);
                return (c, _, ctx) => c.RecordFollowUp(new FollowUp(r.FollowUp.Satisfaction!.Value, r.FollowUp.Note), ctx);
            case CaseTrigger.Withdraw:
                errors.Required("reason", r.Reason);
                return (c, _, ctx) => c.Withdraw(ctx);
            case CaseTrigger.Reject:
                errors.Required("reason", r.Reason);
                return (c, _, ctx) => c.Reject(ctx);
            case CaseTrigger.Reopen:
                errors.Required("reason", r.Reason);
                return (c, routing, ctx) => c.Reopen(routing, reopenWindowDays, ctx);
            default:
                // System triggers: refused before anything is bound.
                return (_, _, _) => throw new InvalidOperationException($"{trigger} is fired by the system only.");
        }
    }
}
