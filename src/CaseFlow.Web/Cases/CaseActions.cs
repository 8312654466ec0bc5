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

        var trigger = Enum.GetValues<CaseTrigger>().Cast<CaseTrigger?>().FirstOrDefault(t => NameOf(t!.Value) == action);
        if (trigger is null)
        {
            errors.Add("action", ValidationMessages.UnknownValue, string.Join(", ", Enum.GetValues<CaseTrigger>().Where(t => !SystemOnly.Contains(t)).Select(NameOf)));
            return errors.ToProblem(language);
        }

        errors.MaxLength("reason", request.Reason, MaxText);
        var act = Bind(trigger.Value, request, errors, time.GetUtcNow(), calculator.ReopenWindowDays);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(language);
        }

        if (SystemOnly.Contains(trigger.Value) || RoleRefusal(trigger.Value, user, language) is not null)
        {
            var refusal = SystemOnly.Contains(trigger.Value)
                ? (language == MessageLanguage.English ? "Only the system does this, when a time limit passes." : "由系统在时限届满时自动执行。")
                : RoleRefusal(trigger.Value, user, language)!;
            return Refused(refusal, [refusal]);
        }

        if (trigger == CaseTrigger.Accept && !await queries.IsAssignableMediatorAsync(request.MediatorId!.Value, user.UnitPath, ct))
        {
            return errors.Add("mediatorId", ValidationMessages.UnknownMediator).ToProblem(language);
        }

        try
        {
            await commands.ActAsync(id, expected, new CaseActor(user.Id, user.Username, user.UnitPath, user.RemoteIp), act!, request.Reason?.Trim(), ct);
        }
        catch (CaseNotFoundException)
        {
            return TypedResults.NotFound();
        }
        catch (CaseConcurrencyException)
        {
            var title = language == MessageLanguage.English
                ? "Someone else changed this case first. Reload it and try again."
                : "该案件已被他人修改，请刷新后重试。";
            return TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict);
        }
        catch (InvalidTransitionException<CaseState, CaseTrigger> e)
        {
            var title = language == MessageLanguage.English ? "This action is not allowed now." : "当前状态下不能执行该操作。";
            return Refused(title, WorkflowReasons.For(e.Reasons, e.State, language));
        }

        var detail = await queries.GetAsync(id, user.UnitPath, ct);
        if (detail is null)
        {
            // The action moved the case out of the caller's units (an escalation above them): it is done, and no longer theirs to see.
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
        return TypedResults.Ok(CaseJson.From(detail, user, language, time.GetUtcNow()));
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
