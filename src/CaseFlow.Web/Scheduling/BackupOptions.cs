using CaseFlow.Data;

namespace CaseFlow.Web.Scheduling;

/// <summary>The nightly backup of the embedded SQLite database, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class BackupOptions
{
    public const string SectionName = "Backup";

    /// <summary>On SQLite the backup job runs unless this is false. On SQL Server it never runs: the DBA's own backups apply.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the backup runs (Hangfire cron, China time): 03:15, after the 02:30 re-grading.</summary>
    public string Cron { get; set; } = "15 3 * * *";

    /// <summary>
    /// Where the dated backup files go; a relative path is under the content root. Unset: a <c>backups</c> folder
    /// beside the database file. Best on another disk than the database.
    /// </summary>
    public string? Folder { get; set; }

    /// <summary>How many backups to keep; older ones are deleted after each good backup.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>A last good backup older than this turns <c>/health</c> degraded.</summary>
    public int DegradedAfterHours { get; set; } = 36;

    public TimeSpan DegradedAfter => TimeSpan.FromHours(DegradedAfterHours);

    /// <summary>Whether this host takes the backups.</summary>
    public bool RunsOn(DatabaseProvider provider) => Enabled && provider == DatabaseProvider.Sqlite;

    /// <summary>Every problem with these options, named by configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Keep < 1)
        {
            problems.Add($"{SectionName}:{nameof(Keep)} must be at least 1 (was {Keep}).");
        }

        if (DegradedAfterHours < 1)
        {
            problems.Add($"{SectionName}:{nameof(DegradedAfterHours)} must be at least 1 (was {DegradedAfterHours}).");
        }

        problems.AddRange(SchedulingOptions.InvalidCrons([(nameof(Cron), Cron)])
            .Select(c => $"{SectionName}:{c.Name} is not a cron expression Hangfire accepts (was '{c.Cron}')."));
        return problems;
    }
}
