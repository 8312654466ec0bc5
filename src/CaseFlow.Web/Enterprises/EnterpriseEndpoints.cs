using CaseFlow.Data.Enterprises;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Web.Auth;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Enterprises;

/// <summary>The watch list: <c>{ items, total }</c>, highest risk first.</summary>
public sealed record EnterpriseList(IReadOnlyList<RegisterEntry> Items, int Total);

/// <summary>
/// <c>/api/v1/enterprises</c>: the enterprise risk register of the caller's area and one employer's page. An employer
/// outside the caller's area, none of whose cases the caller handles, answers 404 like a missing one.
/// </summary>
public static class EnterpriseEndpoints
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapEnterprises(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var g = api.MapGroup("/enterprises").WithTags("Enterprises");
        g.MapGet("/", ListAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("The risk register of the caller's area, highest risk first; alert=repeatOffender|agreementNotPerformed|criminalThreshold|dishonestyListCandidate|noRecentHealthCheck|screenedAtRisk.");
        g.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.CanActOnCases)
            .WithSummary("One employer: figures, alerts, disputes by year and the cases the caller may open.");
        api.MapHealthChecks();
        return api;
    }

    internal static async Task<Results<Ok<EnterpriseList>, ValidationProblem>> ListAsync(
        string? alert, int? page, int? pageSize, HttpContext http, CurrentUser user, EnterpriseRegister register, CancellationToken ct)
    {
        var errors = new Problems.ValidationErrors();
        var alerts = Enum.GetNames<EnterpriseAlerts>().Where(n => n != nameof(EnterpriseAlerts.None)).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName).ToList();
        errors.OneOf("alert", alert, alerts);
        errors.InRange("page", page, 1, int.MaxValue);
        errors.InRange("pageSize", pageSize, 1, MaxPageSize);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var entries = await register.ListAsync(user.UnitPath, ct);
        if (alert is not null)
        {
            var wanted = Enum.Parse<EnterpriseAlerts>(alert, ignoreCase: true);
            entries = [.. entries.Where(e => e.Alerts.HasFlag(wanted))];
        }

        var size = pageSize ?? 50;
        return TypedResults.Ok(new EnterpriseList([.. entries.Skip(((page ?? 1) - 1) * size).Take(size)], entries.Count));
    }

    internal static async Task<Results<Ok<EnterpriseDetail>, NotFound>> GetAsync(long id, CurrentUser user, EnterpriseRegister register, CancellationToken ct)
    {
        var detail = await register.GetAsync(id, user.UnitPath, ct);
        return detail is null ? TypedResults.NotFound() : TypedResults.Ok(detail);
    }
}

/// <summary>Registration of the register and its options (section <c>EnterpriseRegister</c>).</summary>
public static class EnterpriseSetup
{
    public static IServiceCollection AddEnterpriseRegister(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EnterpriseRegisterOptions>(configuration.GetSection(EnterpriseRegisterOptions.SectionName));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EnterpriseRegisterOptions>>().Value);
        services.AddSingleton<EnterpriseRegister>();
        services.AddSingleton<CaseFlow.Data.Enterprises.HealthCheckStore>();
        return services;
    }
}
