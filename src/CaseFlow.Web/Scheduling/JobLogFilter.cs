using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire.Server;

namespace CaseFlow.Web.Scheduling;

/// <summary>How many runs each recurring job has had on this host and how they ended, for <c>/metrics</c>.</summary>
public sealed class JobRuns
{
    private readonly ConcurrentDictionary<(string Job, string Outcome), long> _runs = new();

    public void Record(string job, string outcome) => _runs.AddOrUpdate((job, outcome), 1, (_, n) => n + 1);

    public IReadOnlyDictionary<(string Job, string Outcome), long> Snapshot() => new Dictionary<(string, string), long>(_runs);

    public long Count(string job) => _runs.Where(r => r.Key.Job == job).Sum(r => r.Value);
}

/// <summary>
/// One log line per job run (job, run id, outcome, duration, trace id), under a scope and an <see cref="Activity"/>
/// that the job's own lines share, so an operator can follow one run. The deadline sweep's routine successes, every
/// few seconds, go at Debug; failures are counted here and logged with their exception by Hangfire.
/// </summary>
internal sealed class JobLogFilter(JobRuns runs, ILoggerFactory loggers, TimeProvider time) : IServerFilter
{
    private const string StateKey = "caseflow.job-log";

    private readonly ILogger _logger = loggers.CreateLogger("CaseFlow.Jobs");

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = JobName(context);
        var activity = new Activity("caseflow.job").Start();
        var scope = _logger.BeginScope(new Dictionary<string, object?> { ["Job"] = job, ["JobId"] = context.BackgroundJob.Id, ["TraceId"] = activity.TraceId.ToString() });
        context.Items[StateKey] = new State(activity, scope, time.GetTimestamp());
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.TryGetValue(StateKey, out var value) || value is not State state)
        {
            return;
        }

        var job = JobName(context);
        var outcome = context.Exception is not null ? "failed" : context.Canceled ? "cancelled" : "succeeded";
        runs.Record(job, outcome);
        var level = outcome == "failed" ? LogLevel.Warning : job == DeadlineSweepJob.Id ? LogLevel.Debug : LogLevel.Information;
        _logger.Log(
            level,
            "Job {Job} run {JobId} {Outcome} in {ElapsedMs} ms (trace {TraceId})",
            job, context.BackgroundJob.Id, outcome, (long)time.GetElapsedTime(state.Started).TotalMilliseconds, state.Activity.TraceId.ToString());
        state.Scope?.Dispose();
        state.Activity.Stop();
    }

    private static string JobName(PerformContext context) =>
        context.GetJobParameter<string>("RecurringJobId", allowStale: true) ?? context.BackgroundJob.Job?.Type.Name ?? "job";

    private sealed record State(Activity Activity, IDisposable? Scope, long Started);
}
