using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Migrations;

public abstract class MigrationRunnerTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly string[] SchemaTables =
    [
        "agreements", "audit_archives", "audit_log", "calendar_days", "calendar_years", "case_activities", "case_deadlines",
        "case_events", "case_parties", "case_shares", "case_units_held", "cases", "counters", "county_contacts", "enterprises",
        "mediation_ladders", "mediation_sessions", "notification_reads", "notifications", "org_units", "outbox_messages",
        "partner_orgs", "referrals", "schema_migrations", "session_partners", "user_roles", "users",
        "scoring_schemes", "star_ratings", "bonus_items", "screening_rounds", "screening_reports", "screening_records",
        "health_checks", "health_check_followups",
        "supervisions", "supervision_due_dates", "supervision_feedbacks",
        "case_summary", "case_week_summary",
    ];

    [DatabaseFact]
    public async Task Migrate_OnAnEmptyDatabase_CreatesEveryTable()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        var runner = Runner(database);

        var applied = await runner.MigrateAsync();

        applied.Select(s => s.Number).Should().Equal(runner.Scripts.Select(s => s.Number));
        (await Fixture.TableNamesAsync(database)).Should().BeEquivalentTo(SchemaTables);
    }

    [DatabaseFact]
    public async Task Status_BeforeAndAfterMigrate_MovesEveryScriptFromPendingToApplied()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        var runner = Runner(database);

        var before = await runner.StatusAsync();
        await runner.MigrateAsync();
        var after = await runner.StatusAsync();

        before.Applied.Should().BeEmpty();
        before.Pending.Should().Equal(runner.Scripts);
        after.IsUpToDate.Should().BeTrue();
        after.Applied.Should().Equal(runner.Scripts.Select(s =>
            new AppliedMigration(s.Number, s.Name, s.Sha256, Fixture.Clock.GetUtcNow())));
    }

    [DatabaseFact]
    public async Task Migrate_WhenRunAgain_AppliesNothingAndLeavesTheJournalUnchanged()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database).MigrateAsync();
        var journal = (await Runner(database).StatusAsync()).Applied;
        Fixture.Clock.Advance(TimeSpan.FromDays(1));

        var applied = await Runner(database).MigrateAsync();

        applied.Should().BeEmpty();
        (await Runner(database).StatusAsync()).Applied.Should().Equal(journal);
    }

    [DatabaseFact]
    public async Task Migrate_WhenAnAppliedScriptWasEdited_RefusesNamingTheFile()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database).MigrateAsync();
        var edited = Embedded().Select(s => s.Number == 1 ? new MigrationScript(s.Path, s.Sql + "\n-- an afterthought\n") : s).ToList();

        var migrate = () => Runner(database, edited).MigrateAsync();

        var refusal = await migrate.Should().ThrowAsync<MigrationChecksumMismatchException>()
            .WithMessage("*0001_create_schema.sql*");
        refusal.Which.FileName.Should().Be("0001_create_schema.sql");
    }

    [DatabaseFact]
    public async Task Migrate_WhenTheJournalHasANumberWithNoScript_Refuses()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database).MigrateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (number, name, sha256, applied_at) VALUES (9999, 'from_a_newer_build', @Sha256, @At)",
                new { Sha256 = new string('0', 64), At = Fixture.Clock.GetUtcNow() });
        }

        var migrate = () => Runner(database).MigrateAsync();

        var refusal = await migrate.Should().ThrowAsync<MigrationScriptMissingException>().WithMessage("*9999_from_a_newer_build*");
        refusal.Which.Number.Should().Be(9999);
    }

    [DatabaseFact]
    public async Task Migrate_WithANewScript_AppliesOnlyThatScript()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database).MigrateAsync();
        var probe = new MigrationScript("db/test/9001_create_probe.sql", "CREATE TABLE probe (id INT NOT NULL);\n");

        var applied = await Runner(database, [.. Embedded(), probe]).MigrateAsync();

        applied.Should().Equal(probe);
        (await Fixture.TableNamesAsync(database)).Should().Contain("probe");
        (await Runner(database, [.. Embedded(), probe]).StatusAsync()).Applied.Select(a => a.Number).Should().EndWith(9001);
    }

    [DatabaseFact]
    public async Task Migrate_WhenAScriptFails_RollsBackThatScriptWithItsJournalRow()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database).MigrateAsync();
        var broken = new MigrationScript(
            "db/test/9001_create_half.sql",
            "CREATE TABLE half_done (id INT NOT NULL);\nINSERT INTO no_such_table (id) VALUES (1);\n");
        var runner = Runner(database, [.. Embedded(), broken]);

        var migrate = () => runner.MigrateAsync();

        await migrate.Should().ThrowAsync<MigrationException>().WithMessage("*9001_create_half.sql*");
        (await Fixture.TableNamesAsync(database)).Should().NotContain("half_done");
        (await runner.StatusAsync()).Pending.Should().Equal(broken);
    }

    [DatabaseFact]
    public async Task Migrate_FromTwoNodesAtOnce_AppliesEachScriptOnce()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        await Runner(database, []).MigrateAsync();
        Task<IReadOnlyList<MigrationScript>>[] nodes;
        await using (await Fixture.HoldMigrationLockAsync(database))
        {
            // Both nodes get as far as the lock, having seen the same empty journal.
            nodes = [Task.Run(() => Runner(database).MigrateAsync()), Task.Run(() => Runner(database).MigrateAsync())];
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            nodes.Should().OnlyContain(node => !node.IsCompleted);
        }

        var runs = await Task.WhenAll(nodes);

        runs.SelectMany(applied => applied).Select(s => s.Number).Should().Equal(Embedded().Select(s => s.Number));
        (await Runner(database).StatusAsync()).Applied.Select(a => a.Number).Should().Equal(Embedded().Select(s => s.Number));
    }

    [DatabaseFact]
    public async Task Migrate_OnSqlServer_InstallsHangfiresSchemaAtItsLatestVersion_AndOnSqliteNothingOfHangfire()
    {
        var database = await Fixture.CreateEmptyDatabaseAsync();
        var runner = Runner(database);

        await runner.MigrateAsync();
        await runner.MigrateAsync();

        runner.InstallsHangfireSchema.Should().Be(Fixture.Provider == DatabaseProvider.SqlServer);
        await using var connection = await database.OpenAsync();
        if (Fixture.Provider == DatabaseProvider.SqlServer)
        {
            (await HangfireSchema.InstalledVersionAsync(connection)).Should().Be(HangfireSchema.Version, "a second run finds it installed");
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM sys.tables WHERE schema_id = SCHEMA_ID(@Name)", new { HangfireSchema.Name }))
                .Should().BeGreaterThan(5, "Hangfire keeps jobs, states, queues, servers and more in its own schema");

            // The install script turns NOCOUNT on for its session; pooled connections must count rows again.
            (await connection.ExecuteAsync("UPDATE schema_migrations SET name = name WHERE number = 1")).Should().Be(1);
        }
        else
        {
            (await Fixture.TableNamesAsync(database)).Should().NotContain(t => t.Contains("hangfire", StringComparison.OrdinalIgnoreCase));
        }
    }

    private IReadOnlyList<MigrationScript> Embedded() => MigrationScripts.For(Fixture.Provider);

    private MigrationRunner Runner(Database database, IReadOnlyList<MigrationScript>? scripts = null) =>
        new(database, Fixture.Clock, scripts);
}

public sealed class SqliteMigrationRunnerTests(SqliteTestDatabase fixture) : MigrationRunnerTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerMigrationRunnerTests(SqlServerTestDatabase fixture) : MigrationRunnerTests<SqlServerTestDatabase>(fixture);
