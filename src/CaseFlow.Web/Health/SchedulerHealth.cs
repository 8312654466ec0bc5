using System.Text.Json.Serialization;

namespace CaseFlow.Web.Health;

/// <summary>How the deadline scheduler is doing, as <c>/health</c> reports it.</summary>
public enum SchedulerStatus
{
    /// <summary>No scheduler runs in this host (yet).</summary>
    NotConfigured,
    Running,
    /// <summary>Configured but not running (starting, shut down, or its storage unreachable); the health status becomes degraded.</summary>
    Stopped,
    /// <summary>Running, but no sweep has completed for three sweep intervals: deadlines are not firing; the health status becomes unhealthy.</summary>
    Stalled,
}

/// <summary>The scheduler part of <c>GET /health</c>; the details are left out where no scheduler runs.</summary>
public sealed record SchedulerHealth(SchedulerStatus Status)
{
    /// <summary>The job servers the storage knows (every node's, with SQL Server storage), with their last heartbeat.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SchedulerServer>? Servers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SweepHealth? Sweep { get; init; }
}

/// <param name="Name">Hangfire's server id: this node's server name and a unique suffix.</param>
/// <param name="Heartbeat">Hangfire's own (storage) clock, not the application's.</param>
public sealed record SchedulerServer(string Name, int Workers, DateTimeOffset StartedAt, DateTimeOffset? Heartbeat, bool ThisNode);

/// <param name="LastCompletedAt">When the last sweep pass committed; null before the first one.</param>
/// <param name="AgeSeconds">Since then (or since the scheduler started, before the first pass), by the application's clock.</param>
/// <param name="StaleAfterSeconds">Three sweep intervals: older than that, the scheduler is <see cref="SchedulerStatus.Stalled"/>.</param>
public sealed record SweepHealth(DateTimeOffset? LastCompletedAt, double? AgeSeconds, double StaleAfterSeconds);

/// <summary>Implemented by the scheduler integration; the default reports <see cref="SchedulerStatus.NotConfigured"/>.</summary>
public interface ISchedulerHealth
{
    Task<SchedulerHealth> CheckAsync(CancellationToken cancellationToken);
}

internal sealed class NoScheduler : ISchedulerHealth
{
    public Task<SchedulerHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(new SchedulerHealth(SchedulerStatus.NotConfigured));
}
