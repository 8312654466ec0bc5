using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Supervision;
using CaseFlow.Domain.Supervision;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Supervision;

/// <summary>The body of opening supervision: level (normal | key), what is required, and the feedback date (yyyy-MM-dd, China).</summary>
public sealed record OpenSupervisionRequest(string? Level, string? Requirement, DateOnly? FeedbackDueOn);

/// <summary>The body of a feedback: what was done, and how far it got.</summary>
public sealed record FeedbackRequest(string? ActionTaken, string? Progress);

/// <summary>The body of an evaluation: satisfied closes; not satisfied needs a comment and a new feedback date.</summary>
public sealed record EvaluationRequest(bool? Satisfied, string? Comment, DateOnly? NewFeedbackDueOn);

/// <summary>The filters of <c>GET /api/v1/supervisions</c>: status (open | overdue | all, default open) and a handling unit.</summary>
public sealed record SupervisionQuery(string? Status, long? UnitId);

public sealed record SupervisionFeedbackJson(long Id, int Round, DateTimeOffset At, string By, string UnitName, string ActionTaken, string Progress);

public sealed record SupervisionJson(
    long Id, long CaseId, string CaseNumber, long UnitId, string UnitName, string Level, string LevelName, string Requirement,
    string Status, string StatusName, int Round, DateOnly FeedbackDueOn, bool Overdue, DateTimeOffset OpenedAt, string OpenedBy,
    DateTimeOffset? ClosedAt, bool? Satisfied, string? EvaluationComment, IReadOnlyList<SupervisionFeedbackJson> Feedbacks)
{
    public static SupervisionJson From(SupervisionView s, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Id, s.CaseId, s.CaseNumber, s.UnitId, s.UnitName, JsonNamingPolicy.CamelCase.ConvertName(s.Level.ToString()), SupervisionText.Level(s.Level, language),
            s.Requirement, JsonNamingPolicy.CamelCase.ConvertName(s.Status.ToString()), SupervisionText.Status(s, language), s.Round, s.FeedbackDueOn, s.Overdue,
            s.OpenedAt, s.OpenedBy, s.ClosedAt, s.Satisfied, s.EvaluationComment,
            [.. s.Feedbacks.Select(f => new SupervisionFeedbackJson(f.Id, f.Round, f.At, f.By, f.UnitName, f.ActionTaken, f.Progress))]);
    }
}

/// <summary>The words of supervision in Chinese and English, for the API and the pages.</summary>
public static class SupervisionText
{
    public static string Level(SupervisionLevel level, MessageLanguage language) => (level, language == MessageLanguage.English) switch
    {
        (SupervisionLevel.Key, true) => "Key supervision",
        (SupervisionLevel.Key, false) => "重点督办",
        (_, true) => "Normal supervision",
        _ => "一般督办",
    };

    public static string Status(SupervisionView s, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(s);
        var english = language == MessageLanguage.English;
        return s.Status switch
        {
            SupervisionStatus.Closed => english ? "Closed" : "已办结",
            SupervisionStatus.FedBack => english ? "Fed back, awaiting evaluation" : "已反馈，待评价",
            _ when s.Overdue => english ? "Feedback overdue" : "反馈逾期",
            _ when s.Round > 1 => english ? "Sent back, awaiting feedback" : "已退回，待反馈",
            _ => english ? "Awaiting feedback" : "待反馈",
        };
    }
}

/// <summary>
/// Supervision (督办) under <c>/api/v1</c>: a manager opens it on a case of their county and evaluates the feedback;
/// the unit handling the case (its mediators and township users) feeds back; lists per case, for the manager's
/// county and for a handling unit's inbox. A case out of reach is 404 and audited, as everywhere.
/// </summary>
public static class SupervisionEndpoints
{
    public const string AlreadyOpen = ValidationMessages.SupervisionAlreadyOpen;
    public const string IsClosed = ValidationMessages.SupervisionClosed;
    public const string NoFeedbackYet = ValidationMessages.SupervisionNoFeedbackYet;
    public const string TooManyRounds = ValidationMessages.SupervisionTooManyRounds;
    public const string CommentRequiredToSendBack = ValidationMessages.SupervisionCommentRequiredToSendBack;

    private static readonly string[] Levels = ["normal", "key"];
    private static readonly string[] Statuses = ["open", "overdue", "all"];

    public static RouteGroupBuilder MapSupervision(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("").WithTags("Supervision");
        g.MapGet("/supervisions", ListAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("A manager: the supervisions of the county; a township or mediator: those of its cases (status=open|overdue|all, unitId).");
        g.MapGet("/cases/{id}/supervisions", ForCaseAsync)
            .WithSummary("The case's supervisions with their feedback, newest first.");
        g.MapPost("/cases/{id}/supervisions", OpenAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("Open supervision (挂牌督办) on a case of the manager's county: level, requirement, feedback date.");
        g.MapPost("/cases/{id}/supervisions/{supervisionId}/feedback", FeedBackAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("The handling unit feeds back (反馈): what was done, progress. Repeatable until closed.");
        g.MapPost("/cases/{id}/supervisions/{supervisionId}/evaluation", EvaluateAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("The manager evaluates (评价): satisfied closes; not satisfied sends back with a comment and a new date.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<SupervisionJson>>, ValidationProblem>> ListAsync(
        [AsParameters] SupervisionQuery query, HttpContext http, CurrentUser user, SupervisionStore supervisions, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.OneOf("status", query.Status, Statuses);
        errors.InRange("unitId", query.UnitId, 1, long.MaxValue);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var status = query.Status ?? "open";
        var filter = new SupervisionFilter(OpenOnly: status == "open", OverdueOnly: status == "overdue", UnitId: query.UnitId);
        var list = await supervisions.ListAsync(user.Viewer, filter, ct);
        var language = RequestLanguage.Of(http.Request);
        return TypedResults.Ok<IReadOnlyList<SupervisionJson>>([.. list.Select(s => SupervisionJson.From(s, language))]);
    }

    internal static async Task<Results<Ok<IReadOnlyList<SupervisionJson>>, NotFound>> ForCaseAsync(
        long id, HttpContext http, CurrentUser user, SupervisionStore supervisions, AccessDenials denials, CancellationToken ct)
    {
        var list = await supervisions.ForCaseAsync(id, user.Viewer, ct);
        if (list is null)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        var language = RequestLanguage.Of(http.Request);
        return TypedResults.Ok<IReadOnlyList<SupervisionJson>>([.. list.Select(s => SupervisionJson.From(s, language))]);
    }

    internal static async Task<Results<Created<SupervisionJson>, NotFound, ValidationProblem, ProblemHttpResult>> OpenAsync(
        long id, OpenSupervisionRequest? body, HttpContext http, CurrentUser user, SupervisionStore supervisions, AccessDenials denials, CancellationToken ct)
    {
        var errors = CheckOpen(body, supervisions.Today);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        long? created;
        try
        {
            var level = body!.Level == "key" ? SupervisionLevel.Key : SupervisionLevel.Normal;
            created = await supervisions.OpenAsync(id, new NewSupervision(level, body.Requirement!.Trim(), body.FeedbackDueOn!.Value), user.Actor, ct);
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        if (created is not { } supervisionId)
        {
            return Unprocessable(http, "caseId", AlreadyOpen);
        }

        var view = await OneAsync(supervisions, id, supervisionId, user, ct);
        return TypedResults.Created($"/api/v1/cases/{id}/supervisions", SupervisionJson.From(view!, RequestLanguage.Of(http.Request)));
    }

    internal static async Task<Results<Ok<SupervisionJson>, NotFound, ValidationProblem, ProblemHttpResult>> FeedBackAsync(
        long id, long supervisionId, FeedbackRequest? body, HttpContext http, CurrentUser user, SupervisionStore supervisions, AccessDenials denials, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Roles.Mediator, Roles.Township))
        {
            return await denials.ForbidAsync(http, user, "Only the unit handling the case (its mediators and township users) feeds back on a supervision.", ct);
        }

        var errors = CheckFeedback(body);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return await AnswerAsync(id, supervisionId, http, user, denials, supervisions, () =>
            supervisions.FeedBackAsync(id, supervisionId, new NewFeedback(body!.ActionTaken!.Trim(), body.Progress!.Trim()), user.Actor, user.UnitId, ct), ct);
    }

    internal static async Task<Results<Ok<SupervisionJson>, NotFound, ValidationProblem, ProblemHttpResult>> EvaluateAsync(
        long id, long supervisionId, EvaluationRequest? body, HttpContext http, CurrentUser user, SupervisionStore supervisions, AccessDenials denials, CancellationToken ct)
    {
        var errors = CheckEvaluation(body, supervisions.Today);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var evaluation = ToEvaluation(body!);
        return await AnswerAsync(id, supervisionId, http, user, denials, supervisions, () =>
            supervisions.EvaluateAsync(id, supervisionId, evaluation, user.Actor, ct), ct);
    }

    internal static ValidationErrors CheckOpen(OpenSupervisionRequest? body, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (errors.Required("level", body?.Level))
        {
            errors.OneOf("level", body!.Level, Levels);
        }

        errors.Required("requirement", body?.Requirement);
        errors.MaxLength("requirement", body?.Requirement?.Trim(), SupervisionLimits.Requirement);
        if (errors.Required("feedbackDueOn", body?.FeedbackDueOn))
        {
            errors.DateWithin("feedbackDueOn", body!.FeedbackDueOn, today, today.AddDays(SupervisionLimits.MaxDaysAhead));
        }

        return errors;
    }

    internal static ValidationErrors CheckFeedback(FeedbackRequest? body)
    {
        var errors = new ValidationErrors();
        errors.Required("actionTaken", body?.ActionTaken);
        errors.MaxLength("actionTaken", body?.ActionTaken?.Trim(), SupervisionLimits.ActionTaken);
        errors.Required("progress", body?.Progress);
        errors.MaxLength("progress", body?.Progress?.Trim(), SupervisionLimits.Progress);
        return errors;
    }

    internal static ValidationErrors CheckEvaluation(EvaluationRequest? body, DateOnly today)
    {
        var errors = new ValidationErrors();
        if (errors.Required("satisfied", body?.Satisfied) && body!.Satisfied == false)
        {
            if (string.IsNullOrWhiteSpace(body.Comment))
            {
                errors.Add("comment", CommentRequiredToSendBack);
            }

            if (errors.Required("newFeedbackDueOn", body.NewFeedbackDueOn))
            {
                errors.DateWithin("newFeedbackDueOn", body.NewFeedbackDueOn, today, today.AddDays(SupervisionLimits.MaxDaysAhead));
            }
        }

        errors.MaxLength("comment", body?.Comment?.Trim(), SupervisionLimits.EvaluationComment);
        return errors;
    }

    /// <summary>The evaluation the store records for a checked request.</summary>
    internal static SupervisionEvaluation ToEvaluation(EvaluationRequest body) =>
        new(body.Satisfied!.Value, string.IsNullOrWhiteSpace(body.Comment) ? null : body.Comment.Trim(), body.Satisfied.Value ? null : body.NewFeedbackDueOn);

    /// <summary>The key of the message for an outcome that did not apply, and the field it concerns; null for Done and NotFound.</summary>
    internal static (string Field, string Key)? Refusal(SupervisionOutcome outcome) => outcome switch
    {
        SupervisionOutcome.Closed => ("supervisionId", IsClosed),
        SupervisionOutcome.NoFeedbackYet => ("supervisionId", NoFeedbackYet),
        SupervisionOutcome.TooManyRounds => ("satisfied", TooManyRounds),
        SupervisionOutcome.AlreadyOpen => ("caseId", AlreadyOpen),
        _ => null,
    };

    /// <summary>A refusal of the supervision's state (closed, nothing fed back yet…): 422 naming the field and the reason in the caller's language.</summary>
    internal static ProblemHttpResult Unprocessable(HttpContext http, string field, string key)
    {
        var language = RequestLanguage.Of(http.Request);
        var message = ValidationMessages.Format(key, language, []);
        return TypedResults.Problem(
            title: message,
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
                ["errorCodes"] = new Dictionary<string, string[]> { [field] = [key] },
            });
    }

    private static async Task<Results<Ok<SupervisionJson>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        long id, long supervisionId, HttpContext http, CurrentUser user, AccessDenials denials, SupervisionStore supervisions,
        Func<Task<SupervisionOutcome>> write, CancellationToken ct)
    {
        SupervisionOutcome outcome;
        try
        {
            outcome = await write();
        }
        catch (CaseNotFoundException)
        {
            await denials.NotVisibleAsync(http, user, id, ct);
            return TypedResults.NotFound();
        }

        if (outcome == SupervisionOutcome.NotFound)
        {
            return TypedResults.NotFound();
        }

        if (Refusal(outcome) is { } refusal)
        {
            return Unprocessable(http, refusal.Field, refusal.Key);
        }

        var view = await OneAsync(supervisions, id, supervisionId, user, ct);
        return view is null ? TypedResults.NotFound() : TypedResults.Ok(SupervisionJson.From(view, RequestLanguage.Of(http.Request)));
    }

    private static async Task<SupervisionView?> OneAsync(SupervisionStore supervisions, long caseId, long supervisionId, CurrentUser user, CancellationToken ct) =>
        (await supervisions.ForCaseAsync(caseId, user.Viewer, ct))?.FirstOrDefault(s => s.Id == supervisionId);
}

/// <summary>Registration of the supervision services.</summary>
public static class SupervisionSetup
{
    public static IServiceCollection AddSupervision(this IServiceCollection services)
    {
        services.AddSingleton<SupervisionStore>();
        return services;
    }
}
