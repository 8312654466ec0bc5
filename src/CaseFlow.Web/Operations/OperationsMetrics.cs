using System.Globalization;
using CaseFlow.Data.Operations;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Scheduling;
using Prometheus;

namespace CaseFlow.Web.Operations;

/// <summary>
/// The figures <c>/metrics</c> serves, in this host's own registry (several hosts may share a process): HTTP requests
/// by route (prometheus-net's middleware) and, read from the database and the scheduler at each scrape, open cases by
/// colour and level, sweep runs and lag, due deadlines not yet fired, outbox pending and failed, the database size and
/// the last good backup's age.
/// </summary>
public sealed class OperationsMetrics
{
    private static readonly string[] Colors = ["yellow", "orange", "red", "ungraded"];
    private static readonly string[] Levels = ["1", "2", "3", "none"];
    private static readonly string[] OutboxStatuses = ["pending", "failed"];

    private readonly IServiceProvider _services;
    private readonly Gauge _openCases;
    private readonly Counter _sweepRuns;
    private readonly Counter _jobRuns;
    private readonly Gauge _sweepAge;
    private readonly Gauge _sweepLag;
    private readonly Gauge _due;
    private readonly Gauge _outbox;
    private readonly Gauge _databaseSize;
    private readonly Gauge _backupAge;

    public OperationsMetrics(IServiceProvider services)
    {
        _services = services;
        var metrics = Metrics.WithCustomRegistry(Registry);
        _openCases = metrics.CreateGauge("caseflow_open_cases", "Open cases (not closed, withdrawn or rejected) by risk colour and mediation level.", "color", "level");
        _sweepRuns = metrics.CreateCounter("caseflow_sweep_runs_total", "Deadline sweep runs on this host since it started.");
        _jobRuns = metrics.CreateCounter("caseflow_job_runs_total", "Background job runs on this host since it started, by job and outcome.", "job", "outcome");
        _sweepAge = metrics.CreateGauge("caseflow_sweep_last_completed_age_seconds", "Seconds since the last deadline sweep pass completed (any node).");
        _sweepLag = metrics.CreateGauge("caseflow_sweep_lag_seconds", "How long the oldest deadline due and not yet fired has been due; 0 when none is.");
        _due = metrics.CreateGauge("caseflow_deadlines_due_unfired", "Deadline rows due and not yet fired.");
        _outbox = metrics.CreateGauge("caseflow_outbox_messages", "Outbound messages waiting (pending) or given up (failed).", "status");
        _databaseSize = metrics.CreateGauge("caseflow_database_size_bytes", "The database's size on disk.");
        _backupAge = metrics.CreateGauge("caseflow_last_backup_age_seconds", "Seconds since the last good backup (+Inf before the first); only where this host takes backups.");
        Registry.AddBeforeCollectCallback(ReadAsync);
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>HTTP request counts and durations by route, recorded into <see cref="Registry"/>.</summary>
    public IMetricFactory Factory => Metrics.WithCustomRegistry(Registry);

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var queries = _services.GetRequiredService<OperationsQueries>();
        var now = _services.GetRequiredService<TimeProvider>().GetUtcNow();

        var open = (await queries.OpenCasesAsync(cancellationToken)).ToDictionary(c => (Color(c.Color), c.Level?.ToString(CultureInfo.InvariantCulture) ?? "none"), c => c.Count);
        foreach (var color in Colors)
        {
            foreach (var level in Levels)
            {
                _openCases.WithLabels(color, level).Set(open.GetValueOrDefault((color, level)));
            }
        }

        var due = await queries.DueDeadlinesAsync(now, cancellationToken);
        _due.Set(due.Count);
        _sweepLag.Set(due.OldestDueAt is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0);

        var outbox = (await queries.OutboxBacklogAsync(cancellationToken)).ToDictionary(o => o.Status, o => o.Count, StringComparer.Ordinal);
        foreach (var status in OutboxStatuses)
        {
            _outbox.WithLabels(status).Set(outbox.GetValueOrDefault(status));
        }

        _databaseSize.Set(await queries.DatabaseSizeBytesAsync(cancellationToken));

        if (_services.GetService<JobRuns>() is { } runs)
        {
            _sweepRuns.IncTo(runs.Count(DeadlineSweepJob.Id));
            foreach (var ((job, outcome), count) in runs.Snapshot())
            {
                _jobRuns.WithLabels(job, outcome).IncTo(count);
            }
        }

        if (_services.GetService<SweepRecord>() is { } sweeps && sweeps.Last() is { } last)
        {
            _sweepAge.Set(Math.Max(0, (now - last.CompletedAt).TotalSeconds));
        }

        if (_services.GetService<BackupStatusReader>() is { } backups)
        {
            _backupAge.Set(backups.Check().AgeHours is { } hours ? hours * 3600 : double.PositiveInfinity);
        }
    }

    private static string Color(RiskColor? color) => color switch
    {
        RiskColor.Yellow => "yellow",
        RiskColor.Orange => "orange",
        RiskColor.Red => "red",
        _ => "ungraded",
    };
}
