using System.Data.Common;
using CaseFlow.Data.Notifications;
using CaseFlow.Web.Health;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Outbound;

/// <summary>The outbox part of <c>/health</c>: pending count and oldest age, failures, against <see cref="OutboxOptions"/>' thresholds.</summary>
internal sealed class OutboxHealthCheck(Outbox outbox, TimeProvider time, IOptionsMonitor<OutboxOptions> options, ILogger<OutboxHealthCheck> logger) : IOutboxHealth
{
    public async Task<OutboxHealth?> CheckAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var now = time.GetUtcNow();
        OutboxStats stats;
        try
        {
            stats = await outbox.StatsAsync(now - o.FailedWindow, cancellationToken);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Health check: the outbox cannot be read");
            return null;
        }

        var age = stats.OldestPendingAt is { } oldest ? now - oldest : (TimeSpan?)null;
        var status = stats.RecentlyFailed > 0 ? OutboxStatus.Failing
            : age > o.StalePendingAge ? OutboxStatus.Backlog
            : OutboxStatus.Ok;
        return new OutboxHealth(
            status, stats.Pending, age?.TotalSeconds, stats.Failed, stats.RecentlyFailed, o.StalePendingAge.TotalSeconds, o.FailedWindow.TotalHours);
    }
}
