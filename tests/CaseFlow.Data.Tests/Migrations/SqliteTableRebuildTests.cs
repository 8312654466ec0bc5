using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>SQLite cannot alter most of a table in place; migrations rebuild it, and the runner must allow that safely.</summary>
public sealed class SqliteTableRebuildTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    private static readonly MigrationScript ParentAndChild = new("db/test/9001_create_family.sql", """
        CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id)) STRICT;
        INSERT INTO parent (id, name) VALUES (1, '父');
        INSERT INTO child (id, parent_id) VALUES (10, 1);
        """);

    [Fact]
    public async Task Migrate_RebuildingATableOthersReferTo_Succeeds()
    {
        var database = await fixture.CreateEmptyDatabaseAsync();
        var rebuild = new MigrationScript("db/test/9002_add_parent_code.sql", """
            CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NULL) STRICT;
            INSERT INTO parent_new (id, name) SELECT id, name FROM parent;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """);

        var applied = await new MigrationRunner(database, fixture.Clock, [ParentAndChild, rebuild]).MigrateAsync();

        applied.Should().HaveCount(2);
        await using var connection = await database.OpenAsync();
        (await connection.QuerySingleAsync<long>("SELECT foreign_keys FROM pragma_foreign_keys")).Should().Be(1);
        var orphan = () => connection.ExecuteAsync("INSERT INTO child (id, parent_id) VALUES (11, 99)");
        await orphan.Should().ThrowAsync<Microsoft.Data.Sqlite.SqliteException>().WithMessage("*FOREIGN KEY*");
    }

    [Fact]
    public async Task Migrate_WhenAScriptLeavesBrokenReferences_RollsItBack()
    {
        var database = await fixture.CreateEmptyDatabaseAsync();
        await new MigrationRunner(database, fixture.Clock, [ParentAndChild]).MigrateAsync();
        var careless = new MigrationScript("db/test/9002_rebuild_parent.sql", """
            CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
            DROP TABLE parent;
            ALTER TABLE parent_new RENAME TO parent;
            """);
        var runner = new MigrationRunner(database, fixture.Clock, [ParentAndChild, careless]);

        var migrate = () => runner.MigrateAsync();

        await migrate.Should().ThrowAsync<MigrationException>().WithMessage("*9002_rebuild_parent.sql*child*parent*");
        (await runner.StatusAsync()).Pending.Should().Equal(careless);
        await using var connection = await database.OpenAsync();
        (await connection.QuerySingleAsync<string>("SELECT name FROM parent WHERE id = 1")).Should().Be("父");
    }
}
