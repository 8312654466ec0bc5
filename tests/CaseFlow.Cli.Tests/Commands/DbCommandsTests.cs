using Microsoft.Data.Sqlite;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class DbCommandsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-cli-" + Guid.NewGuid().ToString("N"));

    private string DbFile => Path.Combine(_folder, "caseflow.db");

    /// <summary>The SQLite migrations this build carries, whatever their number.</summary>
    private static IReadOnlyList<CaseFlow.Data.Migrations.MigrationScript> ShippedScripts { get; } =
        new CaseFlow.Data.Migrations.MigrationRunner(new CaseFlow.Data.Database(new CaseFlow.Data.DatabaseOptions { ConnectionString = "Data Source=:memory:" }), TimeProvider.System).Scripts;

    [Fact]
    public void Migrate_OnAnEmptyFile_CreatesTheSchema_AndAgainChangesNothing()
    {
        var first = CliRun.Of("db", "migrate", "--connection", DbFile);
        var second = CliRun.Of("db", "migrate", "--connection", DbFile);

        first.ExitCode.Should().Be(0, first.Error);
        foreach (var script in ShippedScripts)
        {
            first.Output.Should().Contain($"applied {script.FileName}");
        }

        second.ExitCode.Should().Be(0, second.Error);
        second.Output.Should().Contain("nothing to apply");
        Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('cases', 'case_events', 'case_deadlines', 'audit_log')").Should().Be(4);
        Scalar("SELECT COUNT(*) FROM schema_migrations").Should().Be(ShippedScripts.Count);
    }

    [Fact]
    public void Status_ListsPendingThenApplied()
    {
        CliRun.Of("db", "status", "--connection", DbFile).Output.Should().Contain("pending  0001_create_schema.sql").And.Contain($"{ShippedScripts.Count} pending");
        CliRun.Of("db", "migrate", "--connection", DbFile);
        CliRun.Of("db", "status", "--connection", DbFile).Output.Should().Contain("applied  0001_create_schema").And.Contain("up to date");
    }

    [Fact]
    public void Migrate_WhenAnAppliedScriptWasEdited_FailsNamingTheFile()
    {
        CliRun.Of("db", "migrate", "--connection", DbFile).ExitCode.Should().Be(0);
        // What an edited script looks like to the runner: its checksum no longer matches the journal.
        Execute("UPDATE schema_migrations SET sha256 = 'edited' WHERE number = 1");

        var run = CliRun.Of("db", "migrate", "--connection", DbFile);

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("0001_create_schema.sql").And.Contain("was changed after it was applied");
    }

    [Fact]
    public void Migrate_AgainstAnUnreachableSqlServer_FailsWithOneLineAndNonZero()
    {
        var run = CliRun.Of("db", "migrate", "--provider", "sqlserver", "--connection", "Server=127.0.0.1,1;Database=x;User Id=sa;Password=x;Connect Timeout=1");

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("SQL Server");
    }

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
