using System.Diagnostics;
using CaseFlow.Data.Deadlines;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Wakes the deadline sweep every few seconds (DESIGN §7), as a Hangfire recurring job. It sweeps batch after batch
/// until one comes back short, so a backlog after an outage clears in one run. Then, until about a second before the
/// next tick (<see cref="SchedulingOptions.SweepLinger"/>), it looks again every
/// <see cref="SchedulingOptions.SweepPollMilliseconds"/>: a limit that falls due just after a pass is swept within a
/// poll, not a whole interval plus Hangfire's schedule poll later. Under the zero-timeout lock one run
/// sweeps at a time per storage (per cluster on SQL Server); the sweep's own claims keep each row single-fired even
/// where two runs do overlap (memory storage on several nodes).
/// </summary>
public sealed class DeadlineSweepJob(
    DeadlineSweeper sweeper,
    JobStorage storage,
    SweepRecord record,
    SweepBacklog backlog,
    IOptions<SchedulingOptions> options,
    ILogger<DeadlineSweepJob> logger)
{
    public const string Id = "deadline-sweep";

    internal const string LockResource = "caseflow:lock:deadline-sweep";

    /// <param name="cancellationToken">Hangfire's shutdown token: the sweep stops between rows, each row's work committed or not begun.</param>
    // No retries: the next run comes within seconds and sweeps whatever is still due, whereas Hangfire's retries
    // (ten, spread over hours) would queue up behind the recurring runs. A failed run is deleted, not kept as failed:
    // during a long outage the failed list would grow by one every few seconds, forever on memory storage.
    // The log has the error and /health turns unhealthy once no sweep has completed for three intervals.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("期限扫描 (deadline sweep)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var total = await DrainAsync(o.BatchSize, recordEmpty: true, SweepResult.Empty, cancellationToken);

        // The pace is the scheduler's own real-time clock, as the cron's is; what is due is still decided by the
        // application's TimeProvider inside the sweep. A stop ends the wait at once.
        var linger = o.SweepLinger;
        var poll = TimeSpan.FromMilliseconds(o.SweepPollMilliseconds);
        while (linger > TimeSpan.Zero && Stopwatch.GetElapsedTime(started) + poll < linger && !cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(poll, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            total = await DrainAsync(o.BatchSize, recordEmpty: false, total, cancellationToken);
        }

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

    /// <summary>
    /// Batch after batch until one comes back short; each batch with rows (or, if asked, even an empty one) is recorded
    /// for /health. While batches come back full, <see cref="SweepBacklog"/> holds the outbox delivery back.
    /// </summary>
    private async Task<SweepResult> DrainAsync(int batchSize, bool recordEmpty, SweepResult total, CancellationToken cancellationToken)
    {
        SweepResult batch;
        var backlogged = false;
        try
        {
            do
            {
                batch = await sweeper.SweepAsync(batchSize, cancellationToken);
                total = total.Add(batch);
                if (recordEmpty || batch.Due > 0)
                {
                    record.Completed(batch);
                }

                if (batch.Due == batchSize)
                {
                    backlogged = true;
                    backlog.Draining();
                }
            }
            while (batch.Due == batchSize && batch.Settled > 0);
        }
        finally
        {
            if (backlogged)
            {
                backlog.Cleared();
            }
        }

        return total;
    }
}
