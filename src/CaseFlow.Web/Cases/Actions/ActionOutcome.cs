using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>What became of an action: the API answers it with a status, the pages with a message.</summary>
internal abstract record ActionOutcome
{
    private ActionOutcome()
    {
    }

    /// <summary>Fired; the case as the caller now sees it, or null when it left the caller's units.</summary>
    public sealed record Done(CaseDetail? Case) : ActionOutcome;

    public sealed record Invalid(ValidationErrors Errors) : ActionOutcome;

    /// <summary>The role or the workflow refuses the action: the reason codes, and their words in the caller's language.</summary>
    public sealed record Refused(string Title, IReadOnlyList<string> Codes, IReadOnlyList<string> Reasons) : ActionOutcome;

    /// <summary>The case changed since the caller saw it.</summary>
    public sealed record Conflict(string Title) : ActionOutcome;

    public sealed record NotFound : ActionOutcome;
}

/// <summary>An outcome that did not fire, as a page shows it: the status, the problem and its reasons, or the field errors.</summary>
internal sealed record ActionProblem(int Status, string? Title, IReadOnlyList<string> Reasons, ValidationErrors? Errors);

/// <summary>The one mapping from an outcome to what the caller sees: the API's status and body, the pages' message.</summary>
internal static class ActionOutcomes
{
    /// <summary>For the API: the case with its new ETag, a validation problem, a 422 refusal, a 409, or a 404.</summary>
    public static Results<Ok<CaseView>, NotFound, ValidationProblem, ProblemHttpResult> ToHttp(
        ActionOutcome outcome, HttpContext http, CurrentUser user, MessageLanguage language, DateTimeOffset now)
    {
        switch (outcome)
        {
            case ActionOutcome.Invalid invalid:
                return invalid.Errors.ToProblem(language);
            case ActionOutcome.Refused refused:
                return Refusal(refused);
            case ActionOutcome.Conflict conflict:
                return TypedResults.Problem(title: conflict.Title, statusCode: StatusCodes.Status409Conflict);
            case ActionOutcome.Done { Case: { } detail }:
                http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
                return TypedResults.Ok(CaseJson.From(detail, user, language, now));
            default:
                // Not found, or the action moved the case out of the caller's units (an escalation above them).
                return TypedResults.NotFound();
        }
    }

    /// <summary>For a page: the status and message of an outcome that did not fire; null for <see cref="ActionOutcome.Done"/>.</summary>
    public static ActionProblem? ToPage(ActionOutcome outcome, MessageLanguage language) => outcome switch
    {
        ActionOutcome.Done => null,
        ActionOutcome.Invalid invalid => new(StatusCodes.Status422UnprocessableEntity, null, [], invalid.Errors),
        ActionOutcome.Refused refused => new(StatusCodes.Status422UnprocessableEntity, refused.Title, refused.Reasons, null),
        ActionOutcome.Conflict conflict => new(StatusCodes.Status409Conflict, conflict.Title, [], null),
        _ => new(
            StatusCodes.Status404NotFound,
            language == MessageLanguage.English ? "That case is not in your units." : "该案件不在您的管辖范围内。",
            [],
            null),
    };

    /// <summary>The problem details of a refusal: the words under <c>reasons</c>, the stable codes under <c>reasonCodes</c>.</summary>
    public static ProblemHttpResult Refusal(ActionOutcome.Refused refused) =>
        TypedResults.Problem(
            title: refused.Title,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["reasons"] = refused.Reasons, ["reasonCodes"] = refused.Codes });
}
