using CaseFlow.Data.Deadlines;
using Microsoft.Extensions.Options;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Wakes the deadline sweep every few seconds (DESIGN §7). It sweeps batch after batch until one comes back short,
/// so a backlog after an outage clears in one run. Never concurrent: in a cluster, one node sweeps at a time; the
/// sweep's own claims keep rows single-fired even if two runs did overlap.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(DeadlineSweeper sweeper, IOptions<SchedulingOptions> options, ILogger<DeadlineSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("deadline-sweep", "caseflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var batchSize = options.Value.BatchSize;
        var total = SweepResult.Empty;
        SweepResult batch;
        do
        {
            batch = await sweeper.SweepAsync(batchSize, cancellationToken);
            total = total.Add(batch);
        }
        while (batch.Due == batchSize && batch.Settled > 0);

        foreach (var failure in total.Failures)
        {
            logger.LogError(failure.Error, "Deadline {DeadlineId} ({Kind}) of case {CaseId} failed; it stays due", failure.DeadlineId, failure.Kind, failure.CaseId);
        }

        if (total.Due > 0)
        {
            logger.LogInformation(
                "Deadline sweep: {Due} due, {Transitions} transitions, {Notices} notices, {Obsolete} obsolete, {Suppressed} suppressed, {Skipped} already settled, {Conflicts} conflicts, {Refused} refused, {Failed} failed",
                total.Due, total.Transitions, total.Notices, total.Obsolete, total.Suppressed, total.Skipped, total.Conflicts, total.Refused, total.Failures.Count);
        }
    }
}
