using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases;

/// <summary>
/// The body of <c>POST /api/v1/cases/{id}/actions/{action}</c>: <c>reason</c> and the fields of the one action fired.
/// Each action's own fields are declared in its folder under <c>Cases/Actions</c>.
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
    string? Color)
{
    /// <summary>A body with no fields: an action that needs none, before a form fills in its own.</summary>
    public static CaseActionRequest Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, null);
}

/// <summary>
/// Fires actions on cases for the API, the case page and the inbox alike: finds the action's slice, checks its
/// fields and the caller's role, fires it through <see cref="CaseCommands"/> and reads the case back.
/// </summary>
internal static class CaseActions
{
    /// <summary>The API name of a trigger: camelCase (<c>recordSession</c>).</summary>
    public static string NameOf(CaseTrigger trigger) => JsonNamingPolicy.CamelCase.ConvertName(trigger.ToString());

    /// <summary>One action of the case as the caller may see it: allowed, or refused with the reasons in their language.</summary>
    public static ActionView Describe(CaseActionAvailability availability, CaseAccess access, CurrentUser user, MessageLanguage language)
    {
        var name = NameOf(availability.Action);
        var codes = RoleRefusal(availability.Action, user) is { } refusal ? [refusal]
            : AccessRefusal(access) is { } followed ? [followed]
            : availability.Allowed ? [] : availability.Reasons;
        return new ActionView(name, codes.Count == 0, WorkflowReasons.For(codes, language), codes);
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
        AccessDenials denials,
        TimeProvider time,
        CancellationToken ct)
    {
        var language = RequestLanguage.Of(http.Request);
        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0 || ifMatch.All(string.IsNullOrWhiteSpace))
        {
            // A write without the version it was based on would silently overwrite what someone else just did.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: language == MessageLanguage.English
                    ? "This action needs the case's version: send the ETag you read in If-Match."
                    : "请在 If-Match 请求头中提供您读取案件时得到的 ETag（案件版本）。",
                detail: language == MessageLanguage.English
                    ? "Read the case (GET /api/v1/cases/{id}) and send its ETag, e.g. If-Match: \"3\"."
                    : "先读取案件（GET /api/v1/cases/{id}），再以其 ETag 作为 If-Match，例如 If-Match: \"3\"。");
        }

        var errors = new ValidationErrors();
        int? expected = null;
        if (ifMatch.Count == 1 && CaseJson.TryParseIfMatch(ifMatch[0], out var version))
        {
            expected = version;
        }
        else
        {
            errors.Add("If-Match", ValidationMessages.IfMatchNotStrong);
        }

        var outcome = await FireAsync(id, action, body ?? CaseActionRequest.Empty, expected, errors, user, language, commands, queries, calculator, time, ct);
        if (outcome is ActionOutcome.NotFound)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
        }

        return ActionOutcomes.ToHttp(outcome, http, user, language, time.GetUtcNow());
    }

    /// <summary>
    /// Checks the action's fields and the caller's role, fires it and reads the case back: the one path the API and
    /// the pages share.
    /// </summary>
    /// <param name="errors">Errors the caller already found in its own envelope (a bad If-Match, a form field); reported with these.</param>
    public static async Task<ActionOutcome> FireAsync(
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
        var slice = CaseActionRegistry.Find(action);
        if (slice is null && !CaseActionRegistry.IsSystemName(action))
        {
            errors.Add("action", ValidationMessages.UnknownValue, string.Join(", ", CaseActionRegistry.Names));
            return new ActionOutcome.Invalid(errors);
        }

        errors.MaxLength("reason", request.Reason, CaseAction.MaxReason);
        var call = slice?.Bind(request, new ActionBinding(errors, time.GetUtcNow(), calculator.ReopenWindowDays, calculator));
        if (!errors.IsEmpty)
        {
            return new ActionOutcome.Invalid(errors);
        }

        var trigger = slice?.Trigger ?? Enum.GetValues<CaseTrigger>().First(t => NameOf(t) == action);
        if (RoleRefusal(trigger, user) is { } refusal)
        {
            var words = WorkflowReasons.For([refusal], language);
            return new ActionOutcome.Refused(words[0], [refusal], words);
        }

        if (trigger == CaseTrigger.Accept && !await queries.IsAssignableMediatorAsync(request.MediatorId!.Value, id, ct))
        {
            return new ActionOutcome.Invalid(errors.Add("mediatorId", ValidationMessages.UnknownMediator));
        }

        // A referral addressed on CaseFlow goes to an organisation of the case's own county, of the body's kind.
        if (trigger == CaseTrigger.Refer && request.Referral is { PartnerOrgId: { } partnerOrgId, Body: { } body }
            && !await queries.IsReferrablePartnerAsync(id, partnerOrgId, Data.DbCode.Parse<ReferralBody>(body), ct))
        {
            return new ActionOutcome.Invalid(errors.Add("referral.partnerOrgId", ValidationMessages.UnknownValue, "GET /api/v1/partners"));
        }

        try
        {
            await commands.ActAsync(id, expectedVersion, user.Actor, call!.Invoke, request.Reason?.Trim(), ct);
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
        catch (CaseActionRefusedException e)
        {
            var title = language == MessageLanguage.English ? "This action is not allowed now." : "当前状态下不能执行该操作。";
            return new ActionOutcome.Refused(title, e.Reasons, WorkflowReasons.For(e.Reasons, language));
        }

        // A unit the case moved away from (an escalation above it) follows it read-only, so this reads it back; null only
        // for a caller who neither acts on it nor held it (the system's own scope, say).
        return new ActionOutcome.Done(await queries.GetAsync(id, user.Viewer, ct));
    }

    /// <summary>The refusal code when the caller sees the case but may not act on it: a unit following it, a partner.</summary>
    private static string? AccessRefusal(CaseAccess access) => access switch
    {
        CaseAccess.Act => null,
        CaseAccess.Partner => WorkflowReasons.PartnerReadOnly,
        _ => WorkflowReasons.FollowedReadOnly,
    };

    /// <summary>The refusal code when this user may not fire the trigger at all (or nobody may: a system trigger), or null.</summary>
    private static string? RoleRefusal(CaseTrigger trigger, CurrentUser user)
    {
        if (CaseActionRegistry.SystemOnly.Contains(trigger))
        {
            return WorkflowReasons.SystemOnly;
        }

        if (!user.IsInAnyRole(Roles.Mediator, Roles.Township, Roles.Manager))
        {
            return WorkflowReasons.RoleCannotAct;
        }

        // Raising a case's colour by hand overrides the rules: a county manager's decision (DESIGN §5).
        return trigger == CaseTrigger.RiskRaised && !user.IsInRole(Roles.Manager) ? WorkflowReasons.ManagerOnly : null;
    }
}
