using CaseFlow.Data.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.Infrastructure;

/// <summary>
/// One database server per test class: a migrated database for the class's tests, plus fresh empty
/// databases on request (migration tests need one each). Everything is removed when the class is done.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 1, 30, 0, TimeSpan.Zero);

    private Database? _database;

    public FakeTimeProvider Clock { get; } = new(Start);

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Migrated to the latest script, shared by the tests of one class (each test writes its own rows).</summary>
    public Database Database => _database ?? throw new InvalidOperationException($"{GetType().Name} is not available: {SkipReasonFor(GetType())}");

    /// <summary>Null when this provider can run here; otherwise why its tests are skipped.</summary>
    protected virtual string? Unavailable => null;

    /// <summary>Why tests of <paramref name="testClass"/> cannot run here, judged by the database fixture it uses; null when they can.</summary>
    public static string? SkipReasonFor(Type testClass)
    {
        ArgumentNullException.ThrowIfNull(testClass);
        var usesSqlServer = testClass.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Any(i => typeof(SqlServerTestDatabase).IsAssignableFrom(i.GetGenericArguments()[0]));
        return usesSqlServer ? SqlServerTestDatabase.SkipReason : null;
    }

    public async Task InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        _database = await CreateEmptyDatabaseAsync();
        await new MigrationRunner(_database, Clock).MigrateAsync();
    }

    /// <summary>A new database with nothing in it, not even the journal.</summary>
    public abstract Task<Database> CreateEmptyDatabaseAsync();

    /// <summary>The user tables of <paramref name="database"/>, engine bookkeeping excluded.</summary>
    public abstract Task<IReadOnlyList<string>> TableNamesAsync(Database database);

    /// <summary>Holds what a migrating node would wait for (SQLite's write lock, SQL Server's migration applock) until disposed.</summary>
    public abstract Task<IAsyncDisposable> HoldMigrationLockAsync(Database database);

    public abstract Task DisposeAsync();
}
