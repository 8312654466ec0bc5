using CaseFlow.Data;
using CaseFlow.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using SchedulingOptions = CaseFlow.Web.Scheduling.SchedulingOptions;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>The scheduling extension in a real host on a SQLite file: Quartz wakes the sweep, the rows decide.</summary>
public sealed class SchedulingSetupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Sweep_InARunningHost_EscalatesAnOverdueCase_AndARestartedHostDoesNotEscalateItAgain()
    {
        await using var world = await SchedulingHost.CreateAsync();
        var overdue = await world.RegisterAsync(daysAgo: 10);

        using (var first = world.Build())
        {
            await first.StartAsync();
            var escalated = await SchedulingHost.EventuallyAsync(async () => await world.EscalationsAsync(overdue) > 0, Patience);
            await first.StopAsync();
            escalated.Should().BeTrue("the sweep runs every second and the case's level-1 limit passed days ago");
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

        (await world.EscalationsAsync(overdue)).Should().Be(1);
        (await world.EscalationsAsync(later)).Should().Be(1);
        (await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(2);
    }

    [Fact]
    public async Task Host_KeepsQuartzInTheCaseDatabase_WithTheThreeJobs_AndReportsItsHealth()
    {
        await using var world = await SchedulingHost.CreateAsync();
        using var host = world.Build();
        var health = host.Services.GetRequiredService<CaseFlow.Web.Health.ISchedulerHealth>();

        await host.StartAsync();
        var running = await SchedulingHost.EventuallyAsync(async () => await health.CheckAsync(CancellationToken.None) == CaseFlow.Web.Health.SchedulerStatus.Running, Patience);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var jobs = new[] { DeadlineSweepJob.Key, RegradeOpenCasesJob.Key, DailyDigestJob.Key };
        var exists = await Task.WhenAll(jobs.Select(async k => await scheduler.Exists(k, CancellationToken.None)));
        var quartzTables = await world.CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'qrtz!_%' ESCAPE '!'");
        await host.StopAsync();

        running.Should().BeTrue();
        exists.Should().AllBeEquivalentTo(true);
        quartzTables.Should().BeGreaterThan(0, "the schema is provisioned in the same SQLite file as the cases");
        (await health.CheckAsync(CancellationToken.None)).Should().Be(CaseFlow.Web.Health.SchedulerStatus.Stopped);
    }

    [Fact]
    public async Task Disabled_RegistersNoScheduler_AndSaysSo()
    {
        await using var world = await SchedulingHost.CreateAsync();
        world.Settings["Scheduling:Enabled"] = "false";
        using var host = world.Build();

        host.Services.GetService<CaseFlow.Web.Health.ISchedulerHealth>().Should().BeNull("a node without a scheduler keeps the health default");
        host.Services.GetService<ISchedulerFactory>().Should().BeNull();
        host.Services.GetServices<IHostedService>().Should().BeEmpty();
    }

    [Fact]
    public async Task InvalidSettings_AreRefusedAtRegistration_WithEveryProblemNamed()
    {
        await using var world = await SchedulingHost.CreateAsync();
        world.Settings["Scheduling:SweepIntervalSeconds"] = "0";
        world.Settings["Scheduling:Clustered"] = "true";
        world.Settings["Scheduling:DailyDigestCron"] = "every morning";

        var build = () => world.Build();

        build.Should().Throw<InvalidOperationException>()
            .WithMessage("*Scheduling:SweepIntervalSeconds*")
            .WithMessage("*Scheduling:Clustered needs SQL Server*")
            .WithMessage("*Scheduling:DailyDigestCron*every morning*");
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer, null, true)]
    [InlineData(DatabaseProvider.Sqlite, null, false)]
    [InlineData(DatabaseProvider.SqlServer, false, false)]
    public void Clustered_DefaultsToTheProvider_UnlessSet(DatabaseProvider provider, bool? setting, bool expected)
    {
        new SchedulingOptions { Clustered = setting }.IsClusteredOn(provider).Should().Be(expected);
    }

    [Fact]
    public void Defaults_SweepEveryFiveSecondsInBatchesOf500_AndValidate()
    {
        var options = new SchedulingOptions();

        (options.Enabled, options.SweepIntervalSeconds, options.BatchSize).Should().Be((true, 5, 500));
        options.Validate(DatabaseProvider.Sqlite).Should().BeEmpty();
        options.Validate(DatabaseProvider.SqlServer).Should().BeEmpty();
    }
}
