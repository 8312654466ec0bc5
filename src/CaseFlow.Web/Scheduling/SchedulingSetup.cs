using CaseFlow.Data;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Migrations;
using CaseFlow.Domain;
using CaseFlow.Web.Outbound;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// The timers (DESIGN §6–7): Hangfire, with its storage in CaseFlow's own SQL Server database (schema [hangfire],
/// installed by <c>caseflow db migrate</c>) or, on the embedded SQLite default, in memory; running the deadline sweep
/// and the outbox delivery every few seconds, the nightly re-grading and the morning digest. Hangfire's cron keeps real time; what is due is
/// decided by the sweep from the deadline rows and the application's <see cref="TimeProvider"/>.
/// </summary>
public static class SchedulingSetup
{
    // The sweep and the outbox delivery, an overlapping run of either that skips, the nightly re-grading and the
    // digest; each worker is a thread.
    private const int WorkerCount = 5;

    /// <summary>
    /// Registers the sweep, the jobs, Hangfire's storage, server and recurring jobs, and its
    /// <see cref="Health.ISchedulerHealth"/>. Expects <see cref="Database"/>, <see cref="Data.Cases.CaseStore"/>,
    /// <see cref="Data.Cases.CaseCommands"/> and <see cref="TimeProvider"/> to be registered by the host, and the
    /// database migrated before the host starts.
    /// </summary>
    /// <exception cref="InvalidOperationException">The <c>Scheduling</c> section does not validate; the message lists why.</exception>
    public static IServiceCollection AddCaseFlowScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SchedulingOptions.SectionName);
        var options = section.Get<SchedulingOptions>() ?? new SchedulingOptions();
        var provider = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite;
        var backupSection = configuration.GetSection(BackupOptions.SectionName);
        var backup = backupSection.Get<BackupOptions>() ?? new BackupOptions();
        var problems = options.Validate(provider).Concat(backup.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("CaseFlow cannot schedule its timers:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)));
        }

        // The morning digest warns about missing calendar years; the host's calendar services, or these on their own.
        services.TryAddSingleton<CalendarStore>();
        services.TryAddSingleton<CalendarCache>();

        services.AddOptions<SchedulingOptions>().Bind(section);
        services.AddOptions<BackupOptions>().Bind(backupSection);
        services.TryAddScoped<DeadlineSweeper>();
        services.TryAddScoped<OpenCaseRegrader>();
        services.TryAddScoped<InboxDigest>();
        // The stores the jobs work through: the host's own where it has them (the same singletons its pages use).
        services.TryAddSingleton<Data.Audit.AuditWriter>();
        services.TryAddSingleton<Data.Supervision.SupervisionStore>();
        services.TryAddSingleton<Data.Partners.ReferralStore>();
        services.TryAddSingleton<Data.Screening.ScreeningStore>();
        services.AddCaseFlowOutbox(configuration);
        if (!options.Enabled)
        {
            // Health keeps its default: no scheduler on this node. The outbox is still written here (rows in the
            // business transaction); its delivery job needs Hangfire, so another node delivers.
            services.RemoveAll<OutboxDeliveryJob>();
            return services;
        }

        // This host's own storage and activator, registered before AddHangfire so that it does not fall back to
        // Hangfire's process-wide JobStorage.Current and JobActivator.Current (several hosts may share a process).
        var storageKind = options.StorageOn(provider);
        services.AddSingleton<JobStorage>(sp => storageKind == JobStorageKind.SqlServer
            ? SqlServerStorage(sp.GetRequiredService<Database>())
            : new InMemoryStorage(new InMemoryStorageOptions()));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<ILoggerFactory>())));

        services.TryAddScoped<DeadlineSweepJob>();
        services.TryAddScoped<RegradeOpenCasesJob>();
        services.TryAddScoped<DailyDigestJob>();
        services.TryAddScoped<SupervisionReminderJob>();
        services.TryAddScoped<ReferralOverdueJob>();
        services.TryAddScoped<Screening.OpenScreeningRoundsJob>();
        services.AddSingleton<SweepRecord>();
        services.AddSingleton<SchedulerNode>();
        services.AddSingleton<JobRuns>();
        if (backup.RunsOn(provider))
        {
            services.TryAddScoped<BackupJob>();
            services.AddSingleton<BackupStatusReader>();
            services.AddSingleton<Health.IBackupHealth>(sp => sp.GetRequiredService<BackupStatusReader>());
        }

        // This host's job filters beside Hangfire's global ones (the retry attributes): a filter added to the global
        // collection would run in every host of the process.
        services.AddSingleton<Hangfire.Common.IJobFilterProvider>(sp => new Hangfire.Common.JobFilterProviderCollection(
            Hangfire.Common.JobFilterProviders.Providers,
            new Hangfire.Common.JobFilterCollection { new JobLogFilter(sp.GetRequiredService<JobRuns>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<TimeProvider>()) }));

        // Hosted services start in order: the recurring jobs are in the storage before the server polls it.
        services.AddHostedService<RecurringJobsSetup>();
        services.AddHangfireServer((sp, server) =>
        {
            server.ServerName = sp.GetRequiredService<SchedulerNode>().ServerName;
            server.WorkerCount = WorkerCount;

            // At the default 15 s, a 5 s cron is checked only every 15 s and its runs silently merge.
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddSingleton<Health.ISchedulerHealth, HangfireSchedulerHealth>();
        return services;
    }

    private static SqlServerStorage SqlServerStorage(Database database) =>
        new(() => new SqlConnection(database.ConnectionString), SqlServerStorageOptions());

    /// <summary>The Hangfire 1.8 recommended settings; the schema is installed by <c>caseflow db migrate</c>, never here.</summary>
    internal static SqlServerStorageOptions SqlServerStorageOptions() => new()
    {
        SchemaName = HangfireSchema.Name,
        PrepareSchemaIfNecessary = false,
        CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
        SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
        QueuePollInterval = TimeSpan.Zero,
        UseRecommendedIsolationLevel = true,
        DisableGlobalLocks = true,

        // What auto-detection would find is known: migrate installs the latest schema (9; IGNORE_DUP_KEY needs 8).
        // Detecting it would open a connection in the storage's constructor, before the host has even started.
        TryAutoDetectSchemaDependentOptions = false,
        UseIgnoreDupKeyOption = true,
        SqlClientFactory = SqlClientFactory.Instance,
    };

    /// <summary>China time for the daily jobs: the system's Asia/Shanghai, or a fixed UTC+8 where the system has no zone data.</summary>
    internal static TimeZoneInfo China =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Shanghai", out var zone) ? zone : ChinaTime.Zone;

    /// <summary>Puts the recurring jobs into the storage at start (memory storage forgets them at every stop).</summary>
    private sealed class RecurringJobsSetup(
        IRecurringJobManager jobs, SchedulerNode node, IOptions<SchedulingOptions> options, IOptions<OutboxOptions> outbox,
        IOptions<BackupOptions> backup, Database database, TimeProvider time) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;

            // After downtime the sweep runs at once (Relaxed): it catches up on every missed row itself.
            jobs.AddOrUpdate<DeadlineSweepJob>(
                DeadlineSweepJob.Id, job => job.RunAsync(CancellationToken.None), o.SweepCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

            // The outbox rows keep their own schedule (next_attempt_at): a missed run is simply the next one.
            jobs.AddOrUpdate<OutboxDeliveryJob>(
                OutboxDeliveryJob.Id, job => job.RunAsync(CancellationToken.None), outbox.Value.DeliveryCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

            jobs.AddOrUpdate<ReferralOverdueJob>(
                ReferralOverdueJob.Id, job => job.RunAsync(CancellationToken.None), ReferralOverdueJob.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

            // A missed morning or night is skipped rather than caught up: a digest at noon after a restart says nothing new.
            var daily = new RecurringJobOptions { TimeZone = China, MisfireHandling = MisfireHandlingMode.Ignorable };
            jobs.AddOrUpdate<RegradeOpenCasesJob>(RegradeOpenCasesJob.Id, job => job.RunAsync(CancellationToken.None), o.NightlyRegradeCron, daily);
            jobs.AddOrUpdate<DailyDigestJob>(DailyDigestJob.Id, job => job.RunAsync(CancellationToken.None), o.DailyDigestCron, daily);
            jobs.AddOrUpdate<SupervisionReminderJob>(SupervisionReminderJob.Id, job => job.RunAsync(CancellationToken.None), SupervisionReminderJob.Cron, daily);
            // A month's round missed while the node was down is opened as soon as it is back (Relaxed); opening is idempotent.
            jobs.AddOrUpdate<Screening.OpenScreeningRoundsJob>(
                Screening.OpenScreeningRoundsJob.Id, job => job.RunAsync(CancellationToken.None), Screening.OpenScreeningRoundsJob.Cron,
                new RecurringJobOptions { TimeZone = China, MisfireHandling = MisfireHandlingMode.Relaxed });
            if (backup.Value.RunsOn(database.Provider))
            {
                jobs.AddOrUpdate<BackupJob>(BackupJob.Id, job => job.RunAsync(CancellationToken.None), backup.Value.Cron, daily);
            }
            else
            {
                // SQL Server storage keeps recurring jobs: one registered while the backup was on goes when it is off.
                jobs.RemoveIfExists(BackupJob.Id);
            }

            node.StartedAt = time.GetUtcNow();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
