using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Screening;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using CaseFlow.Domain.Screening;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Screening;

public sealed record OpenRoundRequest(string? Period);

/// <param name="Status">normal | late | inArrears | stoppedProduction | ownerUnreachable.</param>
public sealed record RecordRequest(string? Status, decimal? MonthsOwed, int? WorkersOwed, decimal? AmountOwed, string? Note);

public sealed record ReportRequest(string? Note);

/// <summary>What a case opened from a screening record adds to it: the workers who came forward (name, ID, phone, what each is owed).</summary>
public sealed record OpenCaseRequest(IReadOnlyList<WorkerRequest?>? Workers, string? Description, DateTimeOffset? ReceivedAt);

/// <summary>The case a screening record opened.</summary>
public sealed record OpenedCase(long CaseId, string Number, long RecordId, RiskColor? Color, bool VisibleToCaller);

/// <summary>
/// <c>/api/v1/screening</c>: grid screening rounds (三级摸排、逐级上报). A county manager opens a month's round; a village
/// grid records each enterprise of its grid and reports; the town reports its villages upward; each level sees which of
/// the units below have reported. A round of another county, or a record outside the caller's area, answers 404 like a
/// missing one, and the request is audited.
/// </summary>
public static partial class ScreeningEndpoints
{
    public static readonly IReadOnlyList<string> StatusNames =
        [.. Enum.GetNames<WageStatus>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)];

    public const string NotVisibleAction = "screening.not_visible";

    public static RouteGroupBuilder MapScreening(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/screening").WithTags("Screening");
        g.MapGet("/rounds", RoundsAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("The county's screening rounds, newest first, with how many towns and grids reported.");
        g.MapPost("/rounds", OpenRoundAsync).RequireAuthorization(Policies.CanSupervise)
            .WithSummary("Open the county's round for a month (period=2026-12); 409 when it is open already.");
        g.MapGet("/rounds/{id}", RoundAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("A round seen from the caller's unit: the towns or grids below (reported or missing), the grid's enterprises, the records at risk.");
        g.MapPut("/rounds/{id}/records/{enterpriseId}", RecordAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("A village grid records an enterprise's wage-payment status; the grading rules colour it.");
        g.MapPost("/rounds/{id}/report", ReportAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("The caller's grid (village) or town reports its part of the round upward, once; gaps need a note.");
        g.MapGet("/at-risk", AtRiskAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Employers of the caller's area screened at risk with no case yet, highest colour first.");
        g.MapGet("/records/{id}", GetRecordAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("One screening record of the caller's area.");
        g.MapPost("/records/{id}/case", OpenCaseAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("Open a case from a screening record in one step: enterprise, workers involved, signals from the record; the case links back.");
        return api;
    }

    internal static async Task<Ok<IReadOnlyList<RoundSummary>>> RoundsAsync(CurrentUser user, ScreeningStore screening, CancellationToken ct) =>
        TypedResults.Ok(await screening.RoundsAsync(user.CountyId, ct));

    internal static async Task<Results<Created<RoundSummary>, ValidationProblem, ProblemHttpResult>> OpenRoundAsync(
        OpenRoundRequest request, HttpContext http, CurrentUser user, ScreeningStore screening, TimeProvider time, CancellationToken ct)
    {
        var errors = ValidatePeriod(request.Period, time);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var (outcome, id) = await screening.OpenRoundAsync(user.CountyId, request.Period!, user.ToAuditActor(), ct);
        if (outcome == ScreeningOutcome.Exists)
        {
            return Conflict(http, "本月摸排已开启。", "This month's round is open already.");
        }

        var summary = (await screening.RoundsAsync(user.CountyId, ct)).Single(r => r.Id == id);
        return TypedResults.Created($"/api/v1/screening/rounds/{id}", summary);
    }

    internal static async Task<Results<Ok<RoundProgress>, NotFound>> RoundAsync(
        long id, HttpContext http, CurrentUser user, ScreeningStore screening, OrgStore orgs, AuditWriter audit, Database database, CancellationToken ct)
    {
        var unit = await orgs.GetUnitAsync(user.UnitId, ct);
        var progress = unit is null ? null : await screening.ProgressAsync(id, unit, user.CountyId, ct);
        if (progress is null)
        {
            await NotVisibleAsync(http, user, "screening_round", id, audit, database, ct);
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(progress);
    }

    internal static async Task<Results<Ok<ScreeningRecord>, NotFound, ValidationProblem, ProblemHttpResult>> RecordAsync(
        long id, long enterpriseId, RecordRequest request, HttpContext http, CurrentUser user, ScreeningStore screening, OrgStore orgs,
        RiskGrader grader, AuditWriter audit, Database database, CancellationToken ct)
    {
        var (errors, record) = ValidateRecord(id, enterpriseId, request, grader);
        var unit = await orgs.GetUnitAsync(user.UnitId, ct);
        if (unit?.Kind != UnitKind.Village)
        {
            errors.Add("unit", ValidationMessages.NotAGrid);
        }

        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var (outcome, recordId) = await screening.RecordAsync(record!, user.CountyId, unit!, user.ToAuditActor(), ct);
        switch (outcome)
        {
            case ScreeningOutcome.NotFound:
                await NotVisibleAsync(http, user, "screening_round", id, audit, database, ct, enterpriseId);
                return TypedResults.NotFound();
            case ScreeningOutcome.AlreadyReported:
                return Conflict(http, ValidationMessages.Format(ValidationMessages.AlreadyReported, MessageLanguage.Chinese, []),
                    ValidationMessages.Format(ValidationMessages.AlreadyReported, MessageLanguage.English, []));
            default:
                return TypedResults.Ok((await screening.GetRecordAsync(recordId, user.UnitPath, ct))!);
        }
    }

    internal static async Task<Results<Created<ScreeningReport>, NotFound, ValidationProblem, ProblemHttpResult>> ReportAsync(
        long id, ReportRequest request, HttpContext http, CurrentUser user, ScreeningStore screening, OrgStore orgs, AuditWriter audit, Database database, CancellationToken ct)
    {
        var unit = await orgs.GetUnitAsync(user.UnitId, ct);
        var (errors, outcome) = await SubmitReportAsync(id, request, user, unit, screening, ct);
        switch (outcome)
        {
            case null:
                return errors.ToProblem(http);
            case ScreeningOutcome.NotFound:
                await NotVisibleAsync(http, user, "screening_round", id, audit, database, ct);
                return TypedResults.NotFound();
            case ScreeningOutcome.AlreadyReported:
                return Conflict(http, "本单位已上报本轮摸排。", "Your unit has reported this round already.");
            default:
                var progress = await screening.ProgressAsync(id, unit!, user.CountyId, ct);
                return TypedResults.Created($"/api/v1/screening/rounds/{id}", progress!.OwnReport!);
        }
    }

    /// <summary>Validates and reports: the errors with a null outcome, or what the store made of it. The page posts through here too.</summary>
    internal static async Task<(ValidationErrors Errors, ScreeningOutcome? Outcome)> SubmitReportAsync(
        long roundId, ReportRequest request, CurrentUser user, OrgUnit? unit, ScreeningStore screening, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.MaxLength("note", request.Note, ScreeningStore.MaxNote);
        if (unit?.Kind is not (UnitKind.Village or UnitKind.Town))
        {
            errors.Add("unit", ValidationMessages.NotAReportingLevel);
        }

        if (!errors.IsEmpty)
        {
            return (errors, null);
        }

        var (outcome, gaps) = await screening.ReportAsync(roundId, user.CountyId, unit!, Blank(request.Note), user.ToAuditActor(), ct);
        if (outcome == ScreeningOutcome.GapsNeedNote)
        {
            return (errors.Add("note", ValidationMessages.GapsNeedNote, gaps), null);
        }

        return (errors, outcome);
    }

    internal static async Task<Ok<IReadOnlyList<ScreeningRecord>>> AtRiskAsync(CurrentUser user, ScreeningStore screening, CancellationToken ct) =>
        TypedResults.Ok(await screening.AtRiskWithoutCaseAsync(user.UnitPath, ct));

    internal static async Task<Results<Ok<ScreeningRecord>, NotFound>> GetRecordAsync(
        long id, HttpContext http, CurrentUser user, ScreeningStore screening, AuditWriter audit, Database database, CancellationToken ct)
    {
        if (await screening.GetRecordAsync(id, user.UnitPath, ct) is { } record)
        {
            return TypedResults.Ok(record);
        }

        await NotVisibleAsync(http, user, "screening_record", id, audit, database, ct);
        return TypedResults.NotFound();
    }

    internal static async Task<Results<Created<OpenedCase>, NotFound, ValidationProblem, ProblemHttpResult>> OpenCaseAsync(
        long id, OpenCaseRequest request, HttpContext http, CurrentUser user, ScreeningStore screening, CaseCommands commands, CaseQueries queries,
        AuditWriter audit, Database database, TimeProvider time, CancellationToken ct)
    {
        if (await screening.GetRecordAsync(id, user.UnitPath, ct) is not { } record)
        {
            await NotVisibleAsync(http, user, "screening_record", id, audit, database, ct);
            return TypedResults.NotFound();
        }

        var (errors, opened) = await OpenCaseFromAsync(record, request, user, screening, commands, queries, database, time, ct);
        if (opened is not null)
        {
            return TypedResults.Created($"/api/v1/cases/{opened.CaseId}", opened);
        }

        return errors is null
            ? Conflict(http, "该摸排记录已立案。", "A case has been opened from this record already.")
            : errors.ToProblem(http);
    }

    /// <summary>
    /// Registers the case a record stands for and links the record to it, in one transaction. Returns the field errors,
    /// or (null, null) when the record has a case already, or the case opened.
    /// </summary>
    internal static async Task<(ValidationErrors? Errors, OpenedCase? Case)> OpenCaseFromAsync(
        ScreeningRecord record, OpenCaseRequest request, CurrentUser user, ScreeningStore screening, CaseCommands commands, CaseQueries queries,
        Database database, TimeProvider time, CancellationToken ct)
    {
        if (record.CaseId is not null)
        {
            return (null, null);
        }

        var now = time.GetUtcNow();
        var registration = RegistrationOf(record, request, now);
        var errors = RegisterCase.Validate(registration, now);
        if (!errors.IsEmpty)
        {
            return (errors, null);
        }

        CaseResult result;
        try
        {
            result = await database.InTransactionAsync(async (connection, transaction) =>
            {
                var registered = await commands.RegisterAsync(connection, transaction, RegisterCase.ToRegistration(registration), user.Actor, ct);
                return await screening.LinkCaseAsync(connection, transaction, record.Id, registered.Case.Id, user.ToAuditActor(), ct)
                    ? registered
                    : throw new RecordHasCaseException();
            }, ct);
        }
        catch (RecordHasCaseException)
        {
            return (null, null);
        }
        catch (CaseRegistrationException e)
        {
            return (new ValidationErrors().Add(e.Field, e.Message), null);
        }

        var visible = await queries.GetAsync(result.Case.Id, user.Viewer, ct);
        var detail = visible ?? await queries.GetAsync(result.Case.Id, "/", ct)
            ?? throw new InvalidOperationException("A case just registered cannot be read back.");
        return (null, new OpenedCase(detail.Id, detail.Number, record.Id, detail.RiskColor, visible is not null));
    }

    /// <summary>The registration a record stands for: its enterprise, workers involved and signals, with the workers the request names.</summary>
    internal static RegisterCaseRequest RegistrationOf(ScreeningRecord record, OpenCaseRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(request);
        var signals = new SignalsRequest(
            EmployerAbsconded: record.Status == WageStatus.OwnerUnreachable, ProductionStopped: record.Status == WageStatus.StoppedProduction,
            CollectiveAction: false, OrderToPayIgnored: false);
        return new RegisterCaseRequest(
            "gridScreening", request.ReceivedAt ?? now, new EnterpriseRequest(record.EnterpriseId, null, null, null), request.Workers,
            ["wageArrears"], string.IsNullOrWhiteSpace(request.Description) ? DescriptionOf(record) : request.Description.Trim(), signals, record.WorkersOwed);
    }

    /// <summary>The case description a record suggests, in Chinese as the ledgers keep it.</summary>
    public static string DescriptionOf(ScreeningRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var status = record.Status switch
        {
            WageStatus.InArrears => "欠薪",
            WageStatus.StoppedProduction => "停工停产",
            WageStatus.OwnerUnreachable => "经营者联系不上",
            WageStatus.Late => "工资迟发",
            _ => "工资正常",
        };
        var figures = record.Arrears is { } a
            ? string.Create(CultureInfo.InvariantCulture, $"，{a.Workers}人，{a.MonthsOwed:0.##}个月，合计{a.AmountOwed:#,0.##}元")
            : "";
        return $"{record.Period} 网格摸排（{record.UnitName}）：{status}{figures}。{record.Note}".Trim();
    }

    internal static ValidationErrors ValidatePeriod(string? period, TimeProvider time)
    {
        var errors = new ValidationErrors();
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var earliest = $"{today.Year - 1}-01";
        var latest = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        if (errors.Required("period", period)
            && (!PeriodPattern().IsMatch(period!) || string.CompareOrdinal(period, earliest) < 0 || string.CompareOrdinal(period, latest) > 0))
        {
            errors.Add("period", ValidationMessages.ScreeningPeriod, earliest, latest);
        }

        return errors;
    }

    /// <summary>The record's errors, or the record to store with its grade.</summary>
    internal static (ValidationErrors Errors, RecordScreening? Record) ValidateRecord(long roundId, long enterpriseId, RecordRequest request, RiskGrader grader)
    {
        var errors = new ValidationErrors();
        WageStatus? status = null;
        if (errors.Required("status", request.Status))
        {
            errors.OneOf("status", request.Status, StatusNames);
            if (errors.IsEmpty)
            {
                status = Enum.Parse<WageStatus>(request.Status!, ignoreCase: true);
            }
        }

        errors.Amount("monthsOwed", request.MonthsOwed);
        if (request.MonthsOwed > ScreenedArrears.MaxMonths)
        {
            errors.Add("monthsOwed", ValidationMessages.OutOfRange, 0, ScreenedArrears.MaxMonths);
        }

        errors.InRange("workersOwed", request.WorkersOwed, 1, ScreenedArrears.MaxWorkers);
        errors.Money("amountOwed", request.AmountOwed, MoneyLimits.PerCase);
        errors.MaxLength("note", request.Note, ScreeningStore.MaxNote);

        var given = new (string Field, bool Given)[]
        {
            ("monthsOwed", request.MonthsOwed is not null), ("workersOwed", request.WorkersOwed is not null), ("amountOwed", request.AmountOwed is not null),
        };
        if (status is WageStatus.Normal or WageStatus.Late)
        {
            foreach (var (field, _) in given.Where(g => g.Given))
            {
                errors.Add(field, ValidationMessages.FiguresNotAllowed);
            }
        }
        else if (status == WageStatus.InArrears || (status is not null && given.Any(g => g.Given)))
        {
            // Arrears need all three figures; stopped production or an unreachable owner may come with them, all or none.
            foreach (var (field, _) in given.Where(g => !g.Given))
            {
                errors.Add(field, ValidationMessages.WageStatusNeedsFigures);
            }

            if (status == WageStatus.InArrears)
            {
                if (request.MonthsOwed == 0)
                {
                    errors.Add("monthsOwed", ValidationMessages.OutOfRange, 0.01m, ScreenedArrears.MaxMonths);
                }

                if (request.AmountOwed == 0)
                {
                    errors.Add("amountOwed", ValidationMessages.OutOfRange, 0.01m, MoneyLimits.PerCase);
                }
            }
        }

        if (!errors.IsEmpty)
        {
            return (errors, null);
        }

        var arrears = request.MonthsOwed is { } m && request.WorkersOwed is { } w && request.AmountOwed is { } a ? new ScreenedArrears(m, w, a) : null;
        var grade = ScreeningGrade.Grade(grader, status!.Value, arrears);
        return (errors, new RecordScreening(roundId, enterpriseId, status.Value, arrears, Blank(request.Note), grade));
    }

    /// <summary>Records that the caller asked for a round or record outside their county or area (answered 404).</summary>
    internal static async Task NotVisibleAsync(
        HttpContext http, CurrentUser user, string entity, long id, AuditWriter audit, Database database, CancellationToken ct, long? enterpriseId = null)
    {
        var path = (http.Request.PathBase + http.Request.Path).Value ?? "/";
        await using var connection = await database.OpenAsync(ct);
        await audit.WriteAsync(connection, null, user.ToAuditActor(), NotVisibleAction, entity, id.ToString(CultureInfo.InvariantCulture),
            new { http.Request.Method, Path = path, enterpriseId }, ct);
    }

    private static ProblemHttpResult Conflict(HttpContext http, string zh, string en) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: RequestLanguage.Of(http.Request) == MessageLanguage.English ? en : zh);

    internal static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex PeriodPattern();

    private sealed class RecordHasCaseException : Exception;
}

/// <summary>Registration of the screening store.</summary>
public static class ScreeningSetup
{
    public static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddSingleton<ScreeningStore>();
        return services;
    }
}
