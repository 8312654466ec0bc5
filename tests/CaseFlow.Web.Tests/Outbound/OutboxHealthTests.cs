using CaseFlow.Data.Calendars;
using CaseFlow.Web.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Web.Tests.Outbound;

/// <summary><c>/health</c>'s outbox part: degraded while messages wait too long or have failed lately, never unhealthy for it.</summary>
public sealed class OutboxHealthTests
{
    [Fact]
    public async Task AFreshPendingMessage_IsHealthy_AndOneWaitingPastTheThreshold_Degrades()
    {
        await using var world = await OutboxWorld.CreateAsync();
        await world.Data.RegisterAsync(daysAgo: 0);
        var health = OutboxWorld.Health(world.NewHost());

        var fresh = await CheckAsync(world, health);
        world.Data.Clock.Advance(TimeSpan.FromMinutes(15));
        var atThreshold = await CheckAsync(world, health);
        world.Data.Clock.Advance(TimeSpan.FromSeconds(1));
        var stale = await CheckAsync(world, health);

        (fresh.Status, fresh.Outbox!.Status, fresh.Outbox.Pending, fresh.Outbox.OldestPendingAgeSeconds).Should().Be((HealthStatus.Healthy, OutboxStatus.Ok, 1L, (double?)0));
        atThreshold.Status.Should().Be(HealthStatus.Healthy);
        (stale.Status, stale.Outbox!.Status, stale.Outbox.OldestPendingAgeSeconds).Should().Be((HealthStatus.Degraded, OutboxStatus.Backlog, (double?)901));
    }

    [Fact]
    public async Task AFailedMessage_DegradesForTheWindow_AndIsStillCountedAfterIt()
    {
        await using var world = await OutboxWorld.CreateAsync();
        world.Settings.Remove("Outbox:Webhook:Counties:AJ:Url");
        world.Settings.Remove("Outbox:Webhook:Counties:AJ:Secret");
        await world.Data.RegisterAsync(daysAgo: 0);
        var host = world.NewHost();
        await OutboxWorld.Delivery(host).RunOnceAsync();
        var health = OutboxWorld.Health(host);

        var failing = await CheckAsync(world, health);
        world.Data.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var later = await CheckAsync(world, health);

        (failing.Status, failing.Outbox!.Status, failing.Outbox.Failed, failing.Outbox.RecentlyFailed, failing.Outbox.Pending)
            .Should().Be((HealthStatus.Degraded, OutboxStatus.Failing, 1L, 1L, 0L));
        (later.Status, later.Outbox!.Status, later.Outbox.Failed, later.Outbox.RecentlyFailed).Should().Be((HealthStatus.Healthy, OutboxStatus.Ok, 1L, 0L));
    }

    private static async Task<HealthReport> CheckAsync(OutboxWorld world, IOutboxHealth health)
    {
        // The calendar is checked at a date both shipped years cover, so only the outbox can move the status.
        using var calendars = new CalendarCache(new CalendarStore(world.Data.Db, world.Data.Clock));
        await calendars.RefreshAsync();
        var midYear = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var result = await HealthApi.CheckAsync(world.Data.Db, new NoScheduler(), health, calendars, midYear, NullLoggerFactory.Instance, CancellationToken.None);
        result.StatusCode.Should().Be(200, "the outbox never makes a node unhealthy");
        return result.Value!;
    }
}
