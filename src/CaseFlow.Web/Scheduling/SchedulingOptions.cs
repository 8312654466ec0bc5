using CaseFlow.Data;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;

namespace CaseFlow.Web.Scheduling;

/// <summary>Where Hangfire keeps its own state (queues, recurring jobs, servers). The deadline rows are the truth either way.</summary>
public enum JobStorageKind
{
    /// <summary>In this process only (Hangfire.InMemory): each node sweeps for itself, and a restart forgets only job history.</summary>
    InMemory,

    /// <summary>In CaseFlow's SQL Server database, schema [hangfire]: one set of recurring jobs and one dashboard for every node.</summary>
    SqlServer,
}

/// <summary>The timers' settings, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Off, this node runs no jobs at all (another node, or a maintenance window, does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the deadline sweep wakes up; deadlines fire about this late. A divisor of 60, because the sweep is a
    /// six-field cron (<c>*/5 * * * * *</c>) that starts again at every full minute.
    /// </summary>
    public int SweepIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// After its drain, a run keeps the sweep (and its lock) until about a second before the next tick and looks for
    /// newly due rows this often, so a limit falling due just after a pass waits this long rather than a whole
    /// interval. 0: each run sweeps once and ends. Only intervals of 2 s and more leave room to linger.
    /// </summary>
    public int SweepPollMilliseconds { get; set; } = 250;

    /// <summary>Due deadline rows read per batch; a run sweeps batch after batch until one comes back short.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Hangfire's storage. Unset: SQL Server storage on the SQL Server provider, memory on SQLite.</summary>
    public JobStorageKind? Storage { get; set; }

    /// <summary>When open cases are graded again (Hangfire cron: five fields, or six with seconds first; China time).</summary>
    public string NightlyRegradeCron { get; set; } = "30 2 * * *";

    /// <summary>When each township gets its inbox digest (Hangfire cron, China time).</summary>
    public string DailyDigestCron { get; set; } = "0 8 * * *";

    /// <summary>The sweep's cron: every <see cref="SweepIntervalSeconds"/> seconds, seconds first.</summary>
    public string SweepCron => SweepIntervalSeconds >= 60 ? "0 * * * * *" : $"*/{SweepIntervalSeconds} * * * * *";

    public TimeSpan SweepInterval => TimeSpan.FromSeconds(SweepIntervalSeconds);

    /// <summary>How long after its start a run may keep looking for newly due rows: until a second before the next tick.</summary>
    public TimeSpan SweepLinger => SweepPollMilliseconds > 0 && SweepIntervalSeconds >= 2 ? SweepInterval - TimeSpan.FromSeconds(1) : TimeSpan.Zero;

    /// <summary>A last completed sweep older than this makes <c>/health</c> unhealthy: the timers have stopped firing.</summary>
    public TimeSpan StaleSweepAge => 3 * SweepInterval;

    /// <summary>Hangfire's storage for <paramref name="provider"/>, after the default is applied.</summary>
    public JobStorageKind StorageOn(DatabaseProvider provider) =>
        Storage ?? (provider == DatabaseProvider.SqlServer ? JobStorageKind.SqlServer : JobStorageKind.InMemory);

    /// <summary>Every problem with these options for <paramref name="provider"/>, named by configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate(DatabaseProvider provider)
    {
        var problems = new List<string>();
        if (SweepIntervalSeconds is < 1 or > 60 || 60 % SweepIntervalSeconds != 0)
        {
            problems.Add($"{SectionName}:{nameof(SweepIntervalSeconds)} must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60; was {SweepIntervalSeconds}).");
        }

        if (SweepPollMilliseconds < 0 || SweepPollMilliseconds >= SweepIntervalSeconds * 1000)
        {
            problems.Add($"{SectionName}:{nameof(SweepPollMilliseconds)} must be 0 (off) or less than the sweep interval in milliseconds (was {SweepPollMilliseconds}).");
        }

        if (BatchSize < 1)
        {
            problems.Add($"{SectionName}:{nameof(BatchSize)} must be at least 1 (was {BatchSize}).");
        }

        if (Storage == JobStorageKind.SqlServer && provider != DatabaseProvider.SqlServer)
        {
            problems.Add($"{SectionName}:{nameof(Storage)} SqlServer needs SQL Server: Hangfire's tables live in CaseFlow's own SQL Server database.");
        }

        var invalid = InvalidCrons([(nameof(NightlyRegradeCron), NightlyRegradeCron), (nameof(DailyDigestCron), DailyDigestCron)]);
        problems.AddRange(invalid.Select(c => $"{SectionName}:{c.Name} is not a cron expression Hangfire accepts (was '{c.Cron}')."));
        return problems;
    }

    /// <summary>
    /// The expressions Hangfire's own parser refuses. It has no public parse method, so each is registered as a
    /// recurring job on a throwaway in-memory storage, which parses it exactly as the real registration will.
    /// </summary>
    internal static List<(string Name, string? Cron)> InvalidCrons(IEnumerable<(string Name, string? Cron)> expressions)
    {
        var invalid = new List<(string Name, string? Cron)>();
        using var probe = new InMemoryStorage();
        var manager = new RecurringJobManager(probe);
        foreach (var (name, cron) in expressions)
        {
            try
            {
                if (string.IsNullOrWhiteSpace(cron))
                {
                    throw new ArgumentException("empty", nameof(expressions));
                }

                manager.AddOrUpdate(name, Job.FromExpression(() => CronProbe.Nothing()), cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            }
            catch (ArgumentException)
            {
                invalid.Add((name, cron));
            }
        }

        return invalid;
    }
}

/// <summary>The job the cron check registers; never run.</summary>
public static class CronProbe
{
    public static void Nothing()
    {
    }
}
