namespace CaseFlow.Web.Health;

/// <summary>How the deadline scheduler is doing, as <c>/health</c> reports it.</summary>
public enum SchedulerStatus
{
    /// <summary>No scheduler runs in this host (yet).</summary>
    NotConfigured,
    Running,
    /// <summary>Configured but not running (standby, shut down, or failing); the health status becomes degraded.</summary>
    Stopped,
}

/// <summary>Implemented by the scheduler integration; the default reports <see cref="SchedulerStatus.NotConfigured"/>.</summary>
public interface ISchedulerHealth
{
    Task<SchedulerStatus> CheckAsync(CancellationToken cancellationToken);
}

internal sealed class NoScheduler : ISchedulerHealth
{
    public Task<SchedulerStatus> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(SchedulerStatus.NotConfigured);
}
