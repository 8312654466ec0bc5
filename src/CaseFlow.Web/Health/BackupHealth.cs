namespace CaseFlow.Web.Health;

/// <summary>How the nightly backups are doing, as <c>/health</c> reports them.</summary>
public enum BackupStatus
{
    /// <summary>The last good backup is younger than the limit.</summary>
    Fresh,

    /// <summary>No good backup for longer than the limit (counted from the host's start when there is none): degraded.</summary>
    Stale,

    /// <summary>None yet, and the host has run for less than the limit.</summary>
    Pending,
}

/// <param name="LastAt">When the newest verified backup in the folder was taken; null before the first.</param>
/// <param name="AgeHours">Since then, by the application's clock; null before the first.</param>
/// <param name="DegradedAfterHours">Older than this (36 h by default), <c>/health</c> turns degraded.</param>
/// <param name="File">The newest backup's file name.</param>
public sealed record BackupHealth(BackupStatus Status, DateTimeOffset? LastAt, double? AgeHours, double DegradedAfterHours, string? File);

/// <summary>Implemented where this host takes backups (SQLite with the backup job on); the default reports nothing.</summary>
public interface IBackupHealth
{
    BackupHealth? Check();
}

internal sealed class NoBackups : IBackupHealth
{
    public BackupHealth? Check() => null;
}
