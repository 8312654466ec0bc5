using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>Whether the deadline scheduler runs on this node, for <c>/health</c>.</summary>
public interface ISchedulerHealth
{
    /// <summary>"running", "standby", "starting", "stopped" or "disabled".</summary>
    string Status { get; }
}

/// <summary>The status words <see cref="ISchedulerHealth.Status"/> reports.</summary>
public static class SchedulerStatuses
{
    public const string Running = "running";
    public const string Standby = "standby";
    public const string Starting = "starting";
    public const string Stopped = "stopped";
    public const string Disabled = "disabled";
}

/// <summary>Reads the state of the Quartz scheduler the hosted service starts.</summary>
internal sealed class QuartzSchedulerHealth(ISchedulerFactory factory) : ISchedulerHealth
{
    private IScheduler? _scheduler;

    public string Status
    {
        get
        {
            if (_scheduler is null)
            {
                // Never block a health request on the scheduler's construction: until it exists, it is starting.
                var pending = factory.GetScheduler();
                if (!pending.IsCompletedSuccessfully)
                {
                    return SchedulerStatuses.Starting;
                }

                _scheduler = pending.Result;
            }

            return _scheduler.Status switch
            {
                Quartz.SchedulerStatus.Running => SchedulerStatuses.Running,
                Quartz.SchedulerStatus.Standby => SchedulerStatuses.Standby,
                Quartz.SchedulerStatus.Created => SchedulerStatuses.Starting,
                _ => SchedulerStatuses.Stopped,
            };
        }
    }
}

/// <summary>This node runs no scheduler: <c>Scheduling:Enabled</c> is false.</summary>
internal sealed class DisabledSchedulerHealth : ISchedulerHealth
{
    public string Status => SchedulerStatuses.Disabled;
}
