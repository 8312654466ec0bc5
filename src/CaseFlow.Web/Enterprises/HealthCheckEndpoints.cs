using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Enterprises;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Enterprises;

/// <summary>A legal health check to record: when, who (the performing unit and the people's names), the checklist and follow-ups.</summary>
public sealed record HealthCheckRequest(
    DateOnly? CheckedOn, long? PerformedByUnitId, string? CheckedBy, IReadOnlyList<FindingRequest?>? Findings, string? Note,
    IReadOnlyList<FollowUpRequest?>? FollowUps);

/// <param name="Item">One of labour-contracts, wage-payments, social-insurance, working-hours.</param>
/// <param name="Ok">In order (true) or a problem (false, with a note).</param>
public sealed record FindingRequest(string? Item, bool? Ok, string? Note);

public sealed record FollowUpRequest(string? Item, DateOnly? DueOn, long? ResponsibleUnitId);

public sealed record FollowUpDoneRequest(string? Note);

/// <summary>
/// <c>/api/v1/enterprises/{id}/health-checks</c> and <c>/api/v1/health-check-followups</c>: legal health checks (法律体检)
/// of the enterprises located in the caller's area, and their follow-up items. An enterprise or follow-up outside
/// the area answers 404 like a missing one, and the refusal is audited.
/// </summary>
public static class HealthCheckEndpoints
{
    public const string NotVisibleAction = "enterprise.not_visible";

    public static RouteGroupBuilder MapHealthChecks(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("").WithTags("Health checks");
        g.MapGet("/enterprises/{id}/health-checks", ListAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("The enterprise's legal health checks, newest first, with findings and follow-ups.");
        g.MapPost("/enterprises/{id}/health-checks", RecordAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Record a legal health check: date, performing unit and names, the four-item checklist, follow-ups with due dates.");
        g.MapGet("/health-check-followups", FollowUpsAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Open follow-ups of the caller's area by due date; overdue=true for those past their due date only.");
        g.MapPost("/health-check-followups/{id}/done", DoneAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Mark a follow-up done, with a note.");
        return api;
    }

    internal static async Task<Results<Ok<IReadOnlyList<HealthCheck>>, NotFound>> ListAsync(
        long id, HttpContext http, CurrentUser user, HealthCheckStore checks, AuditWriter audit, Data.Database database, CancellationToken ct)
    {
        var list = await checks.ForEnterpriseAsync(id, user.UnitPath, ct);
        if (list is null)
        {
            await NotVisibleAsync(http, user, "enterprise", id, audit, database, ct);
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(list);
    }

    internal static async Task<Results<Created<HealthCheck>, NotFound, ValidationProblem>> RecordAsync(
        long id, HealthCheckRequest request, HttpContext http, CurrentUser user, HealthCheckStore checks, OrgStore orgs, AuditWriter audit,
        Data.Database database, TimeProvider time, CancellationToken ct)
    {
        if (!await checks.InScopeAsync(id, user.UnitPath, ct))
        {
            await NotVisibleAsync(http, user, "enterprise", id, audit, database, ct);
            return TypedResults.NotFound();
        }

        var (errors, check) = await ValidateAsync(id, request, user, orgs, time, ct);
        if (check is null)
        {
            return errors.ToProblem(http);
        }

        var stored = await checks.RecordAsync(check, user.UnitPath, user.ToAuditActor(), ct);
        if (stored is not { } checkId)
        {
            return TypedResults.NotFound();
        }

        var recorded = (await checks.ForEnterpriseAsync(id, user.UnitPath, ct))!.Single(c => c.Id == checkId);
        return TypedResults.Created($"/api/v1/enterprises/{id}/health-checks", recorded);
    }

    internal static async Task<Ok<IReadOnlyList<HealthFollowUp>>> FollowUpsAsync(bool? overdue, CurrentUser user, HealthCheckStore checks, TimeProvider time, CancellationToken ct) =>
        TypedResults.Ok(await checks.OpenFollowUpsAsync(user.UnitPath, overdue == true, ChinaTime.DateOf(time.GetUtcNow()), ct));

    internal static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DoneAsync(
        long id, FollowUpDoneRequest request, HttpContext http, CurrentUser user, HealthCheckStore checks, AuditWriter audit, Data.Database database, CancellationToken ct)
    {
        var errors = ValidateDone(request);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        switch (await checks.CompleteAsync(id, user.UnitPath, Blank(request.Note), user.ToAuditActor(), ct))
        {
            case FollowUpOutcome.Done:
                return TypedResults.NoContent();
            case FollowUpOutcome.NotFound:
                await NotVisibleAsync(http, user, "health_check_followup", id, audit, database, ct);
                return TypedResults.NotFound();
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: RequestLanguage.Of(http.Request) == MessageLanguage.English
                    ? "This follow-up is already done." : "该整改事项已完成。");
        }
    }

    internal static ValidationErrors ValidateDone(FollowUpDoneRequest request)
    {
        var errors = new ValidationErrors();
        errors.MaxLength("note", request.Note, HealthCheckLimits.DoneNote);
        return errors;
    }

    /// <summary>The request's field errors, or the check to store; the record page uses it too.</summary>
    internal static async Task<(ValidationErrors Errors, NewHealthCheck? Check)> ValidateAsync(
        long enterpriseId, HealthCheckRequest request, CurrentUser user, OrgStore orgs, TimeProvider time, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var today = ChinaTime.DateOf(time.GetUtcNow());
        if (errors.Required("checkedOn", request.CheckedOn))
        {
            errors.NotInFuture("checkedOn", request.CheckedOn, today);
            errors.NotBefore("checkedOn", request.CheckedOn, today.AddDays(-HealthCheckLimits.MaxAgeDays));
        }

        var countyPath = CountyPath(user);
        if (errors.Required("performedByUnitId", request.PerformedByUnitId))
        {
            await UnitOfCountyAsync(errors, "performedByUnitId", request.PerformedByUnitId!.Value, countyPath, orgs, ct);
        }

        errors.Name("checkedBy", request.CheckedBy, HealthCheckLimits.CheckedBy);
        errors.MaxLength("note", request.Note, HealthCheckLimits.Note);

        var findings = request.Findings ?? [];
        if (findings.Count == 0)
        {
            errors.Add("findings", ValidationMessages.NoFindings);
        }

        for (var i = 0; i < findings.Count; i++)
        {
            string F(string field) => ValidationErrors.Item("findings", i, field);
            var finding = findings[i];
            if (finding is null)
            {
                errors.Add($"findings[{i}]", ValidationMessages.Required);
                continue;
            }

            if (errors.Required(F("item"), finding.Item))
            {
                errors.OneOf(F("item"), finding.Item, HealthCheckItems.All);
                if (findings.Take(i).Any(f => f?.Item == finding.Item))
                {
                    errors.Add(F("item"), ValidationMessages.FindingRepeated);
                }
            }

            errors.Required(F("ok"), finding.Ok);
            errors.MaxLength(F("note"), finding.Note, HealthCheckLimits.FindingNote);
            if (finding.Ok == false && string.IsNullOrWhiteSpace(finding.Note))
            {
                errors.Add(F("note"), ValidationMessages.ProblemNeedsNote);
            }
        }

        var followUps = request.FollowUps ?? [];
        if (followUps.Count > HealthCheckLimits.MaxFollowUps)
        {
            errors.Add("followUps", ValidationMessages.OutOfRange, 0, HealthCheckLimits.MaxFollowUps);
        }
        else
        {
            for (var i = 0; i < followUps.Count; i++)
            {
                string F(string field) => ValidationErrors.Item("followUps", i, field);
                var followUp = followUps[i];
                if (followUp is null)
                {
                    errors.Add($"followUps[{i}]", ValidationMessages.Required);
                    continue;
                }

                errors.Name(F("item"), followUp.Item, HealthCheckLimits.FollowUpItem);
                if (errors.Required(F("dueOn"), followUp.DueOn) && request.CheckedOn is { } checkedOn && followUp.DueOn < checkedOn)
                {
                    errors.Add(F("dueOn"), ValidationMessages.DueBeforeCheck);
                }

                if (errors.Required(F("responsibleUnitId"), followUp.ResponsibleUnitId))
                {
                    await UnitOfCountyAsync(errors, F("responsibleUnitId"), followUp.ResponsibleUnitId!.Value, countyPath, orgs, ct);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return (errors, null);
        }

        return (errors, new NewHealthCheck(
            enterpriseId, request.CheckedOn!.Value, request.PerformedByUnitId!.Value, request.CheckedBy!.Trim(),
            [.. findings.Select(f => new HealthFinding(f!.Item!, f.Ok!.Value, Blank(f.Note)))],
            Blank(request.Note),
            [.. followUps.Select(f => new NewFollowUp(f!.Item!.Trim(), f.DueOn!.Value, f.ResponsibleUnitId!.Value))]));
    }

    /// <summary>The path of the caller's county: performing and responsible units are units of that county.</summary>
    internal static string CountyPath(CurrentUser user) => string.Create(CultureInfo.InvariantCulture, $"/{user.CountyId}/");

    private static async Task UnitOfCountyAsync(ValidationErrors errors, string field, long unitId, string countyPath, OrgStore orgs, CancellationToken ct)
    {
        var unit = await orgs.GetUnitAsync(unitId, ct);
        if (unit is null || !unit.Path.StartsWith(countyPath, StringComparison.Ordinal))
        {
            errors.Add(field, ValidationMessages.UnknownUnit);
        }
    }

    /// <summary>Records that the caller asked for an enterprise or follow-up outside their area (or a missing one).</summary>
    internal static async Task NotVisibleAsync(HttpContext http, CurrentUser user, string entity, long id, AuditWriter audit, Data.Database database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await audit.WriteAsync(connection, null, user.ToAuditActor(), NotVisibleAction, entity, id.ToString(CultureInfo.InvariantCulture),
            new { http.Request.Method, Path = (http.Request.PathBase + http.Request.Path).Value }, ct);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
