using System.Diagnostics;
using CaseFlow.Web.Health;
using CaseFlow.Web.Scheduling;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>The sweep as Hangfire runs it: its lock, two nodes on one database, a restart with a backlog, its health.</summary>
public sealed class DeadlineSweepJobTests(ITestOutputHelper output)
{
    /// <summary>Overdue deadlines waiting when a node comes back; the sweep drains them in one run.</summary>
    private const int Backlog = 10_000;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ABusyLock_MakesEachRunSkipAndSucceed_NotFail_AndTheSweepGoesOnOnceItIsFree()
    {
        await using var world = await SchedulingHost.CreateAsync();
        var overdue = await world.RegisterAsync(daysAgo: 10);
        using var host = world.Build();
        var storage = host.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();

        long skippedRuns;
        using (var connection = storage.GetConnection())
        using (connection.AcquireDistributedLock(DeadlineSweepJob.LockResource, TimeSpan.FromSeconds(5)))
        {
            // Another node's sweep, as far as this host can tell.
            await host.StartAsync();
            await SchedulingHost.EventuallyAsync(() => Task.FromResult(SchedulingHost.SucceededRuns<DeadlineSweepJob>(monitoring) >= 3), Patience);
            skippedRuns = SchedulingHost.SucceededRuns<DeadlineSweepJob>(monitoring);
            (await world.EscalationsAsync(overdue)).Should().Be(0, "no run swept while the lock was held");
            host.Services.GetRequiredService<SweepRecord>().Last().Should().BeNull("a skipped run is no completed sweep");
        }

        var escalated = await SchedulingHost.EventuallyAsync(async () => await world.EscalationsAsync(overdue) == 1, Patience);
        var failed = monitoring.FailedCount();
        var deleted = monitoring.DeletedListCount();
        var why = Failures(monitoring);
        await host.StopAsync();
        output.WriteLine(why);

        skippedRuns.Should().BeGreaterThanOrEqualTo(3, "each skipped run ends as succeeded");
        (failed, deleted).Should().Be((0, 0), "a busy lock fails no run (a failed sweep would be deleted, so both count); {0}", why);
        escalated.Should().BeTrue("the first run after the lock was released swept the case");
    }

    [Fact]
    public async Task TwoHostsSweepingOneDatabaseAtOnce_EscalateEachDueCaseExactlyOnce()
    {
        await using var world = await SchedulingHost.CreateAsync();
        world.Settings["Scheduling:BatchSize"] = "25";
        var ids = await world.RegisterManyAsync(300, daysAgo: 10);
        var (logsA, logsB) = (new LogCapture(), new LogCapture());
        using var a = world.Build(logsA);
        using var b = world.Build(logsB);
        var (storageA, storageB) = (a.Services.GetRequiredService<JobStorage>(), b.Services.GetRequiredService<JobStorage>());

        // The premise: each host's sweep lock lives in its own memory storage, so holding one does not exclude the
        // other. Only the rows' claim-then-act keeps the two from escalating a case twice.
        bool bothHeld;
        using (var connectionA = storageA.GetConnection())
        using (connectionA.AcquireDistributedLock(DeadlineSweepJob.LockResource, TimeSpan.Zero))
        using (var connectionB = storageB.GetConnection())
        using (connectionB.AcquireDistributedLock(DeadlineSweepJob.LockResource, TimeSpan.Zero))
        {
            bothHeld = true;
        }

        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        var drained = await SchedulingHost.EventuallyAsync(
            async () => await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'") == ids.Count, Patience);
        var (recordA, recordB) = (a.Services.GetRequiredService<SweepRecord>(), b.Services.GetRequiredService<SweepRecord>());
        var bothSwept = await SchedulingHost.EventuallyAsync(() => Task.FromResult(recordA.Last() is not null && recordB.Last() is not null), Patience);
        await Task.WhenAll(a.StopAsync(), b.StopAsync());

        bothHeld.Should().BeTrue();
        drained.Should().BeTrue();
        bothSwept.Should().BeTrue("both nodes swept the same database");
        (await world.CountAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(ids.Count);
        (await world.CountAsync("SELECT COUNT(*) FROM (SELECT case_id FROM case_events WHERE trigger_name = 'DeadlineElapsed' GROUP BY case_id HAVING COUNT(*) > 1) AS twice"))
            .Should().Be(0, "no case escalated twice");
        var runs = logsA.Where("Deadline sweep:").Concat(logsB.Where("Deadline sweep:")).ToList();
        runs.Sum(r => r.Count("Transitions")).Should().Be(ids.Count, "the two hosts' runs together escalated each case once");
        output.WriteLine($"host A: {Summary(logsA)}; host B: {Summary(logsB)}");
    }

    [Fact]
    public async Task Restart_WithTenThousandOverdueDeadlines_EscalatesEachExactlyOnceOnTheHangfireSweep()
    {
        await using var world = await SchedulingHost.CreateAsync();
        using (var before = world.Build())
        {
            var record = before.Services.GetRequiredService<SweepRecord>();
            await before.StartAsync();
            (await SchedulingHost.EventuallyAsync(() => Task.FromResult(record.Last() is not null), Patience)).Should().BeTrue();
            await before.StopAsync();
        }

        // While the node is down, a backlog falls due (paper ledgers entered late: received ten days ago).
        var registering = Stopwatch.StartNew();
        var ids = await world.RegisterManyAsync(Backlog, daysAgo: 10);
        registering.Stop();
        var logs = new LogCapture();
        using var after = world.Build(logs);
        var afterRecord = after.Services.GetRequiredService<SweepRecord>();
        var draining = Stopwatch.StartNew();
        await after.StartAsync();
        var drained = await SchedulingHost.EventuallyAsync(
            async () => await world.CountAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'") >= ids.Count, TimeSpan.FromMinutes(3));
        draining.Stop();

        // Then a pass that finds nothing due: the backlog is gone, not merely escalated once so far.
        var quiet = await SchedulingHost.EventuallyAsync(() => Task.FromResult(afterRecord.Last() is { Due: 0 }), Patience);
        await after.StopAsync();
        output.WriteLine($"registered {Backlog:N0} in {registering.Elapsed.TotalSeconds:0.0} s; the sweep drained them {draining.Elapsed.TotalSeconds:0.0} s after the start; {Summary(logs)}");

        drained.Should().BeTrue();
        quiet.Should().BeTrue();
        (await world.CountAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(Backlog);
        (await world.CountAsync("SELECT COUNT(DISTINCT case_id) FROM case_events WHERE trigger_name = 'DeadlineElapsed'")).Should().Be(Backlog);
        (await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(Backlog);
        logs.Where("Deadline sweep:").Sum(r => r.Count("Transitions")).Should().Be(Backlog);
    }

    [Fact]
    public async Task Stop_DuringALongSweep_StopsBetweenRows_AndTheNextStartFinishesTheRestExactlyOnce()
    {
        await using var world = await SchedulingHost.CreateAsync();
        // Enough rows that the sweep cannot drain them all while the stop is being asked for, however fast the machine.
        var ids = await world.RegisterManyAsync(10_000, daysAgo: 10);
        Task<long> Escalations() => world.CountAsync("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlineElapsed'");
        Task<long> AtLevelTwo() => world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'");

        long escalatedAtStop, levelTwoAtStop;
        TimeSpan stopping;
        using (var first = world.Build())
        {
            await first.StartAsync();
            (await SchedulingHost.EventuallyAsync(async () => await Escalations() > 0, Patience)).Should().BeTrue();
            var stopwatch = Stopwatch.StartNew();
            await first.StopAsync();
            stopping = stopwatch.Elapsed;
            (escalatedAtStop, levelTwoAtStop) = (await Escalations(), await AtLevelTwo());
        }

        using (var second = world.Build())
        {
            await second.StartAsync();
            (await SchedulingHost.EventuallyAsync(async () => await Escalations() >= ids.Count, TimeSpan.FromMinutes(2))).Should().BeTrue();
            await second.StopAsync();
        }

        output.WriteLine($"stopped after {escalatedAtStop} of {ids.Count} escalations, in {stopping.TotalSeconds:0.00} s");
        escalatedAtStop.Should().BeLessThan(ids.Count, "the stop interrupted the sweep instead of waiting for the whole backlog");
        levelTwoAtStop.Should().Be(escalatedAtStop, "each row's work was committed whole or not begun");
        (await Escalations()).Should().Be(ids.Count);
        (await AtLevelTwo()).Should().Be(ids.Count);
    }

    [Fact]
    public async Task Health_ReportsThisNodesServer_AndTheLastSweep_AndStalledOnceNoSweepCompletedForThreeIntervals()
    {
        await using var world = await SchedulingHost.CreateAsync();
        using var host = world.Build();
        var storage = host.Services.GetRequiredService<JobStorage>();
        var health = host.Services.GetRequiredService<ISchedulerHealth>();
        var record = host.Services.GetRequiredService<SweepRecord>();
        await host.StartAsync();
        await SchedulingHost.EventuallyAsync(async () => (await health.CheckAsync(CancellationToken.None)).Status == SchedulerStatus.Running && record.Last() is not null, Patience);

        var fresh = await health.CheckAsync(CancellationToken.None);
        SchedulerHealth stalled;
        using (var connection = storage.GetConnection())
        using (connection.AcquireDistributedLock(DeadlineSweepJob.LockResource, TimeSpan.FromSeconds(5)))
        {
            // No pass completes while the lock is held; the application's clock moves past three intervals (1 s each).
            world.Clock.Advance(TimeSpan.FromSeconds(4));
            stalled = await health.CheckAsync(CancellationToken.None);
        }

        await host.StopAsync();

        fresh.Status.Should().Be(SchedulerStatus.Running);
        fresh.Servers.Should().ContainSingle(s => s.ThisNode).Which.Heartbeat.Should().NotBeNull();
        fresh.Sweep!.LastCompletedAt.Should().Be(world.Clock.GetUtcNow() - TimeSpan.FromSeconds(4), "passes are stamped by the application's clock");
        (fresh.Sweep.AgeSeconds, fresh.Sweep.StaleAfterSeconds).Should().Be((0, 3));
        stalled.Status.Should().Be(SchedulerStatus.Stalled);
        stalled.Sweep!.AgeSeconds.Should().Be(4);
    }

    /// <summary>Each failed or deleted job: its method and the failure its history recorded, for the assertion's message.</summary>
    private static string Failures(Hangfire.Storage.IMonitoringApi monitoring)
    {
        var ids = monitoring.FailedJobs(0, 20).Select(j => j.Key).Concat(monitoring.DeletedJobs(0, 20).Select(j => j.Key));
        var lines = ids.Select(id =>
        {
            var details = monitoring.JobDetails(id);
            var failure = details?.History.FirstOrDefault(h => h.StateName == "Failed");
            var error = failure is null ? "no failed state" : $"{Datum(failure, "ExceptionType")}: {Datum(failure, "ExceptionMessage")}";
            return $"{details?.Job?.Type.Name}.{details?.Job?.Method.Name} ({error})";
        });
        return "failed or deleted: " + string.Join("; ", lines.DefaultIfEmpty("none"));

        static string Datum(Hangfire.Storage.Monitoring.StateHistoryDto state, string key) => state.Data.TryGetValue(key, out var value) ? value : "";
    }

    private static string Summary(LogCapture logs)
    {
        var runs = logs.Where("Deadline sweep:");
        return $"{runs.Count} runs with due rows, {runs.Sum(r => r.Count("Transitions"))} transitions, {runs.Sum(r => r.Count("Skipped"))} rows found already settled, "
            + $"{logs.Where("Skipped: another node").Count} runs skipped for the lock";
    }
}
