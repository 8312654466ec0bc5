using CaseFlow.Data.Backups;
using CaseFlow.Data.Migrations;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.Backups;

public sealed class SqliteBackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-tests", "backup-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 19, 15, 0, TimeSpan.Zero));

    [Fact]
    public async Task Backup_OfADatabaseInUse_IsAVerifiedSingleFileWithEveryCommittedRow()
    {
        var live = await MigratedAsync("live");
        await InsertEventsAsync(live, 3);
        await using var open = await live.OpenAsync();

        var copy = await SqliteBackup.BackupAsync(live, Path.Combine(_folder, "copy.db"));

        copy.SchemaNumber.Should().Be(MigrationScripts.For(DatabaseProvider.Sqlite)[^1].Number);
        (copy.Cases, copy.LastEventAt).Should().Be((3L, _clock.GetUtcNow().AddMinutes(3)));
        File.Exists(copy.Path + "-wal").Should().BeFalse();
        File.Exists(copy.Path + ".partial").Should().BeFalse();
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_IsRefused()
    {
        var live = await MigratedAsync("live");
        var target = Path.Combine(_folder, "copy.db");
        await File.WriteAllTextAsync(target, "keep me");

        var backup = () => SqliteBackup.BackupAsync(live, target);

        await backup.Should().ThrowAsync<BackupException>().WithMessage("*already exists*");
        (await File.ReadAllTextAsync(target)).Should().Be("keep me");
    }

    [Fact]
    public async Task Restore_WhileAHostHoldsTheDatabase_IsRefusedAndChangesNothing()
    {
        var live = await MigratedAsync("live");
        var copy = await SqliteBackup.BackupAsync(live, Path.Combine(_folder, "copy.db"));
        await InsertEventsAsync(live, 2);
        using var host = HostLock.Shared(live.SqliteFile!);

        var restore = () => SqliteBackup.RestoreAsync(copy.Path, live.SqliteFile!, _clock);

        await restore.Should().ThrowAsync<BackupException>().WithMessage("*host has*open*");
        (await DatabaseFileCheck.VerifyAsync(live.SqliteFile!)).Cases.Should().Be(2);
    }

    [Fact]
    public async Task Restore_WhenNoHostHoldsIt_PutsTheBackupInPlace_AndKeepsTheReplacedFileAside()
    {
        var live = await MigratedAsync("live");
        await InsertEventsAsync(live, 1);
        var copy = await SqliteBackup.BackupAsync(live, Path.Combine(_folder, "copy.db"));
        await InsertEventsAsync(live, 4);
        HostLock.Shared(live.SqliteFile!).Dispose();

        var report = await SqliteBackup.RestoreAsync(copy.Path, live.SqliteFile!, _clock);

        report.Restored.Cases.Should().Be(1);
        report.ReplacedKeptAt.Should().Be(live.SqliteFile + ".replaced-20261130-191500Z");
        (await DatabaseFileCheck.VerifyAsync(report.ReplacedKeptAt!)).Cases.Should().Be(5);
        await using var connection = await live.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases")).Should().Be(1);
    }

    [Fact]
    public async Task Restore_ReleasesTheConnectionHeldForWrites_SoTheNextWriteLandsInTheRestoredFile()
    {
        var live = await MigratedAsync("live");
        await InsertEventsAsync(live, 1);
        var copy = await SqliteBackup.BackupAsync(live, Path.Combine(_folder, "copy.db"));

        // Written through the database's own write transactions: it now holds a connection open on the file.
        await InsertCaseInTransactionAsync(live, "AJ-2026-900001");
        await InsertCaseInTransactionAsync(live, "AJ-2026-900002");
        var report = await SqliteBackup.RestoreAsync(copy.Path, live.SqliteFile!, _clock);
        await InsertCaseInTransactionAsync(live, "AJ-2026-900003");

        (await NumbersInAsync(live.SqliteFile!)).Should().Equal("AJ-2026-000001", "AJ-2026-900003");
        (await NumbersInAsync(report.ReplacedKeptAt!)).Should().Equal("AJ-2026-000001", "AJ-2026-900001", "AJ-2026-900002");
    }

    [Fact]
    public async Task Restore_OfAFileWithASchemaNewerThanTheCode_IsRefused()
    {
        var live = await MigratedAsync("live");
        var copy = await SqliteBackup.BackupAsync(live, Path.Combine(_folder, "copy.db"));
        await using (var connection = new SqliteConnection($"Data Source={copy.Path};Pooling=False"))
        {
            await connection.ExecuteAsync("INSERT INTO schema_migrations (number, name, sha256, applied_at) VALUES (9999, 'from_the_future', 'x', '2027-01-01T00:00:00.000Z')");
        }

        var restore = () => SqliteBackup.RestoreAsync(copy.Path, Path.Combine(_folder, "fresh", "caseflow.db"), _clock);

        await restore.Should().ThrowAsync<BackupException>().WithMessage("*9999*newer than the code*");
        File.Exists(Path.Combine(_folder, "fresh", "caseflow.db")).Should().BeFalse();
    }

    [Theory]
    [InlineData("not a database at all, just text")]
    [InlineData("")]
    public async Task Restore_OfAFileThatIsNoCaseFlowDatabase_IsRefused(string content)
    {
        Directory.CreateDirectory(_folder);
        var bogus = Path.Combine(_folder, "bogus.db");
        await File.WriteAllTextAsync(bogus, content);

        var restore = () => SqliteBackup.RestoreAsync(bogus, Path.Combine(_folder, "fresh", "caseflow.db"), _clock);

        await restore.Should().ThrowAsync<BackupException>();
    }

    [Fact]
    public void BackupFolder_ListsItsBackupsNewestFirst_AndPrunesBeyondTheCount()
    {
        var folder = new BackupFolder(_folder);
        Directory.CreateDirectory(_folder);
        var times = Enumerable.Range(0, 4).Select(d => _clock.GetUtcNow().AddDays(-d)).ToList();
        foreach (var at in times)
        {
            File.WriteAllText(folder.PathFor(at), "x");
        }

        File.WriteAllText(Path.Combine(_folder, "caseflow-notes.txt"), "not a backup");

        folder.Latest()!.TakenAt.Should().Be(times[0]);
        folder.Prune(keep: 2).Should().HaveCount(2);
        folder.List().Select(f => f.TakenAt).Should().Equal(times[0], times[1]);
        File.Exists(Path.Combine(_folder, "caseflow-notes.txt")).Should().BeTrue();
    }

    public void Dispose()
    {
        Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task<Database> MigratedAsync(string name)
    {
        var db = new Database(new DatabaseOptions { Sqlite = new SqliteOptions { DataFolder = Path.Combine(_folder, name), FileName = "caseflow.db" } });
        await new MigrationRunner(db, _clock).MigrateAsync();
        return db;
    }

    private Task<int> InsertCaseInTransactionAsync(Database db, string number) =>
        db.InTransactionAsync((connection, transaction) => connection.ExecuteAsync(
            """
            INSERT INTO cases (number, channel, received_at, first_received_at, state, unit_id, location_unit_id, created_at, updated_at)
            SELECT @Number, 'walk_in', @At, @At, 'Registered', MIN(id), MIN(id), @At, @At FROM org_units
            """,
            new { Number = number, At = _clock.GetUtcNow() },
            transaction));

    /// <summary>The case numbers in a database file, read on a connection of its own (not pooled).</summary>
    private static async Task<List<string>> NumbersInAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadWrite;Pooling=False");
        await connection.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT number FROM cases ORDER BY number")).AsList();
    }

    /// <summary>Cases with one event each, the n-th event n minutes after the clock's time.</summary>
    private async Task InsertEventsAsync(Database db, int count)
    {
        await using var connection = await db.OpenAsync();
        var existing = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
        var unit = await connection.ExecuteScalarAsync<long?>("SELECT MIN(id) FROM org_units")
            ?? await connection.ExecuteScalarAsync<long>("INSERT INTO org_units (kind, name, code, created_at) VALUES ('county', '安吉县', 'AJ', @Now) RETURNING id", new { Now = _clock.GetUtcNow() });
        for (var i = 1; i <= count; i++)
        {
            var n = existing + i;
            var at = _clock.GetUtcNow().AddMinutes(n);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO cases (number, channel, received_at, first_received_at, state, unit_id, location_unit_id, created_at, updated_at)
                VALUES (@Number, 'walk_in', @At, @At, 'Registered', @Unit, @Unit, @At, @At) RETURNING id
                """,
                new { Number = $"AJ-2026-{n:D6}", At = at, Unit = unit });
            await connection.ExecuteAsync(
                "INSERT INTO case_events (case_id, at, trigger_name, to_state) VALUES (@Id, @At, 'Register', 'Registered')", new { Id = id, At = at });
        }
    }
}
