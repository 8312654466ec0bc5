using CaseFlow.Web.Health;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>Reads the state of the Quartz scheduler the hosted service starts, for <c>/health</c>.</summary>
internal sealed class QuartzSchedulerHealth(ISchedulerFactory factory) : ISchedulerHealth
{
    // Kept once obtained: after shutdown the factory refuses to hand the scheduler out again, but its state stays readable.
    private IScheduler? _scheduler;

    public async Task<Health.SchedulerStatus> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            _scheduler ??= await factory.GetScheduler(cancellationToken);
        }
        catch (SchedulerException)
        {
            return Health.SchedulerStatus.Stopped;
        }

        return _scheduler.Status == Quartz.SchedulerStatus.Running ? Health.SchedulerStatus.Running : Health.SchedulerStatus.Stopped;
    }
}
