using CaseFlow.Data;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>The timers' settings, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Off, this node runs no jobs at all (another node, or a maintenance window, does).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the deadline sweep wakes up. Deadlines fire at most this late.</summary>
    public int SweepIntervalSeconds { get; set; } = 5;

    /// <summary>Due deadline rows read per batch; a run sweeps batch after batch until one comes back short.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Quartz clustering over its tables, so each job runs on one node at a time. Unset: on for SQL Server, off for SQLite.</summary>
    public bool? Clustered { get; set; }

    /// <summary>When open cases are graded again (Quartz cron, seconds first, China time).</summary>
    public string NightlyRegradeCron { get; set; } = "0 30 2 * * ?";

    /// <summary>When each township gets its inbox digest (Quartz cron, seconds first, China time).</summary>
    public string DailyDigestCron { get; set; } = "0 0 8 * * ?";

    /// <summary>Whether the scheduler joins a cluster for <paramref name="provider"/>, after the default is applied.</summary>
    public bool IsClusteredOn(DatabaseProvider provider) => Clustered ?? provider == DatabaseProvider.SqlServer;

    /// <summary>Every problem with these options for <paramref name="provider"/>, named by configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate(DatabaseProvider provider)
    {
        var problems = new List<string>();
        if (SweepIntervalSeconds < 1)
        {
            problems.Add($"{SectionName}:{nameof(SweepIntervalSeconds)} must be at least 1 (was {SweepIntervalSeconds}).");
        }

        if (BatchSize < 1)
        {
            problems.Add($"{SectionName}:{nameof(BatchSize)} must be at least 1 (was {BatchSize}).");
        }

        if (Clustered == true && provider == DatabaseProvider.Sqlite)
        {
            problems.Add($"{SectionName}:{nameof(Clustered)} needs SQL Server: a SQLite file has one node.");
        }

        foreach (var (name, cron) in new[] { (nameof(NightlyRegradeCron), NightlyRegradeCron), (nameof(DailyDigestCron), DailyDigestCron) })
        {
            if (!IsCron(cron))
            {
                problems.Add($"{SectionName}:{name} is not a Quartz cron expression (was '{cron}').");
            }
        }

        return problems;
    }

    private static bool IsCron(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return false;
        }

        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
