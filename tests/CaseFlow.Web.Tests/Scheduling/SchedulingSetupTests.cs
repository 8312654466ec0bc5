using CaseFlow.Data;
using CaseFlow.Web.Health;
using CaseFlow.Web.Scheduling;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchedulingOptions = CaseFlow.Web.Scheduling.SchedulingOptions;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>The scheduling extension in a real host on a SQLite file: Hangfire wakes the sweep, the rows decide.</summary>
public sealed class SchedulingSetupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sweep_InARunningHost_EscalatesAnOverdueCaseInItsFirstPass_AndARestartedHostDoesNotEscalateItAgain()
    {
        await using var world = await SchedulingHost.CreateAsync();
        var overdue = await world.RegisterAsync(daysAgo: 10);
        var colour = await world.CountAsync("SELECT risk_color FROM cases WHERE id = @Id", new { Id = overdue });

        using (var first = world.Build())
        {
            var record = first.Services.GetRequiredService<SweepRecord>();
            await first.StartAsync();
            var swept = await SchedulingHost.EventuallyAsync(() => Task.FromResult(record.Last() is not null), Patience);
            var escalationsAfterFirstPass = await world.EscalationsAsync(overdue);
            await first.StopAsync();
            swept.Should().BeTrue("the sweep runs every second");
            escalationsAfterFirstPass.Should().Be(1, "the case's level-1 limit passed days ago, so the first pass escalates it");
        }

        // Registered while no node runs: once the restarted node has escalated it, that node has swept every due
        // row, and a second escalation of the first case would have happened in the same sweep.
        var later = await world.RegisterAsync(daysAgo: 10);
        using (var second = world.Build())
        {
            await second.StartAsync();
            var swept = await SchedulingHost.EventuallyAsync(async () => await world.EscalationsAsync(later) > 0, Patience);
            await second.StopAsync();
            swept.Should().BeTrue();
        }

        colour.Should().Be((long)CaseFlow.Domain.Cases.RiskColor.Yellow, "the premise: a yellow case back-entered from a paper ledger");
        (await world.EscalationsAsync(overdue)).Should().Be(1);
        (await world.EscalationsAsync(later)).Should().Be(1);
        (await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(2);
    }

    [Fact]
    public async Task Host_RegistersTheRecurringJobs_DailyOnesInChinaTime_TheBackupOnSqlite_InMemory_AndReportsItsHealth()
    {
        await using var world = await SchedulingHost.CreateAsync();
        using var host = world.Build();
        var health = host.Services.GetRequiredService<ISchedulerHealth>();
        var storage = host.Services.GetRequiredService<JobStorage>();

        await host.StartAsync();
        var running = await SchedulingHost.EventuallyAsync(async () => (await health.CheckAsync(CancellationToken.None)).Status == SchedulerStatus.Running, Patience);
        List<RecurringJobDto> jobs;
        using (var connection = storage.GetConnection())
        {
            jobs = connection.GetRecurringJobs();
        }

        var report = await health.CheckAsync(CancellationToken.None);
        var tables = await world.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND (name LIKE 'qrtz!_%' ESCAPE '!' OR name LIKE '%hangfire%')");
        await host.StopAsync();

        running.Should().BeTrue();
        storage.Should().BeOfType<InMemoryStorage>("on SQLite Hangfire keeps its state in memory; the deadline rows are the truth");
        tables.Should().Be(0, "neither the old job store's tables nor any of Hangfire's are in the case database");
        jobs.Select(j => (j.Id, j.Cron, j.TimeZoneId)).Should().BeEquivalentTo(new[]
        {
            (DeadlineSweepJob.Id, "*/1 * * * * *", "UTC"),
            (CaseFlow.Web.Outbound.OutboxDeliveryJob.Id, "*/5 * * * * *", "UTC"),
            (RegradeOpenCasesJob.Id, "30 2 * * *", "Asia/Shanghai"),
            (DailyDigestJob.Id, "0 8 * * *", "Asia/Shanghai"),
            (SupervisionReminderJob.Id, "5 * * * *", "Asia/Shanghai"),
            (CaseFlow.Web.Screening.OpenScreeningRoundsJob.Id, "5 0 1 * *", "Asia/Shanghai"),
            (BackupJob.Id, "15 3 * * *", "Asia/Shanghai"),
            (ReferralOverdueJob.Id, ReferralOverdueJob.Cron, "UTC"),
        });
        jobs.Should().OnlyContain(j => j.Error == null && j.NextExecution != null);
        report.Servers.Should().ContainSingle().Which.ThisNode.Should().BeTrue();
        report.Servers![0].Name.Should().StartWith(host.Services.GetRequiredService<SchedulerNode>().ServerName + ":");
        (await health.CheckAsync(CancellationToken.None)).Status.Should().Be(SchedulerStatus.Stopped, "a stopped server leaves the storage");
    }

    [Fact]
    public async Task Disabled_RegistersNoScheduler_AndSaysSo()
    {
        await using var world = await SchedulingHost.CreateAsync();
        world.Settings["Scheduling:Enabled"] = "false";
        using var host = world.Build();

        host.Services.GetService<ISchedulerHealth>().Should().BeNull("a node without a scheduler keeps the health default");
        host.Services.GetService<JobStorage>().Should().BeNull();
        host.Services.GetServices<IHostedService>().Should().BeEmpty();
    }

    [Fact]
    public async Task InvalidSettings_AreRefusedAtRegistration_WithEveryProblemNamed()
    {
        await using var world = await SchedulingHost.CreateAsync();
        world.Settings["Scheduling:SweepIntervalSeconds"] = "7";
        world.Settings["Scheduling:Storage"] = "SqlServer";
        world.Settings["Scheduling:DailyDigestCron"] = "every morning";

        var build = () => world.Build();

        build.Should().Throw<InvalidOperationException>()
            .WithMessage("*Scheduling:SweepIntervalSeconds must divide 60*was 7*")
            .WithMessage("*Scheduling:Storage SqlServer needs SQL Server*")
            .WithMessage("*Scheduling:DailyDigestCron*every morning*");
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, null, JobStorageKind.SqlServer)]
    [InlineData(DatabaseProvider.Sqlite, null, JobStorageKind.InMemory)]
    [InlineData(DatabaseProvider.SqlServer, JobStorageKind.InMemory, JobStorageKind.InMemory)]
    public void Storage_DefaultsToTheProvider_UnlessSet(DatabaseProvider provider, JobStorageKind? setting, JobStorageKind expected)
    {
        new SchedulingOptions { Storage = setting }.StorageOn(provider).Should().Be(expected);
    }

    [Fact]
    public void Defaults_SweepEveryFiveSecondsInBatchesOf500_StaleAfterFifteen_AndValidate()
    {
        var options = new SchedulingOptions();

        (options.Enabled, options.SweepIntervalSeconds, options.BatchSize).Should().Be((true, 5, 500));
        (options.SweepCron, options.StaleSweepAge).Should().Be(("*/5 * * * * *", TimeSpan.FromSeconds(15)));
        new SchedulingOptions { SweepIntervalSeconds = 60 }.SweepCron.Should().Be("0 * * * * *");
        options.Validate(DatabaseProvider.Sqlite).Should().BeEmpty();
        options.Validate(DatabaseProvider.SqlServer).Should().BeEmpty();
    }

    [Fact]
    public void SqlServerProvider_UsesHangfiresSqlServerStorage_InItsOwnSchema_WithoutTouchingTheServer()
    {
        // Nothing listens on port 1: a storage that connected (to create or inspect its schema) would fail or hang.
        const string nowhere = "Server=127.0.0.1,1;Database=caseflow;User Id=caseflow;Password=x;Encrypt=False;Connect Timeout=30";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "SqlServer",
            ["Database:ConnectionString"] = nowhere,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(new Database(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = nowhere }));
        services.AddSingleton(TimeProvider.System);
        services.AddCaseFlowScheduling(configuration);
        using var provider = services.BuildServiceProvider();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var storage = provider.GetRequiredService<JobStorage>();

        storage.Should().BeOfType<SqlServerStorage>();
        storage.ToString().Should().Be("SQL Server (custom)", "connections come from CaseFlow's own connection string");
        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "the storage neither installs nor inspects its schema when created");
    }

    [Fact]
    public void SqlServerStorageOptions_AreHangfire18sRecommended_InSchemaHangfire_WithSchemaCreationLeftToMigrate()
    {
        var options = SchedulingSetup.SqlServerStorageOptions();

        options.SchemaName.Should().Be(CaseFlow.Data.Migrations.HangfireSchema.Name).And.Be("hangfire");
        options.PrepareSchemaIfNecessary.Should().BeFalse("caseflow db migrate installs the schema under its lock");
        (options.CommandBatchMaxTimeout, options.SlidingInvisibilityTimeout).Should().Be((TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)));
        options.QueuePollInterval.Should().Be(TimeSpan.Zero);
        (options.UseRecommendedIsolationLevel, options.DisableGlobalLocks, options.TryAutoDetectSchemaDependentOptions).Should().Be((true, true, false));
        options.SqlClientFactory.Should().BeSameAs(Microsoft.Data.SqlClient.SqlClientFactory.Instance);
    }
}
