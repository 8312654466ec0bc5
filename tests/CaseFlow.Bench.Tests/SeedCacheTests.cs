using CaseFlow.Bench;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Bench.Tests;

public sealed class SeedCacheTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caseflow-seed-cache-test").FullName;

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A repository-shaped tree: migrations and the seeding projects' sources.</summary>
    private string FakeRepository()
    {
        var root = Path.Combine(_folder, "repo");
        foreach (var (path, text) in new[]
        {
            ("db/sqlite/0001_create_schema.sql", "CREATE TABLE cases (id INTEGER PRIMARY KEY) STRICT;"),
            ("src/CaseFlow.Domain/Case.cs", "class Case {}"),
            ("src/CaseFlow.Data/Store.cs", "class Store {}"),
            ("src/CaseFlow.Synthetic/Generator.cs", "class Generator {}"),
            ("tools/CaseFlow.Cli/SeedCommand.cs", "class SeedCommand {}"),
            ("src/CaseFlow.Web/Page.cs", "class Page {}"),
        })
        {
            var file = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }

        return root;
    }

    [Fact]
    public void Key_ChangesWithAMigrationTheSeedingCodeOrTheArguments_NotWithOtherCode()
    {
        var root = FakeRepository();
        var key = SeedCache.Key(root, "--cases 1000000");

        SeedCache.Key(root, "--cases 1000000").Should().Be(key);
        SeedCache.Key(root, "--cases 20000").Should().NotBe(key);

        File.WriteAllText(Path.Combine(root, "src/CaseFlow.Web/Page.cs"), "class Page { int X; }");
        Directory.CreateDirectory(Path.Combine(root, "src/CaseFlow.Data/bin"));
        File.WriteAllText(Path.Combine(root, "src/CaseFlow.Data/bin/Generated.cs"), "// build output");
        SeedCache.Key(root, "--cases 1000000").Should().Be(key, "the web project and build output do not write the seed");

        File.WriteAllText(Path.Combine(root, "db/sqlite/0014_add_case_summary.sql"), "CREATE TABLE case_summary (unit_id INTEGER) STRICT;");
        var migrated = SeedCache.Key(root, "--cases 1000000");
        migrated.Should().NotBe(key);

        File.AppendAllText(Path.Combine(root, "src/CaseFlow.Synthetic/Generator.cs"), "// another distribution");
        SeedCache.Key(root, "--cases 1000000").Should().NotBe(migrated);
    }

    [Fact]
    public async Task StoreThenRestore_CopiesTheCheckpointedDatabase_AndLeavesTheCacheUntouchedByTheCopysWrites()
    {
        var cache = new SeedCache(Path.Combine(_folder, "cache"));
        var source = Path.Combine(_folder, "seeded.db");
        await ExecuteAsync(source, "PRAGMA journal_mode=WAL; CREATE TABLE cases (id INTEGER PRIMARY KEY); INSERT INTO cases VALUES (1), (2), (3);");

        (await cache.TryRestoreAsync("k1", Path.Combine(_folder, "nothing.db"))).Should().BeNull();
        await cache.StoreAsync("k1", source, cases: 3, casesPerSecond: 4364, seconds: 229, seededAt: new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero));

        var target = Path.Combine(_folder, "run.db");
        var restored = await cache.TryRestoreAsync("k1", target);
        restored.Should().NotBeNull();
        restored!.CasesPerSecond.Should().Be(4364);
        restored.SeededAt.Should().Be("2026-12-01 13:00Z");
        (await CountAsync(target)).Should().Be(3, "the rows were checkpointed out of the WAL into the cached file");

        await ExecuteAsync(target, "INSERT INTO cases VALUES (4);");
        var again = Path.Combine(_folder, "rerun.db");
        await cache.TryRestoreAsync("k1", again);
        (await CountAsync(again)).Should().Be(3, "a run writes into its copy, never into the cache");
        (await cache.TryRestoreAsync("k2", Path.Combine(_folder, "other.db"))).Should().BeNull("another key is another seed");
    }

    [Fact]
    public async Task Store_ReplacesTheEntryOfTheSameSizeMadeByOtherCode()
    {
        var cache = new SeedCache(Path.Combine(_folder, "cache"));
        var source = Path.Combine(_folder, "seeded.db");
        await ExecuteAsync(source, "CREATE TABLE cases (id INTEGER PRIMARY KEY);");
        var at = new DateTimeOffset(2026, 12, 1, 13, 0, 0, TimeSpan.Zero);

        await cache.StoreAsync("old", source, cases: 1000, casesPerSecond: 1, seconds: 1, seededAt: at);
        await cache.StoreAsync("quick", source, cases: 20, casesPerSecond: 1, seconds: 1, seededAt: at);
        await cache.StoreAsync("new", source, cases: 1000, casesPerSecond: 1, seconds: 1, seededAt: at);

        Directory.EnumerateDirectories(cache.Folder).Select(Path.GetFileName).Should().BeEquivalentTo(["quick", "new"]);
    }

    private static async Task ExecuteAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM cases";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
