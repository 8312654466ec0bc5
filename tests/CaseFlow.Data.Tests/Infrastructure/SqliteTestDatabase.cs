using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data.Tests.Infrastructure;

/// <summary>SQLite files in a temporary folder of their own, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private int _created;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "caseflow-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public static DatabaseOptions OptionsFor(string folder, string fileName) => new()
    {
        Provider = DatabaseProvider.Sqlite,
        Sqlite = new SqliteOptions { DataFolder = folder, FileName = fileName },
    };

    public override Task<Database> CreateEmptyDatabaseAsync() =>
        Task.FromResult(new Database(OptionsFor(Folder, $"db{Interlocked.Increment(ref _created)}.db")));

    public override async Task<IReadOnlyList<string>> TableNamesAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync();
        var names = await connection.QueryAsync<string>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY name");
        return names.AsList();
    }

    public override async Task<IAsyncDisposable> HoldMigrationLockAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenAsync();
        var transaction = await database.BeginTransactionAsync(connection);
        return new Held(transaction, connection);
    }

    public override Task DisposeAsync()
    {
        // Held and pooled connections keep the files open. Only this fixture's files are let go of: the other test
        // classes run at the same time, and releasing every database would close their held connections mid-test.
        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*.db"))
            {
                Database.ReleaseConnectionsTo(file);
            }

            Directory.Delete(Folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private sealed class Held(IAsyncDisposable transaction, IAsyncDisposable connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
