using System.Data.Common;
using CaseFlow.Web.Health;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Hangfire's side of <c>/health</c>: the servers its monitoring API lists, whether this node's is among them, and the
/// age of the last completed sweep pass (stalled when older than three sweep intervals).
/// </summary>
internal sealed class HangfireSchedulerHealth(
    JobStorage storage, SweepRecord record, SchedulerNode node, TimeProvider time, IOptions<SchedulingOptions> options,
    ILogger<HangfireSchedulerHealth> logger) : ISchedulerHealth
{
    public Task<Health.SchedulerHealth> CheckAsync(CancellationToken cancellationToken)
    {
        List<SchedulerServer> servers;
        SweepPass? last;
        try
        {
            servers = [.. storage.GetMonitoringApi().Servers().Select(s => new SchedulerServer(
                s.Name, s.WorkersCount, Utc(s.StartedAt), s.Heartbeat is { } beat ? Utc(beat) : null, node.Owns(s.Name)))];
            last = record.Last();
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            logger.LogWarning(e, "Health check: Hangfire's storage does not answer");
            return Task.FromResult(new Health.SchedulerHealth(SchedulerStatus.Stopped));
        }

        var staleAfter = options.Value.StaleSweepAge;
        var since = last?.CompletedAt ?? node.StartedAt;
        var age = since is { } t ? time.GetUtcNow() - t : (TimeSpan?)null;
        var running = servers.Any(s => s.ThisNode);
        var status = !running ? SchedulerStatus.Stopped
            : age > staleAfter ? SchedulerStatus.Stalled
            : SchedulerStatus.Running;
        return Task.FromResult(new Health.SchedulerHealth(status)
        {
            Servers = servers,
            Sweep = new SweepHealth(last?.CompletedAt, age?.TotalSeconds, staleAfter.TotalSeconds),
        });
    }

    // Hangfire reports UTC without saying so.
    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
