using Dapper;
using Microsoft.Data.SqlClient;

namespace CaseFlow.Data.Tests.Infrastructure;

/// <summary>
/// Uniquely named databases on the server that <c>CASEFLOW_TEST_SQLSERVER</c> points at (a login allowed to
/// create databases), dropped afterwards. Without the variable every test using this fixture is skipped.
/// </summary>
public sealed class SqlServerTestDatabase : TestDatabase
{
    public const string Variable = "CASEFLOW_TEST_SQLSERVER";

    private readonly List<string> _created = [];

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => ServerConnectionString is null ? $"{Variable} is not set" : null;

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override string? Unavailable => SkipReason;

    public override async Task<Database> CreateEmptyDatabaseAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = $"caseflow_test_{Guid.NewGuid():N}";
        await using (var connection = new SqlConnection(server))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE [{name}]");
        }

        lock (_created)
        {
            _created.Add(name);
        }

        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name };
        return new Database(new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = builder.ConnectionString });
    }

    public override async Task<IReadOnlyList<string>> TableNamesAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenAsync();
        // CaseFlow's own tables, in dbo; Hangfire's job storage has a schema of its own.
        var names = await connection.QueryAsync<string>("SELECT name FROM sys.tables WHERE schema_id = SCHEMA_ID(N'dbo') ORDER BY name");
        return names.AsList();
    }

    public override async Task<IAsyncDisposable> HoldMigrationLockAsync(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = await database.OpenAsync();
        var applock = await database.Dialect.AcquireMigrationLockAsync(connection, TimeSpan.FromSeconds(10), CancellationToken.None);
        return new Held(applock, connection);
    }

    public override async Task DisposeAsync()
    {
        if (ServerConnectionString is not { } server || _created.Count == 0)
        {
            return;
        }

        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(server);
        await connection.OpenAsync();
        foreach (var name in _created)
        {
            await connection.ExecuteAsync($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}];");
        }
    }

    private sealed class Held(IAsyncDisposable applock, IAsyncDisposable connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await applock.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
