using System.Data.Common;
using System.Text.Json;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Audit;

public abstract class AuditArchiverTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture), IDisposable
    where TDatabase : TestDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-tests", "archive-" + Guid.NewGuid().ToString("N"));

    [DatabaseFact]
    public async Task Archive_MovesOnlyTheRowsOlderThanTheRetention_ToAChecksummedFile_AndAuditsTheRun()
    {
        var db = await FreshAsync();
        var now = Fixture.Clock.GetUtcNow();
        var old1 = await InsertAsync(db, now.AddDays(-400), "case.reveal_phone", """{"party":"张三"}""");
        var old2 = await InsertAsync(db, now.AddDays(-366), "user.create", null);
        var kept = await InsertAsync(db, now.AddDays(-364), "user.create", null);
        var archiver = new AuditArchiver(db, new AuditWriter(db, Fixture.Clock), Fixture.Clock);

        var result = await archiver.ArchiveAsync(365, _folder, new AuditActor(null, "cli:operator"));

        result.Rows.Should().Be(2);
        var lines = await File.ReadAllLinesAsync(result.File!);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64()).Should().Equal(old1, old2);
        JsonDocument.Parse(lines[0]).RootElement.GetProperty("detail").GetProperty("party").GetString().Should().Be("张三");
        (await File.ReadAllTextAsync(result.File + ".sha256")).Should().Be($"{await AuditArchiver.Sha256Async(result.File!)}  {Path.GetFileName(result.File)}\n");
        result.Sha256.Should().Be(await AuditArchiver.Sha256Async(result.File!));

        await using var connection = await db.OpenAsync();
        var left = (await connection.QueryAsync<long>("SELECT id FROM audit_log WHERE action <> 'audit.archive' ORDER BY id")).AsList();
        left.Should().Equal(kept);
        var archive = await connection.QuerySingleAsync<(string FileName, long RowCount)>("SELECT file_name, row_count FROM audit_archives");
        archive.Should().Be((Path.GetFileName(result.File)!, 2L));
        var audited = await connection.QuerySingleAsync<string>("SELECT detail FROM audit_log WHERE action = 'audit.archive'");
        JsonDocument.Parse(audited).RootElement.GetProperty("rows").GetInt32().Should().Be(2);
    }

    [DatabaseFact]
    public async Task Archive_WithARetentionBelowTheMinimum_IsRefusedAndDeletesNothing()
    {
        var db = await FreshAsync();
        await InsertAsync(db, Fixture.Clock.GetUtcNow().AddDays(-400), "user.create", null);
        var archiver = new AuditArchiver(db, new AuditWriter(db, Fixture.Clock), Fixture.Clock);

        var archive = () => archiver.ArchiveAsync(AuditRetention.MinimumDays - 1, _folder, AuditActor.System);

        await archive.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*at least 180 days*");
        await using var connection = await db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log")).Should().Be(1);
        Directory.Exists(_folder).Should().BeFalse();
    }

    [DatabaseFact]
    public async Task Schema_RefusesAnArchiveCutoffInsideTheMinimumRetention_AndADeleteOfRowsNoArchiveHolds()
    {
        var db = await FreshAsync();
        var now = Fixture.Clock.GetUtcNow();
        var old = await InsertAsync(db, now.AddDays(-400), "user.create", null);
        await using var connection = await db.OpenAsync();
        const string insert = """
            INSERT INTO audit_archives (archived_at, cutoff, file_name, sha256, row_count)
            VALUES (@Now, @Cutoff, 'f.jsonl', '0000000000000000000000000000000000000000000000000000000000000000', 0)
            """;

        var tooRecent = () => connection.ExecuteAsync(insert, new { Now = now, Cutoff = now.AddDays(-(AuditRetention.MinimumDays - 1)) });
        var deleteUnarchived = () => connection.ExecuteAsync("DELETE FROM audit_log WHERE id = @Id", new { Id = old });

        await tooRecent.Should().ThrowAsync<DbException>();
        await deleteUnarchived.Should().ThrowAsync<DbException>().WithMessage("*audit_log is append-only*");
        await connection.ExecuteAsync(insert, new { Now = now, Cutoff = now.AddDays(-AuditRetention.MinimumDays) });
        await connection.ExecuteAsync("DELETE FROM audit_log WHERE id = @Id", new { Id = old });
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE id = @Id", new { Id = old })).Should().Be(0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task<Database> FreshAsync()
    {
        var db = await Fixture.CreateEmptyDatabaseAsync();
        await new MigrationRunner(db, Fixture.Clock).MigrateAsync();
        return db;
    }

    private static async Task<long> InsertAsync(Database db, DateTimeOffset at, string action, string? detail)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            db.Dialect.InsertReturningId("INSERT INTO audit_log (at, username, action, entity, detail) VALUES (@At, 'admin', @Action, 'user', @Detail)"),
            new { At = at, Action = action, Detail = detail });
    }
}

public sealed class SqliteAuditArchiverTests(SqliteTestDatabase fixture) : AuditArchiverTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerAuditArchiverTests(SqlServerTestDatabase fixture) : AuditArchiverTests<SqlServerTestDatabase>(fixture);
