using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Web.Dashboard;
using CaseFlow.Web.Inbox;
using CaseFlow.Web.Partners;
using CaseFlow.Web.Workflow;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Cases;

/// <summary>Registration of the case services and endpoints.</summary>
public static class CaseServices
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton(sp => new RiskGrader(sp.GetRequiredService<IOptions<GradingOptions>>().Value));
        services.AddSingleton(sp => new DeadlineCalculator(WorkingCalendar.China(), sp.GetRequiredService<IOptions<TimeLimitOptions>>().Value));
        services.AddSingleton<DeadlinePlanner>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<Data.Partners.PartnerStore>();
        return services;
    }

    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api) =>
        api.MapCases().MapInbox().MapDashboard().MapWorkflow().MapPartners();
}
