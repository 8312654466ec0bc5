using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Data.Tests;

/// <summary>What only SQLite needs: connection pragmas, the data folder and its storage formats.</summary>
public sealed class SqliteDatabaseTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task Open_SetsWalFullSynchronousForeignKeysAndABusyTimeout()
    {
        await using var connection = await fixture.Database.OpenAsync();

        var pragmas = await connection.QuerySingleAsync<(string JournalMode, long Synchronous, long ForeignKeys, long BusyTimeout)>(
            "SELECT journal_mode, synchronous, foreign_keys, timeout FROM pragma_journal_mode, pragma_synchronous, pragma_foreign_keys, pragma_busy_timeout");

        pragmas.Should().Be(("wal", 2L, 1L, 5000L));
    }

    [Fact]
    public async Task Open_UsesTheConfiguredSynchronousLevelAndTimeout_OnEveryPooledConnection()
    {
        var options = SqliteTestDatabase.OptionsFor(fixture.Folder, "normal.db");
        options.Sqlite.Synchronous = SqliteSynchronous.Normal;
        options.Sqlite.BusyTimeoutMilliseconds = 1234;
        var database = new Database(options);

        for (var i = 0; i < 3; i++)
        {
            await using var connection = await database.OpenAsync();
            var (synchronous, timeout) = await connection.QuerySingleAsync<(long, long)>(
                "SELECT synchronous, timeout FROM pragma_synchronous, pragma_busy_timeout");
            (synchronous, timeout).Should().Be((1L, 1234L));
        }
    }

    [Fact]
    public async Task Open_CreatesTheDataFolder()
    {
        var folder = Path.Combine(fixture.Folder, "nested", "data");
        var database = new Database(SqliteTestDatabase.OptionsFor(folder, "caseflow.db"));

        await using var connection = await database.OpenAsync();

        File.Exists(Path.Combine(folder, "caseflow.db")).Should().BeTrue();
        database.ConnectionString.Should().Contain(Path.Combine(folder, "caseflow.db"));
    }

    [Fact]
    public async Task Money_IsStoredAsIntegerHundredths_AndInstantsAsFixedWidthUtcText()
    {
        var (_, _, village) = await AUnit.TreeAsync(fixture.Database);
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 120, TimeSpan.FromHours(8));
        var caseId = await ACase.In(village).WithAmountOwed(12_345_678_901_234.56m).ReceivedAtTime(beijing).InsertAsync(fixture.Database);
        await using var connection = await fixture.Database.OpenAsync();

        var stored = await connection.QuerySingleAsync<(string AmountType, long Amount, string ReceivedAt)>(
            "SELECT typeof(amount_owed), amount_owed, received_at FROM cases WHERE id = @Id", new { Id = caseId });

        stored.Should().Be(("integer", 1_234_567_890_123_456L, "2026-02-17T00:05:03.120Z"));
    }

    [Fact]
    public async Task Instants_InAnyOtherTextShape_AreRefused()
    {
        var (_, _, village) = await AUnit.TreeAsync(fixture.Database);
        await using var connection = await fixture.Database.OpenAsync();

        var insert = () => connection.ExecuteAsync(
            "INSERT INTO notifications (unit_id, kind, text, created_at) VALUES (@UnitId, 'test', @Text, '2026-02-17 08:05:03+08:00')",
            new { UnitId = village, Text = "提醒" });

        await insert.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>().WithMessage("*CHECK constraint failed*");
    }

    [Fact]
    public async Task SubtreeCondition_IsAnsweredFromThePathIndex()
    {
        await using var connection = await fixture.Database.OpenAsync();

        var plan = await PlanAsync(
            connection,
            $"SELECT id FROM org_units WHERE {SqlDialect.Sqlite.SubtreeCondition("path")}",
            new { SubtreePattern = SqlDialect.Sqlite.SubtreePattern("/1/5/") });

        plan.Should().ContainSingle().Which.Should().Contain("ix_org_units_path").And.Contain("path>? AND path<?");
    }

    [Fact]
    public async Task DueDeadlines_AreFoundThroughThePartialIndex()
    {
        await using var connection = await fixture.Database.OpenAsync();

        var plan = await PlanAsync(
            connection,
            "SELECT id FROM case_deadlines WHERE fired_at IS NULL AND due_at <= @Now ORDER BY due_at",
            new { Now = TestDatabase.Start });

        plan.Should().ContainSingle().Which.Should().Contain("ix_case_deadlines_due");
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(System.Data.Common.DbConnection connection, string sql, object parameters)
    {
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return rows.Select(r => r.Detail).ToList();
    }

    // sqlite3.h's SQLITE_STMTSTATUS_REPREPARE: how often a prepared statement was compiled again (SQLitePCL has no name for it).
    private const int StatementRecompiles = 5;

    [Fact]
    public async Task LimitsAndCaps_OfAStatementKeptPrepared_AreBoundAnewWithoutCompilingItAgain()
    {
        await using var connection = (SqliteConnection)await fixture.Database.OpenAsync();
        var dialect = SqlDialect.Sqlite;
        string[] rendered =
        [
            $"SELECT id FROM cases ORDER BY id {dialect.Paging()}",
            dialect.CappedCount("FROM cases WHERE id > @Offset"),
            dialect.AnyRows("SELECT id FROM cases", "@Limit"),
        ];

        foreach (var sql in rendered)
        {
            RecompilesOverThreeRuns(connection, sql).Should().Be(0, sql);
        }

        RecompilesOverThreeRuns(connection, "SELECT id FROM cases ORDER BY id LIMIT @Limit OFFSET @Offset")
            .Should().BeGreaterThan(0, "a parameter alone as the limit is compiled anew on each bind: what the dialect avoids");
    }

    private static int RecompilesOverThreeRuns(SqliteConnection connection, string sql)
    {
        raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement).Should().Be(raw.SQLITE_OK, sql);
        using (statement)
        {
            for (var run = 0; run < 3; run++)
            {
                for (var i = 1; i <= raw.sqlite3_bind_parameter_count(statement); i++)
                {
                    raw.sqlite3_bind_int64(statement, i, 5 + run);
                }

                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                }

                raw.sqlite3_reset(statement);
            }

            return raw.sqlite3_stmt_status(statement, StatementRecompiles, 0);
        }
    }
}

/// <summary>Options binding and validation, no database needed.</summary>
public sealed class DatabaseOptionsTests
{
    [Fact]
    public void Options_BindFromTheDatabaseSection()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "SqlServer",
                ["Database:ConnectionString"] = "Server=db1;Database=caseflow",
                ["Database:Sqlite:DataFolder"] = "/var/lib/caseflow",
                ["Database:Sqlite:FileName"] = "cf.db",
                ["Database:Sqlite:Synchronous"] = "Normal",
                ["Database:Sqlite:BusyTimeoutMilliseconds"] = "2000",
            })
            .Build();

        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>();

        options.Should().BeEquivalentTo(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer,
            ConnectionString = "Server=db1;Database=caseflow",
            Sqlite = new SqliteOptions
            {
                DataFolder = "/var/lib/caseflow",
                FileName = "cf.db",
                Synchronous = SqliteSynchronous.Normal,
                BusyTimeoutMilliseconds = 2000,
            },
        });
    }

    [Fact]
    public void Options_ByDefault_AreSqliteInDataCaseflowDbWithFullSynchronous()
    {
        var options = new DatabaseOptions();

        (options.Provider, options.Sqlite.DataFolder, options.Sqlite.FileName, options.Sqlite.Synchronous)
            .Should().Be((DatabaseProvider.Sqlite, "./data", "caseflow.db", SqliteSynchronous.Full));
    }

    [Fact]
    public void Database_ForSqlServerWithoutAConnectionString_Refuses()
    {
        var create = () => new Database(new DatabaseOptions { Provider = DatabaseProvider.SqlServer });

        create.Should().Throw<InvalidOperationException>().WithMessage("*Database:ConnectionString*SQL Server*");
    }
}
