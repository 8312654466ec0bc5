using System.Diagnostics;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Whether this node's deadline sweep is working through a backlog (a batch came back full), so that the outbox
/// delivery steps aside for a while: in a surge every escalation also writes messages, and delivering them beside the
/// sweep takes the CPU and the write queue the escalations need (on the 2-core machine, 10,000 limits due at once were
/// all escalated about 1.5 s sooner with the delivery held back). The messages stay as rows and go out once the
/// backlog is cleared, or after <see cref="MaxYield"/> at the latest. Per node, as the sweep's pace is.
/// </summary>
public sealed class SweepBacklog
{
    /// <summary>How long the delivery steps aside for one drain at most: a long backlog after an outage does not hold every message back.</summary>
    public static readonly TimeSpan MaxYield = TimeSpan.FromSeconds(60);

    // The scheduler's real-time clock, as the sweep's linger uses; 0 while no drain is on.
    private long _since;

    /// <summary>True while a drain is on and has not lasted <see cref="MaxYield"/> yet.</summary>
    public bool DeliveryYields
    {
        get
        {
            var since = Interlocked.Read(ref _since);
            return since != 0 && Stopwatch.GetElapsedTime(since) < MaxYield;
        }
    }

    /// <summary>A batch came back full: more is due than one batch holds.</summary>
    internal void Draining()
    {
        Interlocked.CompareExchange(ref _since, Stopwatch.GetTimestamp(), 0);
    }

    /// <summary>The sweep came back short, stopped or failed: nothing is waiting behind it.</summary>
    internal void Cleared() => Interlocked.Exchange(ref _since, 0);
}
