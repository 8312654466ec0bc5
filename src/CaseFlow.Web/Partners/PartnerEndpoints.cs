using CaseFlow.Data.Cases;
using CaseFlow.Data.Partners;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Cases.Actions;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Partners;

/// <summary>A partner organisation as the API lists it, with its kind in words.</summary>
public sealed record PartnerOrgJson(long Id, string Kind, string KindName, string Name);

/// <summary>The body of a share or its withdrawal: which organisation, and why.</summary>
public sealed record ShareRequest(long? PartnerOrgId, string? Reason);

/// <summary>The body of a note on a case's timeline.</summary>
public sealed record NoteRequest(string? Text);

/// <summary>
/// Three-party linkage under <c>/api/v1</c>: the county's partner organisations, sharing a case with one of them and
/// withdrawing the share (township, manager), notes (whoever acts on the case, and its partners), and a partner's
/// attendance at a joint session. Each answers the case as the caller now sees it.
/// </summary>
public static class PartnerEndpoints
{
    /// <summary>The longest share reason and note: case_shares.reason holds 1000 characters, case_activities.text 2000.</summary>
    public const int MaxReason = CaseAction.MaxReason;

    public const int MaxNote = CaseAction.MaxText;

    public static RouteGroupBuilder MapPartners(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/partners", ListAsync).WithTags("Partners").WithSummary("The partner organisations of the caller's county.");
        var cases = api.MapGroup("/cases/{id}").WithTags("Partners");
        cases.MapPost("/shares", ShareAsync).RequireAuthorization(Policies.CanShareCases)
            .WithSummary("Share the case with a partner organisation of its county, with a reason.");
        cases.MapPost("/shares/{partnerOrgId}/withdraw", WithdrawAsync).RequireAuthorization(Policies.CanShareCases)
            .WithSummary("Withdraw a share, with a reason.");
        cases.MapPost("/notes", NoteAsync).WithSummary("A note on the case's timeline: whoever acts on the case, and the partners it is shared with.");
        cases.MapPost("/sessions/{sessionId}/attendance", AttendAsync).RequireAuthorization(Policies.CanWorkAsPartner)
            .WithSummary("A partner records its attendance at a joint mediation session.");
        return api;
    }

    internal static async Task<Ok<IReadOnlyList<PartnerOrgJson>>> ListAsync(HttpContext http, CurrentUser user, PartnerStore partners, CancellationToken ct)
    {
        var english = RequestLanguage.Of(http.Request) == MessageLanguage.English;
        var orgs = await partners.OrgsAsync(user.CountyId, ct);
        return TypedResults.Ok<IReadOnlyList<PartnerOrgJson>>([.. orgs.Select(o => new PartnerOrgJson(o.Id, o.Kind, PartnerKinds.Name(o.Kind, english), o.Name))]);
    }

    internal static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> ShareAsync(
        long id, ShareRequest? body, HttpContext http, CurrentUser user, PartnerStore partners, CaseQueries queries, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var errors = CheckShare(body);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return await AnswerAsync(id, http, user, queries, denials, time, async () =>
        {
            var outcome = await partners.ShareAsync(id, body!.PartnerOrgId!.Value, body.Reason!.Trim(), user.Actor, ct);
            return outcome == ShareOutcome.UnknownPartner ? errors.Add("partnerOrgId", ValidationMessages.UnknownValue, "GET /api/v1/partners") : null;
        }, ct);
    }

    internal static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        long id, long partnerOrgId, ShareRequest? body, HttpContext http, CurrentUser user, PartnerStore partners, CaseQueries queries, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var errors = CheckShare(body is null ? new ShareRequest(partnerOrgId, null) : body with { PartnerOrgId = partnerOrgId });
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return await AnswerAsync(id, http, user, queries, denials, time, async () =>
        {
            var outcome = await partners.WithdrawAsync(id, partnerOrgId, body!.Reason!.Trim(), user.Actor, ct);
            return outcome == ShareOutcome.UnknownPartner ? errors.Add("partnerOrgId", ValidationMessages.UnknownValue, "GET /api/v1/partners") : null;
        }, ct);
    }

    internal static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> NoteAsync(
        long id, NoteRequest? body, HttpContext http, CurrentUser user, PartnerStore partners, CaseQueries queries, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("text", body?.Text);
        errors.MaxLength("text", body?.Text, MaxNote);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return await AnswerAsync(id, http, user, queries, denials, time, async () =>
        {
            await partners.AddNoteAsync(id, body!.Text!.Trim(), user.Actor, ct);
            return null;
        }, ct);
    }

    internal static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> AttendAsync(
        long id, long sessionId, HttpContext http, CurrentUser user, PartnerStore partners, CaseQueries queries, AccessDenials denials, TimeProvider time, CancellationToken ct)
    {
        return await AnswerAsync(id, http, user, queries, denials, time, async () =>
            await partners.RecordAttendanceAsync(id, sessionId, user.Actor, ct)
                ? null
                : new ValidationErrors().Add("sessionId", ValidationMessages.UnknownValue, "sessions[].id"), ct);
    }

    private static ValidationErrors CheckShare(ShareRequest? body)
    {
        var errors = new ValidationErrors();
        if (errors.Required("partnerOrgId", body?.PartnerOrgId))
        {
            errors.InRange("partnerOrgId", body!.PartnerOrgId, 1, long.MaxValue);
        }

        errors.Required("reason", body?.Reason);
        errors.MaxLength("reason", body?.Reason, MaxReason);
        return errors;
    }

    // Runs the write; a case the caller may not touch is 404 (audited), a refused field 400, otherwise the case as they see it now.
    private static async Task<Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        long id, HttpContext http, CurrentUser user, CaseQueries queries, AccessDenials denials, TimeProvider time,
        Func<Task<ValidationErrors?>> write, CancellationToken ct)
    {
        try
        {
            if (await write() is { } errors)
            {
                return errors.ToProblem(http);
            }
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }
        catch (CaseReadOnlyException)
        {
            return await denials.ForbidAsync(
                http,
                user,
                RequestLanguage.Of(http.Request) == MessageLanguage.English
                    ? "Your unit follows this case read-only: it no longer writes on it."
                    : "您所在单位仅关注本案（只读），不能再添加意见。",
                ct);
        }

        var detail = await queries.GetAsync(id, user.Viewer, ct);
        if (detail is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
        return TypedResults.Ok(CaseJson.From(detail, user, RequestLanguage.Of(http.Request), time.GetUtcNow()));
    }
}
