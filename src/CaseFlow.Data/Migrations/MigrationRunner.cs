using System.Data.Common;
using Dapper;

namespace CaseFlow.Data.Migrations;

/// <summary>
/// Applies the numbered scripts the database has not seen yet, each in its own transaction together with its
/// journal row, and refuses to run when the journal and the scripts disagree. Safe to call from several
/// nodes at once: SQL Server holds an application lock for the whole run, SQLite takes the write lock for
/// each script and re-reads the journal under it.
/// On SQL Server the run ends by installing or upgrading Hangfire's schema (<see cref="HangfireSchema"/>) under the
/// same lock.
/// On SQLite each script runs with foreign key enforcement off and every reference is checked before its
/// commit (SQLite's own procedure for rebuilding a table that others refer to; the pragma has no effect
/// inside a transaction, so a script cannot do it itself).
/// </summary>
public sealed class MigrationRunner
{
    private const string ReadJournal = """
        SELECT number AS Number, name AS Name, sha256 AS Sha256, applied_at AS AppliedAt
        FROM schema_migrations
        ORDER BY number
        """;

    private readonly Database _database;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<MigrationScript> _scripts;

    /// <param name="scripts">The scripts to apply; by default the ones embedded for the database's provider.</param>
    public MigrationRunner(Database database, TimeProvider time, IReadOnlyList<MigrationScript>? scripts = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(time);
        _database = database;
        _time = time;
        var ordered = (scripts ?? MigrationScripts.For(database.Provider)).OrderBy(s => s.Number).ToList();
        MigrationScripts.CheckUniqueNumbers(ordered);
        _scripts = ordered;
    }

    /// <summary>How long to wait for another node's migration run (SQL Server) before giving up.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public IReadOnlyList<MigrationScript> Scripts => _scripts;

    /// <summary>Whether <see cref="MigrateAsync"/> also installs Hangfire's job storage schema (SQL Server only).</summary>
    public bool InstallsHangfireSchema => _database.Provider == DatabaseProvider.SqlServer;

    /// <summary>Applied and pending migrations. Reads only: does not create the journal or check checksums.</summary>
    public async Task<MigrationStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var applied = await ReadJournalAsync(connection, null, cancellationToken);
        var appliedNumbers = applied.Select(a => a.Number).ToHashSet();
        return new MigrationStatus(applied, _scripts.Where(s => !appliedNumbers.Contains(s.Number)).ToList());
    }

    /// <summary>
    /// Applies every pending script in number order and returns those it applied (none when up to date); on SQL Server
    /// then brings Hangfire's schema up to <see cref="HangfireSchema.Version"/>.
    /// </summary>
    /// <exception cref="MigrationChecksumMismatchException">An applied script was edited.</exception>
    /// <exception cref="MigrationScriptMissingException">The journal has a number no script provides.</exception>
    /// <exception cref="MigrationException">A script failed; it was rolled back, earlier ones stay applied. Or Hangfire's install failed.</exception>
    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var dialect = _database.Dialect;
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var migrationLock = await dialect.AcquireMigrationLockAsync(connection, LockTimeout, cancellationToken);

        await connection.ExecuteAsync(new CommandDefinition(dialect.CreateJournalTable, cancellationToken: cancellationToken));
        var journal = await ReadJournalAsync(connection, null, cancellationToken);
        Verify(journal);

        var appliedNumbers = journal.Select(a => a.Number).ToHashSet();
        var applied = new List<MigrationScript>();
        foreach (var script in _scripts.Where(s => !appliedNumbers.Contains(s.Number)))
        {
            if (await ApplyAsync(connection, script, cancellationToken))
            {
                applied.Add(script);
            }
        }

        if (InstallsHangfireSchema)
        {
            try
            {
                await HangfireSchema.InstallAsync(connection, cancellationToken);
            }
            catch (DbException e)
            {
                throw new MigrationException($"Installing Hangfire's schema [{HangfireSchema.Name}] failed: {e.Message}", e);
            }
        }

        return applied;
    }

    private void Verify(IReadOnlyList<AppliedMigration> journal)
    {
        var byNumber = _scripts.ToDictionary(s => s.Number);
        foreach (var entry in journal)
        {
            if (!byNumber.TryGetValue(entry.Number, out var script))
            {
                throw new MigrationScriptMissingException(entry.Number, entry.Name);
            }

            if (!string.Equals(script.Sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new MigrationChecksumMismatchException(script, entry.Sha256);
            }
        }
    }

    /// <returns>False when another process applied the script first.</returns>
    private async Task<bool> ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        var dialect = _database.Dialect;
        if (dialect.SuspendForeignKeys is { } suspend)
        {
            await connection.ExecuteAsync(new CommandDefinition(suspend, cancellationToken: cancellationToken));
        }

        try
        {
            return await ApplyInTransactionAsync(connection, script, cancellationToken);
        }
        finally
        {
            if (dialect.ResumeForeignKeys is { } resume)
            {
                await connection.ExecuteAsync(new CommandDefinition(resume, cancellationToken: CancellationToken.None));
            }
        }
    }

    private async Task<bool> ApplyInTransactionAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        const string alreadyApplied = "SELECT sha256 FROM schema_migrations WHERE number = @Number";
        const string journalRow = """
            INSERT INTO schema_migrations (number, name, sha256, applied_at)
            VALUES (@Number, @Name, @Sha256, @AppliedAt)
            """;

        await using var transaction = await _database.BeginTransactionAsync(connection, cancellationToken);
        try
        {
            var racedSha256 = await connection.QuerySingleOrDefaultAsync<string>(
                new CommandDefinition(alreadyApplied, new { script.Number }, transaction, cancellationToken: cancellationToken));
            if (racedSha256 is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
                if (!string.Equals(script.Sha256, racedSha256.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    throw new MigrationChecksumMismatchException(script, racedSha256.Trim());
                }

                return false;
            }

            foreach (var batch in _database.Dialect.SplitBatches(script.Sql))
            {
                // No timeout: a migration that rebuilds a large table may legitimately take long.
                await connection.ExecuteAsync(
                    new CommandDefinition(batch, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
            }

            await CheckForeignKeysAsync(connection, transaction, script, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                journalRow,
                new { script.Number, script.Name, script.Sha256, AppliedAt = _time.GetUtcNow() },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbException e)
        {
            throw new MigrationException($"Migration {script.Path} failed and was rolled back: {e.Message}", e);
        }
    }

    private async Task CheckForeignKeysAsync(
        DbConnection connection, DbTransaction transaction, MigrationScript script, CancellationToken cancellationToken)
    {
        if (_database.Dialect.ForeignKeyCheck is not { } check)
        {
            return;
        }

        var broken = (await connection.QueryAsync<(string Table, long? RowId, string Parent, long ForeignKey)>(
            new CommandDefinition(check, transaction: transaction, cancellationToken: cancellationToken))).AsList();
        if (broken.Count > 0)
        {
            var first = broken[0];
            throw new MigrationException(
                $"Migration {script.Path} was rolled back: it leaves {broken.Count} row(s) referring to rows that do not exist " +
                $"(first: {first.Table} rowid {first.RowId} → {first.Parent}).");
        }
    }

    private async Task<IReadOnlyList<AppliedMigration>> ReadJournalAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var exists = await connection.ExecuteScalarAsync<int>(
            new CommandDefinition(_database.Dialect.JournalTableExists, transaction: transaction, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<JournalRow>(
            new CommandDefinition(ReadJournal, transaction: transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new AppliedMigration(r.Number, r.Name, r.Sha256.Trim(), r.AppliedAt)).ToList();
    }

    // Dapper maps a positional record only when every column has exactly the constructor's type, and SQLite
    // returns INTEGER as long and times as text: settable properties go through the type handlers.
    private sealed class JournalRow
    {
        public int Number { get; init; }

        public string Name { get; init; } = "";

        public string Sha256 { get; init; } = "";

        public DateTimeOffset AppliedAt { get; init; }
    }
}
