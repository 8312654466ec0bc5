using CaseFlow.Data;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// The timers (DESIGN §6–7): Quartz with its tables in CaseFlow's own database, running the deadline sweep every
/// few seconds, the nightly re-grading and the morning digest. Quartz's triggers keep real time; what is due is
/// decided by the sweep from the deadline rows and the application's <see cref="TimeProvider"/>.
/// </summary>
public static class SchedulingSetup
{
    /// <summary>
    /// Registers the sweep, the jobs, the Quartz scheduler and its hosted service, and its <see cref="Health.ISchedulerHealth"/>.
    /// Expects <see cref="Database"/>, <see cref="Data.Cases.CaseStore"/>, <see cref="Data.Cases.CaseCommands"/> and
    /// <see cref="TimeProvider"/> to be registered by the host, and the database migrated before the host starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Scheduling</c> section does not validate; the message lists why.</exception>
    public static IServiceCollection AddCaseFlowScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SchedulingOptions.SectionName);
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var problems = options.Validate(provider);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("CaseFlow cannot schedule its timers:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)));
        }

        services.AddOptions<SchedulingOptions>().Bind(section);
        services.TryAddScoped<DeadlineSweeper>();
        services.TryAddScoped<OpenCaseRegrader>();
        services.TryAddScoped<InboxDigest>();
        if (!options.Enabled)
        {
            // Health keeps its default: no scheduler on this node.
            return services;
        }

        var china = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone) ? zone : ChinaTime.Zone;
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "CaseFlow";

                // On shutdown a sweep stops between rows (each row commits on its own) instead of holding the host.
                s.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            q.UsePersistentStore(store =>
            {
                // Same database as the cases, through the connection string the application's Database resolved.
                if (provider == DatabaseProvider.SqlServer)
                {
                    store.UseSqlServer(d => d.DataSourceFactory = sp =>
                        SqlClientFactory.Instance.CreateDataSource(sp.GetRequiredService<Database>().ConnectionString));
                }
                else
                {
                    store.UseSqlite(d => d.DataSourceFactory = sp =>
                        SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<Database>().ConnectionString));
                }

                store.UseSystemTextJsonSerializer();
                if (options.IsClusteredOn(provider))
                {
                    store.UseClustering();
                }

                store.ProvisionSchema();
            });

            q.ScheduleJob<DeadlineSweepJob>(
                t => t.WithIdentity("deadline-sweep", "caseflow")
                    .StartNow()
                    .WithSchedule(SimpleScheduleBuilder.Create()
                        .WithInterval(TimeSpan.FromSeconds(options.SweepIntervalSeconds))
                        .RepeatForever()
                        // After downtime, sweep at once; the sweep itself catches up on every missed row.
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                j => j.WithIdentity(DeadlineSweepJob.Key));
            q.ScheduleJob<RegradeOpenCasesJob>(
                t => t.WithIdentity("regrade-open-cases", "caseflow").WithSchedule(Daily(options.NightlyRegradeCron, china)),
                j => j.WithIdentity(RegradeOpenCasesJob.Key));
            q.ScheduleJob<DailyDigestJob>(
                t => t.WithIdentity("daily-digest", "caseflow").WithSchedule(Daily(options.DailyDigestCron, china)),
                j => j.WithIdentity(DailyDigestJob.Key));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<Health.ISchedulerHealth, QuartzSchedulerHealth>();
        return services;
    }

    // A missed nightly run is skipped rather than caught up: a digest at noon after a restart says nothing new.
    private static CronScheduleBuilder Daily(string cron, TimeZoneInfo zone) =>
        CronScheduleBuilder.Create(cron).InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing);
}
