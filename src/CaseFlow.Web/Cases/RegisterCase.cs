using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Parties;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Cases;

/// <summary>The register-dispute request of the API contract. Enum-like fields are strings so a bad value is a field error.</summary>
public sealed record RegisterCaseRequest(
    string? Channel,
    DateTimeOffset? ReceivedAt,
    EnterpriseRequest? Enterprise,
    IReadOnlyList<WorkerRequest?>? Workers,
    IReadOnlyList<string?>? ClaimTypes,
    string? Description,
    SignalsRequest? Signals,
    int? WorkersInvolved);

/// <summary>An existing enterprise by <c>id</c>, or a new one by name, credit code and the unit it sits under.</summary>
public sealed record EnterpriseRequest(long? Id, string? Name, string? CreditCode, long? UnitId);

/// <param name="IdType">
/// The identity document: residentId (the default), foreignPermanentResident, hkMacauResidencePermit,
/// taiwanResidencePermit, hkMacauTravelPermit, taiwanTravelPermit, passport, or none (registered without a number: the
/// case shows 证件待补录 and the mediator is reminded).
/// </param>
/// <param name="IdCountry">A passport's issuing country, ISO 3166-1 alpha-3 (VNM).</param>
public sealed record WorkerRequest(
    string? Name, string? IdNumber, string? Phone, decimal? AmountOwed, decimal? MonthsOwed, string? IdType = null, string? IdCountry = null);

public sealed record SignalsRequest(bool EmployerAbsconded, bool ProductionStopped, bool CollectiveAction, bool OrderToPayIgnored);

/// <summary>Either the field errors of a registration or the case it created.</summary>
/// <param name="VisibleToCaller">Whether the case stayed in the registrar's units (routing may send it above them).</param>
internal sealed record RegistrationOutcome(ValidationErrors? Errors, CaseDetail? Case, bool VisibleToCaller);

/// <summary><c>POST /api/v1/cases</c>: register a dispute, grade it, route it by colour.</summary>
internal static class RegisterCase
{
    public const int MaxWorkers = 500;

    public static readonly IReadOnlyList<string> Channels = Names<Channel>();
    public static readonly IReadOnlyList<string> ClaimTypeNames = Names<ClaimType>();

    public static async Task<Results<Created<CaseView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterCaseRequest request,
        HttpContext http,
        CurrentUser user,
        CaseCommands commands,
        CaseQueries queries,
        TimeProvider time,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var outcome = await RegisterAsync(request, user, commands, queries, now, ct);
        if (outcome.Errors is { } errors)
        {
            // A county without a ladder is no fault of the request's fields: 422, with the same field errors.
            return errors.Errors.Any(e => e.Key == ValidationMessages.NoMediationLadder) ? errors.ToUnprocessable(http) : errors.ToProblem(http);
        }

        var detail = outcome.Case!;
        http.Response.Headers.ETag = CaseJson.ETag(detail.Version);
        return TypedResults.Created($"/api/v1/cases/{detail.Id}", CaseJson.From(detail, user, RequestLanguage.Of(http.Request), now));
    }

    /// <summary>
    /// Validates, registers and reads the new case back: the one path the API and the pages share. A case routed
    /// above the caller's units is still read back once, so the registrar sees the grade it got.
    /// </summary>
    internal static async Task<RegistrationOutcome> RegisterAsync(
        RegisterCaseRequest request, CurrentUser user, CaseCommands commands, CaseQueries queries, DateTimeOffset now, CancellationToken ct)
    {
        var errors = Validate(request, now);
        if (!errors.IsEmpty)
        {
            return new RegistrationOutcome(errors, null, false);
        }

        CaseResult result;
        try
        {
            result = await commands.RegisterAsync(ToRegistration(request), user.Actor, ct);
        }
        catch (CaseRegistrationException e)
        {
            return new RegistrationOutcome(new ValidationErrors().Add(e.Field, e.Message), null, false);
        }

        if (await queries.GetAsync(result.Case.Id, user.Viewer, ct) is { } visible)
        {
            return new RegistrationOutcome(null, visible, true);
        }

        var routedAway = await queries.GetAsync(result.Case.Id, "/", ct)
            ?? throw new InvalidOperationException("A case just registered cannot be read back.");
        return new RegistrationOutcome(null, routedAway, false);
    }

    internal static ValidationErrors Validate(RegisterCaseRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        var today = ChinaTime.DateOf(now);
        if (errors.Required("channel", request.Channel))
        {
            errors.OneOf("channel", request.Channel, Channels);
        }

        if (errors.Required("receivedAt", request.ReceivedAt) && request.ReceivedAt is { } received)
        {
            // A few minutes of clock skew between a browser and the server is not "the future".
            if (received > now.AddMinutes(5))
            {
                errors.Add("receivedAt", ValidationMessages.DateInFuture);
            }

            errors.NotBefore("receivedAt", ChinaTime.DateOf(received), today.AddYears(-1));
        }

        ValidateEnterprise(errors, request.Enterprise);

        if (request.Workers is not { Count: > 0 } workers)
        {
            errors.Add("workers", ValidationMessages.Required);
        }
        else if (workers.Count > MaxWorkers)
        {
            errors.Add("workers", ValidationMessages.OutOfRange, 1, MaxWorkers);
        }
        else
        {
            for (var i = 0; i < workers.Count; i++)
            {
                ValidateWorker(errors, i, workers[i], today);
            }

            // Each amount may be plausible and their sum not: a case's total has its own bound.
            if (workers.Sum(w => w?.AmountOwed is > 0 and <= MoneyLimits.PerWorker ? w.AmountOwed.Value : 0m) > MoneyLimits.PerCase)
            {
                errors.Add("workers", ValidationMessages.TotalTooLarge, MoneyLimits.PerCase.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (request.ClaimTypes is not { Count: > 0 } claims)
        {
            errors.Add("claimTypes", ValidationMessages.Required);
        }
        else
        {
            for (var i = 0; i < claims.Count; i++)
            {
                errors.OneOf($"claimTypes[{i}]", claims[i], ClaimTypeNames);
            }
        }

        errors.MaxLength("description", request.Description, TextLimits.Description);
        errors.InRange("workersInvolved", request.WorkersInvolved, 0, 100_000);
        return errors;
    }

    private static void ValidateEnterprise(ValidationErrors errors, EnterpriseRequest? enterprise)
    {
        if (enterprise is null)
        {
            errors.Add("enterprise", ValidationMessages.Required);
            return;
        }

        if (enterprise.Id is { } id)
        {
            errors.InRange("enterprise.id", id, 1, long.MaxValue);
            return;
        }

        errors.Name("enterprise.name", enterprise.Name, TextLimits.EnterpriseName);

        errors.CreditCode("enterprise.creditCode", enterprise.CreditCode);
        if (errors.Required("enterprise.unitId", enterprise.UnitId))
        {
            errors.InRange("enterprise.unitId", enterprise.UnitId, 1, long.MaxValue);
        }
    }

    private static void ValidateWorker(ValidationErrors errors, int i, WorkerRequest? worker, DateOnly today)
    {
        string F(string field) => ValidationErrors.Item("workers", i, field);
        if (worker is null)
        {
            errors.Add($"workers[{i}]", ValidationMessages.Required);
            return;
        }

        errors.Name(F("name"), worker.Name, TextLimits.PartyName);

        var idType = IdDocumentType.ResidentId;
        if (!string.IsNullOrWhiteSpace(worker.IdType))
        {
            if (!DocumentTypes.TryGetValue(worker.IdType.Trim(), out idType))
            {
                errors.Add(F("idType"), ValidationMessages.UnknownValue, string.Join(", ", DocumentTypes.Keys));
                idType = IdDocumentType.ResidentId;
            }
        }

        if (idType == IdDocumentType.None || errors.Required(F("idNumber"), worker.IdNumber))
        {
            errors.Document(F("idNumber"), F("idCountry"), idType, worker.IdNumber, worker.IdCountry, today);
        }
        else if (!string.IsNullOrWhiteSpace(worker.IdCountry) && idType != IdDocumentType.Passport)
        {
            errors.Add(F("idCountry"), ValidationMessages.DocumentBadCountry);
        }

        if (errors.Required(F("phone"), worker.Phone))
        {
            errors.Mobile(F("phone"), worker.Phone);
        }

        if (errors.Required(F("amountOwed"), worker.AmountOwed))
        {
            errors.Money(F("amountOwed"), worker.AmountOwed, MoneyLimits.PerWorker);
        }

        if (errors.Required(F("monthsOwed"), worker.MonthsOwed))
        {
            errors.NotNegative(F("monthsOwed"), worker.MonthsOwed);
            errors.AtMostTwoDecimals(F("monthsOwed"), worker.MonthsOwed);
            if (worker.MonthsOwed > 240m)
            {
                errors.Add(F("monthsOwed"), ValidationMessages.OutOfRange, 0, 240);
            }
        }
    }

    internal static CaseRegistration ToRegistration(RegisterCaseRequest r)
    {
        var s = r.Signals;
        return new CaseRegistration
        {
            Channel = Parse<Channel>(r.Channel!),
            ReceivedAt = r.ReceivedAt!.Value,
            Enterprise = new EnterpriseRef(r.Enterprise!.Id, r.Enterprise.Name?.Trim(), r.Enterprise.CreditCode is { } code ? CreditCode.Normalize(code) : null, r.Enterprise.UnitId),
            Workers = [.. r.Workers!.Select(w => ToWorker(w!))],
            ClaimTypes = [.. r.ClaimTypes!.Select(c => Parse<ClaimType>(c!)).Distinct()],
            Description = r.Description?.Trim() ?? "",
            DeclaredWorkers = r.WorkersInvolved ?? 0,
            Signals = (s?.EmployerAbsconded == true ? RiskSignals.EmployerAbsconded : 0)
                | (s?.ProductionStopped == true ? RiskSignals.ProductionStopped : 0)
                | (s?.CollectiveAction == true ? RiskSignals.CollectiveAction : 0)
                | (s?.OrderToPayIgnored == true ? RiskSignals.OrderToPayIgnored : 0),
        };
    }

    /// <summary>The API names of the document types (camelCase of <see cref="IdDocumentType"/>).</summary>
    internal static IReadOnlyDictionary<string, IdDocumentType> DocumentTypes { get; } =
        Enum.GetValues<IdDocumentType>().ToDictionary(t => JsonNamingPolicy.CamelCase.ConvertName(t.ToString()), t => t, StringComparer.OrdinalIgnoreCase);

    /// <summary>A validated worker request as the case keeps it: numbers normalised, a passport's country beside it.</summary>
    internal static CaseWorker ToWorker(WorkerRequest w)
    {
        var type = string.IsNullOrWhiteSpace(w.IdType) ? IdDocumentType.ResidentId : DocumentTypes[w.IdType.Trim()];
        return new CaseWorker(
            w.Name!.Trim(),
            type == IdDocumentType.None ? "" : IdentityDocument.Normalize(w.IdNumber),
            MobileNumber.Normalize(w.Phone!),
            w.AmountOwed!.Value,
            w.MonthsOwed!.Value,
            type,
            type == IdDocumentType.Passport ? IdentityDocument.Normalize(w.IdCountry) : null);
    }

    internal static IReadOnlyList<string> Names<T>() where T : struct, Enum =>
        [.. Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    internal static T Parse<T>(string camelName) where T : struct, Enum => Enum.Parse<T>(camelName, ignoreCase: true);
}
