using CaseFlow.Web.Outbound;
using CaseFlow.Web.Tests.Scheduling;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.Web.Tests.Outbound;

/// <summary>The delivery as Hangfire runs it in the scheduling host: every second, skipping while another holds its lock.</summary>
public sealed class OutboxDeliveryJobTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TheRecurringJob_DeliversWhatTheCaseWrote_AndSkipsWhileAnotherRunHoldsItsLock()
    {
        await using var world = await OutboxWorld.CreateAsync();
        using var host = await OneCaseDeliveringEverySecondAsync(world);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();

        using (var connection = storage.GetConnection())
        using (connection.AcquireDistributedLock(OutboxDeliveryJob.LockResource, TimeSpan.FromSeconds(5)))
        {
            await host.StartAsync();
            (await SchedulingHost.EventuallyAsync(() => Task.FromResult(SchedulingHost.SucceededRuns<OutboxDeliveryJob>(monitoring) >= 3), Patience)).Should().BeTrue();
            world.Receiver.Requests.Should().BeEmpty("no run delivers while the lock is held");
        }

        var delivered = await SchedulingHost.EventuallyAsync(async () => (await world.RowsAsync()).All(r => r.Status == "delivered"), Patience);
        var failed = monitoring.FailedCount();
        await host.StopAsync();

        delivered.Should().BeTrue();
        world.Receiver.Requests.Should().ContainSingle();
        failed.Should().Be(0, "a busy lock fails no run");
    }

    [Fact]
    public async Task TheRecurringJob_StepsAsideWhileTheSweepDrainsABacklog_AndDeliversOnceItIsCleared()
    {
        await using var world = await OutboxWorld.CreateAsync();
        using var host = await OneCaseDeliveringEverySecondAsync(world);
        var storage = host.Services.GetRequiredService<JobStorage>();
        var monitoring = storage.GetMonitoringApi();
        var backlog = host.Services.GetRequiredService<CaseFlow.Web.Scheduling.SweepBacklog>();

        backlog.Draining();
        backlog.DeliveryYields.Should().BeTrue();
        await host.StartAsync();
        (await SchedulingHost.EventuallyAsync(() => Task.FromResult(SchedulingHost.SucceededRuns<OutboxDeliveryJob>(monitoring) >= 3), Patience)).Should().BeTrue();
        world.Receiver.Requests.Should().BeEmpty("no run delivers while the sweep drains a backlog");
        (await world.RowsAsync()).Should().OnlyContain(r => r.Status == "pending", "the messages wait as rows");

        backlog.Cleared();
        var delivered = await SchedulingHost.EventuallyAsync(async () => (await world.RowsAsync()).All(r => r.Status == "delivered"), Patience);
        var rows = await world.RowsAsync();
        await host.StopAsync();

        delivered.Should().BeTrue(
            "the backlog was cleared; the rows: {0}",
            string.Join("; ", rows.Select(r => $"{r.Status} after {r.Attempts} attempts, next {r.NextAttemptAt:O}, {r.LastError}")));
        world.Receiver.Requests.Should().ContainSingle();
        backlog.DeliveryYields.Should().BeFalse();
    }

    /// <summary>The scheduling host over the world's receiver, delivering every second, with one case registered (one message).</summary>
    private static async Task<IHost> OneCaseDeliveringEverySecondAsync(OutboxWorld world)
    {
        world.Data.Settings["Outbox:DeliveryIntervalSeconds"] = "1";
        foreach (var (key, value) in world.Settings)
        {
            world.Data.Settings[key] = value;
        }

        await world.Data.RegisterAsync(daysAgo: 0);
        return world.Data.Build();
    }
}
