using CaseFlow.Data.Evaluation;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Evaluation;

/// <summary>A new version of the county's scoring scheme.</summary>
public sealed record SchemeRequest(
    DateOnly? EffectiveFrom, decimal? MaxPoints, IReadOnlyList<IndicatorRule>? Indicators, decimal? BonusCap,
    IReadOnlyList<BonusRule>? Bonuses, IReadOnlyList<DeductionRule>? Deductions, IReadOnlyList<StarBand>? StarBands);

public sealed record RateYearRequest(int? Year);

public sealed record BonusRequest(int? Year, string? Kind, string? Title, string? Note, string? AttachmentRef);

public sealed record BonusReviewRequest(bool? Accept, string? Reason);

/// <summary>
/// <c>/api/v1/scorecards</c>, <c>/scoring-schemes</c>, <c>/star-ratings</c> and <c>/bonus-items</c>: unit scorecards
/// and ranking (with the xlsx export), the county's scheme versions, yearly stars and bonus items reviewed one level up.
/// A manager sees the units of their county only; every change is audited by its store.
/// </summary>
public static class EvaluationEndpoints
{
    public static RouteGroupBuilder MapEvaluation(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("").WithTags("Evaluation");
        g.MapGet("/scorecards", RankAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("Every unit of the caller's county scored for a period (period=2026|2026-Q3|2026-10), ranked; kind, sort, desc.");
        g.MapGet("/scorecards/export", ExportAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("The ranking as the xlsx a county union sends upward.");
        g.MapGet("/scorecards/{unitId}", UnitAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("One unit's scorecard: each indicator's value, points and the cases behind it.");
        g.MapGet("/scoring-schemes", SchemesAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("The county's scoring scheme versions, newest first.");
        g.MapPost("/scoring-schemes", SaveSchemeAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("Save a new version of the county's scoring scheme; periods starting before effectiveFrom keep theirs.");
        g.MapPost("/star-ratings", RateYearAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("Rate every unit of the county for a year (评星定级); earlier ratings stay as history.");
        g.MapGet("/star-ratings/{unitId}", StarHistoryAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("A unit's star ratings, year by year.");
        g.MapGet("/bonus-items", BonusItemsAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Bonus items of a year declared at the caller's unit or below.");
        g.MapPost("/bonus-items", DeclareAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Declare a bonus item for the caller's unit; the unit above reviews it.");
        g.MapPost("/bonus-items/{id}/review", ReviewAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Accept or reject (with a reason) a bonus item of a unit directly below the caller's.");
        return api;
    }

    internal static async Task<Results<Ok<RankingJson>, ValidationProblem>> RankAsync(
        [AsParameters] RankingQuery query, HttpContext http, CurrentUser user, ScorecardQuery scorecards, TimeProvider time, CancellationToken ct)
    {
        var (errors, period, kind) = RankingViews.Parse(query, time);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var ranking = await scorecards.RankAsync(user.CountyId, user.UnitPath, period, ct);
        return TypedResults.Ok(EvaluationJson.From(RankingViews.Order(ranking, query, kind), RequestLanguage.Of(http.Request)));
    }

    internal static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        [AsParameters] RankingQuery query, string? lang, HttpContext http, CurrentUser user, ScorecardQuery scorecards, OrgStore orgs, TimeProvider time, CancellationToken ct)
    {
        var (errors, period, kind) = RankingViews.Parse(query, time);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var language = lang == "en" ? MessageLanguage.English : lang == "zh" ? MessageLanguage.Chinese : RequestLanguage.Of(http.Request);
        var ranking = await scorecards.RankAsync(user.CountyId, user.UnitPath, period, ct);
        var unit = await orgs.GetUnitAsync(user.UnitId, ct);
        var bytes = RankingWorkbook.Write(RankingViews.Order(ranking, query, kind), unit?.Name ?? "", language);
        return TypedResults.File(bytes, RankingWorkbook.ContentType, $"ranking-{period}.xlsx");
    }

    internal static async Task<Results<Ok<ScorecardJson>, NotFound, ValidationProblem>> UnitAsync(
        long unitId, string? period, HttpContext http, CurrentUser user, ScorecardQuery scorecards, TimeProvider time, CancellationToken ct)
    {
        var (errors, parsed, _) = RankingViews.Parse(new RankingQuery(period, null, null, null), time);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var score = await scorecards.UnitAsync(user.CountyId, user.UnitPath, unitId, parsed, ct);
        return score is null ? TypedResults.NotFound() : TypedResults.Ok(EvaluationJson.From(score, 0, RequestLanguage.Of(http.Request)));
    }

    internal static async Task<Ok<IReadOnlyList<StoredScheme>>> SchemesAsync(CurrentUser user, SchemeStore schemes, CancellationToken ct) =>
        TypedResults.Ok(await schemes.VersionsAsync(user.CountyId, ct));

    internal static async Task<Results<Created<ScoringScheme>, ValidationProblem, ProblemHttpResult>> SaveSchemeAsync(
        SchemeRequest request, HttpContext http, CurrentUser user, SchemeStore schemes, TimeProvider time, CancellationToken ct)
    {
        var check = SchemeEditing.Check(request, ChinaTime.DateOf(time.GetUtcNow()));
        if (!check.Malformed.IsEmpty)
        {
            return check.Malformed.ToProblem(http);
        }

        if (check.Scheme is null)
        {
            return check.Problems.ToUnprocessable(http);
        }

        var saved = await schemes.SaveAsync(user.CountyId, check.Scheme, user.ToAuditActor(), ct);
        return TypedResults.Created($"/api/v1/scoring-schemes", saved);
    }

    internal static async Task<Results<Ok<IReadOnlyList<StarRating>>, ValidationProblem>> RateYearAsync(
        RateYearRequest request, HttpContext http, CurrentUser user, StarRatingStore stars, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Required("year", request.Year))
        {
            errors.InRange("year", request.Year, ScorePeriod.MinYear, ChinaTime.DateOf(time.GetUtcNow()).Year);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return TypedResults.Ok(await stars.RateYearAsync(user.CountyId, user.UnitPath, request.Year!.Value, user.ToAuditActor(), ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<StarRating>>, NotFound>> StarHistoryAsync(
        long unitId, CurrentUser user, OrgStore orgs, StarRatingStore stars, CancellationToken ct)
    {
        var unit = await orgs.GetUnitAsync(unitId, ct);
        return unit is null || !user.Sees(unit.Path) ? TypedResults.NotFound() : TypedResults.Ok(await stars.HistoryAsync(unitId, ct));
    }

    internal static async Task<Results<Ok<IReadOnlyList<BonusItem>>, ValidationProblem>> BonusItemsAsync(
        int? year, HttpContext http, CurrentUser user, BonusItemStore bonuses, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.InRange("year", year, ScorePeriod.MinYear, ScorePeriod.MaxYear);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return TypedResults.Ok(await bonuses.ListAsync(user.UnitPath, year ?? ChinaTime.DateOf(time.GetUtcNow()).Year, ct));
    }

    internal static async Task<Results<Created<BonusItem>, ValidationProblem>> DeclareAsync(
        BonusRequest request, HttpContext http, CurrentUser user, BonusItemStore bonuses, SchemeStore schemes, OrgStore orgs, TimeProvider time, CancellationToken ct)
    {
        var (errors, item) = await ValidateDeclarationAsync(request, user, schemes, orgs, time, ct);
        if (item is null)
        {
            return errors.ToProblem(http);
        }

        var id = await bonuses.DeclareAsync(item, user.ToAuditActor(), ct);
        var stored = (await bonuses.ListAsync(user.UnitPath, item.Year, ct)).Single(b => b.Id == id);
        return TypedResults.Created($"/api/v1/bonus-items/{id}", stored);
    }

    /// <summary>The declaration's errors, or the item to store; the page's form uses it too.</summary>
    internal static async Task<(ValidationErrors Errors, NewBonusItem? Item)> ValidateDeclarationAsync(
        BonusRequest request, CurrentUser user, SchemeStore schemes, OrgStore orgs, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var thisYear = ChinaTime.DateOf(time.GetUtcNow()).Year;
        if (errors.Required("year", request.Year))
        {
            errors.InRange("year", request.Year, ScorePeriod.MinYear, thisYear);
        }

        if (errors.Required("kind", request.Kind) && errors.IsEmpty)
        {
            var scheme = await schemes.InEffectAsync(user.CountyId, new DateOnly(request.Year!.Value, 1, 1), ct);
            errors.OneOf("kind", request.Kind, [.. scheme.Bonuses.Select(b => b.Code)]);
        }

        errors.Required("title", request.Title);
        errors.MaxLength("title", request.Title, BonusItemStore.MaxTitle);
        errors.MaxLength("note", request.Note, BonusItemStore.MaxNote);
        errors.MaxLength("attachmentRef", request.AttachmentRef, BonusItemStore.MaxAttachmentRef);
        var unit = await orgs.GetUnitAsync(user.UnitId, ct);
        if (unit?.ParentId is null)
        {
            errors.Add("unit", ValidationMessages.NoLevelAbove);
        }

        return errors.IsEmpty
            ? (errors, new NewBonusItem(user.UnitId, request.Year!.Value, request.Kind!, request.Title!.Trim(), Blank(request.Note), Blank(request.AttachmentRef)))
            : (errors, null);
    }

    internal static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        long id, BonusReviewRequest request, HttpContext http, CurrentUser user, BonusItemStore bonuses, CancellationToken ct)
    {
        var errors = ValidateReview(request);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        return await bonuses.ReviewAsync(id, user.UnitId, request.Accept!.Value, Blank(request.Reason), user.ToAuditActor(), ct) switch
        {
            ReviewOutcome.Done => TypedResults.NoContent(),
            ReviewOutcome.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: RequestLanguage.Of(http.Request) == MessageLanguage.English
                ? "This bonus item has already been reviewed." : "该加分项已审核。"),
        };
    }

    internal static ValidationErrors ValidateReview(BonusReviewRequest request)
    {
        var errors = new ValidationErrors();
        errors.Required("accept", request.Accept);
        errors.MaxLength("reason", request.Reason, BonusItemStore.MaxReviewReason);
        if (request.Accept == false && string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add("reason", ValidationMessages.ReasonRequiredToReject);
        }

        return errors;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Registration of the evaluation services and endpoints.</summary>
public static class EvaluationSetup
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddSingleton<SchemeStore>();
        services.AddSingleton<ScorecardQuery>();
        services.AddSingleton<StarRatingStore>();
        services.AddSingleton<BonusItemStore>();
        return services;
    }
}
