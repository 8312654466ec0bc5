using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data.Backups;

/// <summary>What a restore put in place, and where the file it replaced was kept.</summary>
/// <param name="ReplacedKeptAt">The previous database, moved aside (with its -wal and -shm files); null when there was none.</param>
public sealed record RestoreReport(DatabaseFileSummary Restored, string? ReplacedKeptAt);

/// <summary>
/// Online backup and restore of the embedded SQLite database. A backup is SQLite's backup API copying every page in
/// one step under one read transaction: a consistent snapshot of the committed data as of that moment, taken while the
/// host keeps writing (WAL lets writers go on beside a reader). The copy is written beside the target, switched to a
/// single file (no -wal), checked by <see cref="DatabaseFileCheck"/>, and only then given its name, so a file with the
/// name is a verified copy.
/// </summary>
public static class SqliteBackup
{
    /// <exception cref="BackupException">Not SQLite, the target exists, or the copy does not verify (it is then removed).</exception>
    public static async Task<DatabaseFileSummary> BackupAsync(Database database, string outFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(outFile);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new BackupException("Online backups are for the embedded SQLite database; on SQL Server the DBA's own backups apply.");
        }

        var target = Path.GetFullPath(outFile);
        if (File.Exists(target))
        {
            throw new BackupException($"{target} already exists: name a new file.");
        }

        if (database.SqliteFile is { } live && string.Equals(live, target, StringComparison.Ordinal))
        {
            throw new BackupException($"{target} is the live database itself.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var source = (SqliteConnection)await database.OpenAsync(cancellationToken))
            await using (var copy = new SqliteConnection(FileConnection(partial)))
            {
                await copy.OpenAsync(cancellationToken);
                source.BackupDatabase(copy);

                // The pages say WAL, as the source's do; the copy is one self-contained file.
                await copy.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = DELETE", cancellationToken: cancellationToken));
            }

            var summary = await DatabaseFileCheck.VerifyAsync(partial, cancellationToken);
            File.Move(partial, target);
            return summary with { Path = target };
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>
    /// Puts a checked backup in place of <paramref name="databaseFile"/>: refuses while a host holds the database
    /// (<see cref="HostLock"/>), checks the backup first, moves the current file (with its -wal and -shm) aside to
    /// <c>…​.replaced-&lt;UTC time&gt;</c>, copies the backup in under a temporary name and renames it into place.
    /// </summary>
    /// <exception cref="BackupException">A host holds the database, or the backup does not verify; nothing was changed.</exception>
    public static async Task<RestoreReport> RestoreAsync(string backupFile, string databaseFile, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        ArgumentNullException.ThrowIfNull(time);
        var source = Path.GetFullPath(backupFile);
        var target = Path.GetFullPath(databaseFile);
        if (string.Equals(source, target, StringComparison.Ordinal))
        {
            throw new BackupException($"{source} is the database to replace: restore from a backup file.");
        }

        using var exclusive = HostLock.TryExclusive(target)
            ?? throw new BackupException($"A CaseFlow host has {target} open (it holds {HostLock.PathFor(target)}): stop every host on it, then restore.");
        await DatabaseFileCheck.VerifyAsync(source, cancellationToken);

        // Connections of this process to the old file (the pools', and those databases hold for their writes) would
        // keep it open under its new name, and a held one would go on writing there.
        Database.ReleaseConnectionsTo(target);
        string? aside = null;
        if (File.Exists(target))
        {
            aside = $"{target}.replaced-{time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}Z";
            File.Move(target, aside);
            foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
            {
                if (File.Exists(target + suffix))
                {
                    File.Move(target + suffix, aside + suffix);
                }
            }
        }

        var restoring = target + ".restoring";
        File.Copy(source, restoring, overwrite: true);
        File.Move(restoring, target);
        var restored = await DatabaseFileCheck.VerifyAsync(target, cancellationToken);
        return new RestoreReport(restored, aside);
    }

    private static string FileConnection(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();
}
