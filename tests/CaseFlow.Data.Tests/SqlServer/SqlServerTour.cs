using System.Data.Common;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>
/// The statements CaseFlow sends to SQL Server, collected without a server: <see cref="DataLayerTour"/> runs once on
/// SQLite through recording connections and once with the SQL Server dialect over connections that replay the SQLite
/// run's results; the migration runner runs over scripted connections, as on a new database and on a migrated one.
/// </summary>
public sealed class SqlServerTour : IAsyncLifetime
{
    private const string NoServer = "Server=no-server-here;Database=caseflow";

    private readonly SqliteTestDatabase _sqlite = new();

    /// <summary>What the tour sent to SQLite (and what came back).</summary>
    public IReadOnlyList<SentCommand> OnSqlite { get; private set; } = [];

    /// <summary>What the tour and the migration runner sent with the SQL Server dialect.</summary>
    public IReadOnlyList<SentCommand> OnSqlServer { get; private set; } = [];

    /// <summary>SQLite statements the SQL Server run never asked for; empty when both took the same path.</summary>
    public IReadOnlyList<SentCommand> UnusedByReplay { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var real = await _sqlite.CreateEmptyDatabaseAsync();
        await new MigrationRunner(real, new FakeTimeProvider(DataLayerTour.Start)).MigrateAsync();

        var sqliteLog = new CommandLog();
        var recording = new Database(
            new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = real.ConnectionString },
            async ct => TapConnection.Recording(await real.OpenAsync(ct), sqliteLog));
        await DataLayerTour.RunAsync(recording, new FakeTimeProvider(DataLayerTour.Start), sqliteLog);
        OnSqlite = sqliteLog.Commands;

        var replay = new Replay(OnSqlite);
        var sqlServerLog = new CommandLog();
        var replaying = SqlServer((command, kind) => replay.Respond(command, kind), sqlServerLog);
        await DataLayerTour.RunAsync(replaying, new FakeTimeProvider(DataLayerTour.Start), sqlServerLog);
        UnusedByReplay = replay.Unused;

        // A new database: no journal, the lock granted at once, every script applied batch by batch.
        sqlServerLog.Step = "MigrationRunner.MigrateAsync on a new database";
        var fresh = SqlServer((_, kind) => Answer(kind, scalar: 0), sqlServerLog);
        await new MigrationRunner(fresh, new FakeTimeProvider(DataLayerTour.Start)).MigrateAsync();

        // A migrated database: the journal exists and is read.
        sqlServerLog.Step = "MigrationRunner.StatusAsync on a migrated database";
        var migrated = SqlServer((_, kind) => Answer(kind, scalar: 1), sqlServerLog);
        await new MigrationRunner(migrated, new FakeTimeProvider(DataLayerTour.Start)).StatusAsync();

        OnSqlServer = sqlServerLog.Commands;
    }

    public Task DisposeAsync() => _sqlite.DisposeAsync();

    private static Database SqlServer(Func<TapCommand, TapConnection.CommandKind, CommandOutcome> respond, CommandLog log) => new(
        new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = NoServer },
        _ => Task.FromResult<DbConnection>(TapConnection.Scripted(respond, log)));

    private static CommandOutcome Answer(TapConnection.CommandKind kind, int scalar) => kind switch
    {
        TapConnection.CommandKind.NonQuery => new RowsAffected(0),
        TapConnection.CommandKind.Scalar => new ScalarValue(scalar),
        _ => new ResultSets([new ResultSet([], [], [])]),
    };
}
