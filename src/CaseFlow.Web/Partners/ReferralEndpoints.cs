using CaseFlow.Data.Cases;
using CaseFlow.Data.Partners;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Pages;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Partners;

/// <summary>One outcome a receiving body may record, as the API lists it.</summary>
public sealed record ReferralOutcomeJson(string Code, string Name);

/// <summary>A case's latest referral as the API shows it, with its clocks and whether each has run out.</summary>
public sealed record ReferralJson(
    long Id,
    long CaseId,
    string Body,
    string BodyName,
    long? PartnerOrgId,
    string Receiver,
    bool OnSystem,
    string? HandedOver,
    string? ReferenceNumber,
    DateTimeOffset ReferredAt,
    DateTimeOffset? AckDueAt,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? OutcomeDueAt,
    string? OutcomeKind,
    string? OutcomeName,
    string? Outcome,
    DateTimeOffset? ClosedAt,
    bool AcknowledgementOverdue,
    bool OutcomeOverdue,
    IReadOnlyList<ReferralOutcomeJson> Outcomes);

/// <summary>The body of an acknowledgement (签收): the receiving body's own reference.</summary>
public sealed record AcknowledgeRequest(string? ReferenceNumber);

/// <summary>The body of an outcome: its code from the receiving body's list, and a note.</summary>
public sealed record ReferralOutcomeRequest(string? Outcome, string? Note);

/// <summary>An open referral past one of its clocks, as the overdue list shows it.</summary>
public sealed record OverdueReferralJson(long CaseId, string CaseNumber, string UnitName, string Body, string Receiver, DateTimeOffset ReferredAt, string Overdue, DateTimeOffset DueAt);

/// <summary>
/// The overdue referrals the caller sees: how many (counted up to <see cref="ReferralStore.TotalCap"/>, then
/// <c>countIsCapped</c>), and the <see cref="ReferralEndpoints.OverdueListed"/> longest overdue.
/// </summary>
public sealed record OverdueReferralsJson(int Count, bool CountIsCapped, IReadOnlyList<OverdueReferralJson> Items);

/// <summary>
/// Referrals that close their loop, under <c>/api/v1</c>: a case's referral, its acknowledgement (签收) with the
/// receiving body's reference and its outcome, by the partner organisation it is addressed to or, for a body outside
/// CaseFlow, by the unit that referred it; and the overdue referrals of the caller's units.
/// </summary>
public static class ReferralEndpoints
{
    public static RouteGroupBuilder MapReferrals(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var cases = api.MapGroup("/cases/{id}/referral").WithTags("Referrals");
        cases.MapGet("", GetAsync).WithSummary("The case's latest referral, its clocks and the outcomes its receiving body may record.");
        cases.MapPost("/acknowledge", AcknowledgeAsync)
            .WithSummary("签收: the partner organisation addressed (or, for a body outside CaseFlow, the referring unit) records receipt and its reference.");
        cases.MapPost("/outcome", OutcomeAsync)
            .WithSummary("The receiving body's outcome from its fixed list, with a note: closes the referral (CloseReferral). Send the case's ETag in If-Match.");
        api.MapGet("/referrals/overdue", OverdueAsync).WithTags("Referrals")
            .WithSummary("Open referrals of the caller's units past their acknowledgement or outcome time.");
        return api;
    }

    /// <summary>Who may answer a referral at all: its partner, or the mediator, township or manager of a case referred outside CaseFlow.</summary>
    internal static bool MayAnswer(CurrentUser user) => user.IsInAnyRole(Roles.Partner, Roles.Mediator, Roles.Township, Roles.Manager);

    internal static async Task<Results<Ok<ReferralJson>, NotFound>> GetAsync(
        long id, HttpContext http, CurrentUser user, ReferralStore referrals, AccessDenials denials, Data.Audit.AuditWriter audit, Data.Database database, TimeProvider time, CancellationToken ct)
    {
        var referral = await referrals.CurrentAsync(id, user.Viewer, ct);
        if (referral is null)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        if (user.IsPartner)
        {
            // Every partner read is on the record.
            await using var connection = await database.OpenAsync(ct);
            await audit.WriteAsync(connection, null, user.Actor.Audit, "case.referral_read", "case", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { referralId = referral.Id, user.PartnerOrgId }, ct);
        }

        return TypedResults.Ok(Json(referral, RequestLanguage.Of(http.Request), time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<ReferralJson>, NotFound, ValidationProblem, ProblemHttpResult>> AcknowledgeAsync(
        long id, AcknowledgeRequest? body, HttpContext http, CurrentUser user, ReferralStore referrals, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var language = RequestLanguage.Of(http.Request);
        if (!MayAnswer(user))
        {
            return await denials.ForbidAsync(http, user, "Only the partner addressed, or the unit that referred the case, answers a referral.", ct);
        }

        var errors = ValidateAcknowledgement(body?.ReferenceNumber);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(language);
        }

        ReferralAnswer answer;
        try
        {
            answer = await referrals.AcknowledgeAsync(id, body!.ReferenceNumber!.Trim(), user.Actor, ct);
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        return await ReplyAsync(id, answer, http, user, referrals, denials, language, time, ct);
    }

    internal static async Task<Results<Ok<ReferralJson>, NotFound, ValidationProblem, ProblemHttpResult>> OutcomeAsync(
        long id, ReferralOutcomeRequest? body, HttpContext http, CurrentUser user, ReferralStore referrals, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var language = RequestLanguage.Of(http.Request);
        if (!MayAnswer(user))
        {
            return await denials.ForbidAsync(http, user, "Only the partner addressed, or the unit that referred the case, answers a referral.", ct);
        }

        var ifMatch = http.Request.Headers.IfMatch;
        if (ifMatch.Count == 0 || ifMatch.All(string.IsNullOrWhiteSpace))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: language == MessageLanguage.English
                    ? "Recording an outcome closes the case's referral: send the case's ETag in If-Match."
                    : "记录处理结果将办结移送：请在 If-Match 请求头中提供案件的 ETag（案件版本）。");
        }

        var errors = ValidateOutcome(body?.Outcome, body?.Note);
        int? expected = ifMatch.Count == 1 && CaseJson.TryParseIfMatch(ifMatch[0], out var version) ? version : null;
        if (expected is null)
        {
            errors.Add("If-Match", ValidationMessages.IfMatchNotStrong);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem(language);
        }

        ReferralAnswer answer;
        try
        {
            answer = await referrals.RecordOutcomeAsync(id, expected, body!.Outcome!.Trim(), body.Note?.Trim(), user.Actor, ct);
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }
        catch (CaseConcurrencyException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Words.Conflict(language));
        }
        catch (CaseActionRefusedException e)
        {
            return Cases.Actions.ActionOutcomes.Refusal(new Cases.Actions.ActionOutcome.Refused(
                language == MessageLanguage.English ? "This action is not allowed now." : "当前状态下不能执行该操作。", e.Reasons, WorkflowReasons.For(e.Reasons, language)));
        }

        return await ReplyAsync(id, answer, http, user, referrals, denials, language, time, ct);
    }

    /// <summary>How many overdue referrals the API lists, the longest overdue first.</summary>
    public const int OverdueListed = 100;

    internal static async Task<Ok<OverdueReferralsJson>> OverdueAsync(HttpContext http, CurrentUser user, ReferralStore referrals, CancellationToken ct)
    {
        var language = RequestLanguage.Of(http.Request);
        var overdue = await referrals.OverdueAsync(user.Viewer, OverdueListed, ct);
        return TypedResults.Ok(new OverdueReferralsJson(
            overdue.Total,
            overdue.TotalIsCapped,
            [.. overdue.Items.Select(r => new OverdueReferralJson(
                r.CaseId, r.CaseNumber, r.UnitName, Data.DbCode.Of(r.Body), r.ReceiverName ?? PageText.Referral(r.Body, language), r.ReferredAt, r.Overdue, r.DueAt))]));
    }

    /// <summary>The reference of an acknowledgement: required, at most <see cref="TextLimits.ReferenceNumber"/> characters.</summary>
    internal static ValidationErrors ValidateAcknowledgement(string? referenceNumber)
    {
        var errors = new ValidationErrors();
        errors.Required("referenceNumber", referenceNumber);
        errors.MaxLength("referenceNumber", referenceNumber, TextLimits.ReferenceNumber);
        return errors;
    }

    /// <summary>An outcome's code (checked against the body's list by the store) and its note (the outcome text's limit).</summary>
    internal static ValidationErrors ValidateOutcome(string? outcome, string? note)
    {
        var errors = new ValidationErrors();
        errors.Required("outcome", outcome);
        errors.MaxLength("outcome", outcome, ReferralOutcomes.MaxCode);
        errors.MaxLength("note", note, TextLimits.ReferralOutcome - 16);
        return errors;
    }

    public static ReferralJson Json(ReferralView r, MessageLanguage language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(r);
        var english = language == MessageLanguage.English;
        var bodyName = PageText.Referral(r.Body, language);
        var outcome = ReferralOutcomes.Find(r.Body, r.OutcomeKind);
        return new ReferralJson(
            r.Id, r.CaseId, Data.DbCode.Of(r.Body), bodyName, r.PartnerOrgId, r.PartnerName ?? r.BodyName ?? bodyName, r.IsOnSystem, r.HandedOver,
            r.ReferenceNumber, r.ReferredAt, r.AckDueAt, r.AcknowledgedAt, r.AcknowledgedBy, r.OutcomeDueAt, r.OutcomeKind,
            outcome is null ? null : english ? outcome.En : outcome.Zh, r.Outcome, r.ClosedAt, r.AcknowledgementOverdue(now), r.OutcomeOverdue(now),
            [.. ReferralOutcomes.For(r.Body).Select(k => new ReferralOutcomeJson(k.Code, english ? k.En : k.Zh))]);
    }

    private static async Task<Results<Ok<ReferralJson>, NotFound, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        long id, ReferralAnswer answer, HttpContext http, CurrentUser user, ReferralStore referrals, AccessDenials denials, MessageLanguage language, TimeProvider time, CancellationToken ct)
    {
        switch (answer)
        {
            case ReferralAnswer.NotYours:
                return await denials.ForbidAsync(http, user, Words.NotYours(language), ct);
            case ReferralAnswer.UnknownOutcome:
                var current = await referrals.CurrentAsync(id, user.Viewer, ct);
                var codes = current is null ? "" : string.Join(", ", ReferralOutcomes.For(current.Body).Select(k => k.Code));
                return new ValidationErrors().Add("outcome", ValidationMessages.UnknownValue, codes).ToProblem(language);
            case ReferralAnswer.NoOpenReferral or ReferralAnswer.WrongStep:
                var step = await referrals.CurrentAsync(id, user.Viewer, ct);
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Words.Step(step, language));
        }

        var referral = await referrals.CurrentAsync(id, user.Viewer, ct);
        return referral is null ? TypedResults.NotFound() : TypedResults.Ok(Json(referral, language, time.GetUtcNow()));
    }

    /// <summary>The words of a referral answer that did not go through, for the API and the case page alike.</summary>
    internal static class Words
    {
        public static string NotYours(MessageLanguage language) => language == MessageLanguage.English
            ? "This referral is not yours to answer: it is addressed to another organisation, or your unit only follows the case."
            : "该移送不由您办理：移送对象是其他单位，或您所在单位仅关注本案。";

        public static string Conflict(MessageLanguage language) => language == MessageLanguage.English
            ? "Someone else changed this case first. Reload it and try again."
            : "该案件已被他人修改，请刷新后重试。";

        public static string Step(ReferralView? referral, MessageLanguage language) => (referral, language == MessageLanguage.English) switch
        {
            (null or { ClosedAt: not null }, false) => "本案没有待办理的移送。",
            (null or { ClosedAt: not null }, true) => "This case has no open referral.",
            ({ AcknowledgedAt: null }, false) => "请先签收移送，再记录处理结果。",
            ({ AcknowledgedAt: null }, true) => "Acknowledge the referral before recording its outcome.",
            (_, false) => "该移送已签收。",
            (_, true) => "This referral is already acknowledged.",
        };
    }
}
