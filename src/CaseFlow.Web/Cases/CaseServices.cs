using CaseFlow.Data;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Web.Dashboard;
using CaseFlow.Web.Inbox;
using CaseFlow.Web.Notifications;
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
        // Limits are computed on the calendar the database holds now (the snapshot the refresher keeps current).
        services.AddSingleton(sp =>
        {
            var cache = sp.GetRequiredService<CalendarCache>();
            return new DeadlineCalculator(() => cache.Snapshot.Calendar, sp.GetRequiredService<IOptions<TimeLimitOptions>>().Value);
        });
        services.AddSingleton<DeadlinePlanner>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<DashboardOptions>>().Value);
        services.AddSingleton<CaseQueries>();
        services.AddSingleton<CasePageQuery>();
        services.AddSingleton<CaseDocuments>();
        services.AddSingleton<NotificationStore>();
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.SectionName);
        // Checked at start (Startup.ConfigurationProblems) before anything asks for it.
        services.AddSingleton(sp => new PartyNumbers(
            sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value.Key(out var problem) ?? throw new InvalidOperationException(problem)));
        services.AddSingleton<PartyNumberBackfill>();
        services.AddSingleton<NumberSearch>();
        services.AddSingleton<Data.Partners.PartnerStore>();
        services.AddSingleton<Data.Partners.ReferralStore>();
        return services;
    }

    public static RouteGroupBuilder MapCaseEndpoints(this RouteGroupBuilder api) =>
        api.MapCases().MapInbox().MapDashboard().MapWorkflow().MapNotifications().MapPartners().MapReferrals();
}
