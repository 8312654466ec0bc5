using CaseFlow.Data;
using CaseFlow.Data.Backups;
using CaseFlow.Web.Health;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Nightly: a verified online copy of the SQLite database into the backup folder, then the oldest beyond the
/// retention count deleted. A copy that does not verify is removed and the run fails (and is retried), so the newest
/// file in the folder is always a good backup, and <c>/health</c> degrades when there has been none for too long.
/// </summary>
public sealed class BackupJob(Database database, JobStorage storage, BackupStatusReader status, TimeProvider time, IOptions<BackupOptions> options, ILogger<BackupJob> logger)
{
    public const string Id = "nightly-backup";

    internal const string LockResource = "caseflow:lock:nightly-backup";

    // A few retries for a full disk or a file briefly in use; the next night tries again anyway.
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("夜间备份 (nightly backup)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var folder = status.Folder;
        var path = folder.PathFor(time.GetUtcNow());
        var copy = await SqliteBackup.BackupAsync(database, path, cancellationToken);
        var pruned = folder.Prune(options.Value.Keep);
        logger.LogInformation(
            "Backup: {File} written and verified ({Bytes} bytes, {Cases} cases, schema {Schema}); {Pruned} old backups deleted",
            Path.GetFileName(copy.Path), copy.Bytes, copy.Cases, copy.SchemaNumber, pruned.Count);
    }
}

/// <summary>The backup folder of this host and the age of its newest backup, for <c>/health</c>, the operations page and the metrics.</summary>
public sealed class BackupStatusReader : IBackupHealth
{
    private readonly TimeProvider _time;
    private readonly BackupOptions _options;
    private readonly DateTimeOffset _startedAt;

    public BackupStatusReader(Database database, TimeProvider time, IOptions<BackupOptions> options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _time = time;
        _options = options.Value;
        _startedAt = time.GetUtcNow();
        var folder = _options.Folder is { Length: > 0 } configured
            ? (Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured))
            : Path.Combine(Path.GetDirectoryName(database.SqliteFile) ?? environment.ContentRootPath, "backups");
        Folder = new BackupFolder(folder);
    }

    public BackupFolder Folder { get; }

    public BackupOptions Options => _options;

    public BackupHealth Check()
    {
        var latest = Folder.Latest();
        var now = _time.GetUtcNow();
        var limit = _options.DegradedAfter;
        var age = latest is null ? (TimeSpan?)null : now - latest.TakenAt;
        var status = (age ?? (now - _startedAt)) > limit ? BackupStatus.Stale
            : latest is null ? BackupStatus.Pending
            : BackupStatus.Fresh;
        return new BackupHealth(status, latest?.TakenAt, age?.TotalHours, limit.TotalHours, latest is null ? null : Path.GetFileName(latest.Path));
    }

    BackupHealth? IBackupHealth.Check() => Check();
}
