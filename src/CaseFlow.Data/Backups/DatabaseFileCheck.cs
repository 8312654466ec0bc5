using CaseFlow.Data.Migrations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data.Backups;

/// <summary>What a checked SQLite database file holds: its size, schema and what an operator recognises it by.</summary>
/// <param name="SchemaNumber">The highest migration the file's journal records.</param>
/// <param name="LastEventAt">The newest case event (any transition or registration); null when there is none.</param>
public sealed record DatabaseFileSummary(string Path, long Bytes, int SchemaNumber, long Cases, DateTimeOffset? LastEventAt);

/// <summary>
/// Checks that a file is a whole CaseFlow SQLite database this build can run: <c>PRAGMA integrity_check</c> answers
/// ok, the migration journal is there, and every migration it records is one of this build's scripts with the same
/// checksum (a schema newer than the code, or a script edited since, is refused). An older schema is fine: the host
/// migrates it on start.
/// </summary>
public static class DatabaseFileCheck
{
    // SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or is no SQLite database at all.
    private const int Corrupt = 11;
    private const int NotADatabase = 26;

    /// <exception cref="BackupException">The file is missing, damaged, not CaseFlow's, or newer than this build.</exception>
    public static async Task<DatabaseFileSummary> VerifyAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new BackupException($"{full} does not exist.");
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            var integrity = (await connection.QueryAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: cancellationToken))).AsList();
            if (integrity is not ["ok"])
            {
                throw new BackupException($"{full} fails SQLite's integrity check: {integrity.FirstOrDefault() ?? "no answer"}.");
            }

            var hasJournal = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: cancellationToken));
            var journal = hasJournal == 0
                ? []
                : (await connection.QueryAsync<(long Number, string Sha256)>(new CommandDefinition(
                    "SELECT number, sha256 FROM schema_migrations ORDER BY number", cancellationToken: cancellationToken))).AsList();
            if (journal.Count == 0)
            {
                throw new BackupException($"{full} has no migration journal (schema_migrations): it is not a CaseFlow database.");
            }

            var scripts = MigrationScripts.For(DatabaseProvider.Sqlite).ToDictionary(s => s.Number);
            foreach (var (number, sha256) in journal)
            {
                if (!scripts.TryGetValue((int)number, out var script))
                {
                    throw new BackupException(
                        $"{full} has migration {number:D4}, which this build does not know: its schema is newer than the code. Use the CaseFlow version that wrote it.");
                }

                if (!string.Equals(script.Sha256, sha256.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    throw new BackupException($"{full} applied {script.FileName} with another checksum than this build's: it comes from another version of CaseFlow.");
                }
            }

            var cases = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM cases", cancellationToken: cancellationToken));
            var lastEvent = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT MAX(at) FROM case_events", cancellationToken: cancellationToken));
            return new DatabaseFileSummary(
                full,
                new FileInfo(full).Length,
                (int)journal[^1].Number,
                cases,
                lastEvent is null ? null : DateTimeOffset.Parse(lastEvent, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Corrupt or NotADatabase)
        {
            throw new BackupException($"{full} is not a readable SQLite database: {e.Message}", e);
        }
    }
}
