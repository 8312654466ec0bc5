using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>Migration 0004: a SQLite file that the previous scheduler kept its job store in (QRTZ_ tables) comes out without them.</summary>
public sealed class DropOldJobStoreTablesTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    // The shape the old job store provisioned (prefix QRTZ_, triggers referring to jobs, trigger kinds referring to
    // triggers), cut down to what the drop order has to respect, with a row in each as a running scheduler left them.
    private const string JobStoreLeftovers = """
        CREATE TABLE QRTZ_JOB_DETAILS (SCHED_NAME TEXT NOT NULL, JOB_NAME TEXT NOT NULL, JOB_GROUP TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, JOB_NAME, JOB_GROUP));
        CREATE TABLE QRTZ_TRIGGERS (SCHED_NAME TEXT NOT NULL, TRIGGER_NAME TEXT NOT NULL, TRIGGER_GROUP TEXT NOT NULL,
            JOB_NAME TEXT NOT NULL, JOB_GROUP TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, JOB_NAME, JOB_GROUP) REFERENCES QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP));
        CREATE TABLE QRTZ_SIMPLE_TRIGGERS (SCHED_NAME TEXT NOT NULL, TRIGGER_NAME TEXT NOT NULL, TRIGGER_GROUP TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
        CREATE TABLE QRTZ_CRON_TRIGGERS (SCHED_NAME TEXT NOT NULL, TRIGGER_NAME TEXT NOT NULL, TRIGGER_GROUP TEXT NOT NULL,
            PRIMARY KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP),
            FOREIGN KEY (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) REFERENCES QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP) ON DELETE CASCADE);
        CREATE TABLE QRTZ_LOCKS (SCHED_NAME TEXT NOT NULL, LOCK_NAME TEXT NOT NULL, PRIMARY KEY (SCHED_NAME, LOCK_NAME));
        CREATE TABLE QRTZ_SCHEDULER_STATE (SCHED_NAME TEXT NOT NULL, INSTANCE_NAME TEXT NOT NULL, PRIMARY KEY (SCHED_NAME, INSTANCE_NAME));
        CREATE TABLE QRTZ_EXECUTION_HISTORY (SCHED_NAME TEXT NOT NULL, ENTRY_ID TEXT NOT NULL, PRIMARY KEY (SCHED_NAME, ENTRY_ID));
        INSERT INTO QRTZ_JOB_DETAILS VALUES ('CaseFlow', 'deadline-sweep', 'caseflow');
        INSERT INTO QRTZ_TRIGGERS VALUES ('CaseFlow', 'deadline-sweep', 'caseflow', 'deadline-sweep', 'caseflow');
        INSERT INTO QRTZ_SIMPLE_TRIGGERS VALUES ('CaseFlow', 'deadline-sweep', 'caseflow');
        INSERT INTO QRTZ_CRON_TRIGGERS VALUES ('CaseFlow', 'deadline-sweep', 'caseflow');
        INSERT INTO QRTZ_LOCKS VALUES ('CaseFlow', 'TRIGGER_ACCESS');
        INSERT INTO QRTZ_SCHEDULER_STATE VALUES ('CaseFlow', 'node-1');
        INSERT INTO QRTZ_EXECUTION_HISTORY VALUES ('CaseFlow', 'e1');
        """;

    [Fact]
    public async Task Migrate_AFileWithQrtzTables_DropsThemAll_AndKeepsTheCases()
    {
        var database = await fixture.CreateEmptyDatabaseAsync();
        var scripts = MigrationScripts.For(DatabaseProvider.Sqlite);
        await new MigrationRunner(database, fixture.Clock, [.. scripts.Where(s => s.Number < 4)]).MigrateAsync();
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync(JobStoreLeftovers);
        }

        var before = await fixture.TableNamesAsync(database);
        var applied = await new MigrationRunner(database, fixture.Clock).MigrateAsync();
        var after = await fixture.TableNamesAsync(database);

        applied.Select(s => s.Number).Should().StartWith(4);
        before.Where(IsOldJobStore).Should().HaveCount(7, "the premise: the file had the old job store's tables");
        after.Where(IsOldJobStore).Should().BeEmpty();
        after.Should().Contain(["cases", "case_deadlines", "case_events", "schema_migrations"]);
    }

    [Fact]
    public async Task Migrate_AFileWithoutQrtzTables_AppliesTheDropAsANoOp()
    {
        var database = await fixture.CreateEmptyDatabaseAsync();

        var applied = await new MigrationRunner(database, fixture.Clock).MigrateAsync();

        applied.Select(s => s.Number).Should().Contain(4);
        (await fixture.TableNamesAsync(database)).Where(IsOldJobStore).Should().BeEmpty();
    }

    private static bool IsOldJobStore(string table) => table.StartsWith("QRTZ_", StringComparison.OrdinalIgnoreCase);
}
