using CaseFlow.Data;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Migrations;
using CaseFlow.Domain;
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
/// every few seconds, the nightly re-grading and the morning digest. Hangfire's cron keeps real time; what is due is
/// decided by the sweep from the deadline rows and the application's <see cref="TimeProvider"/>.
/// </summary>
public static class SchedulingSetup
{
    // The sweep, an overlapping sweep that skips, the nightly re-grading and the digest; each worker is a thread.
    private const int WorkerCount = 4;

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
        var problems = options.Validate(provider);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("CaseFlow cannot schedule its timers:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p)));
        }

        // The morning digest warns about missing calendar years; the host's calendar services, or these on their own.
        services.TryAddSingleton<CalendarStore>();
        services.TryAddSingleton<CalendarCache>();

        services.AddOptions<SchedulingOptions>().Bind(section);
        services.TryAddScoped<DeadlineSweeper>();
        services.TryAddScoped<OpenCaseRegrader>();
        services.TryAddScoped<InboxDigest>();
        if (!options.Enabled)
        {
            // Health keeps its default: no scheduler on this node.
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
        services.AddSingleton<SweepRecord>();
        services.AddSingleton<SchedulerNode>();

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

    /// <summary>Puts the three recurring jobs into the storage at start (memory storage forgets them at every stop).</summary>
    private sealed class RecurringJobsSetup(
        IRecurringJobManager jobs, SchedulerNode node, IOptions<SchedulingOptions> options, TimeProvider time) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var o = options.Value;

            // After downtime the sweep runs at once (Relaxed): it catches up on every missed row itself.
            jobs.AddOrUpdate<DeadlineSweepJob>(
                DeadlineSweepJob.Id, job => job.RunAsync(CancellationToken.None), o.SweepCron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });

            // A missed morning or night is skipped rather than caught up: a digest at noon after a restart says nothing new.
            var daily = new RecurringJobOptions { TimeZone = China, MisfireHandling = MisfireHandlingMode.Ignorable };
            jobs.AddOrUpdate<RegradeOpenCasesJob>(RegradeOpenCasesJob.Id, job => job.RunAsync(CancellationToken.None), o.NightlyRegradeCron, daily);
            jobs.AddOrUpdate<DailyDigestJob>(DailyDigestJob.Id, job => job.RunAsync(CancellationToken.None), o.DailyDigestCron, daily);
            node.StartedAt = time.GetUtcNow();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
