using CaseFlow.Data.Migrations;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>
/// SQL Server checked where no SQL Server can run: every migration batch and every statement the data layer sends,
/// parsed by SQL Server's own grammar for 2016 (compatibility level 130). A real server still runs the data suite
/// when CASEFLOW_TEST_SQLSERVER is set.
/// </summary>
public sealed class SqlServerStatementTests(SqlServerTour tour) : IClassFixture<SqlServerTour>
{
    // Literals of the data layer that the tour does not send, each with the reason.
    private static readonly Dictionary<string, string> NotToured = new(StringComparer.Ordinal)
    {
        // Seeding is moving out of the data layer; its statements are the bulk writer's, which the ledger import sends,
        // and one counter read and upsert, rendered below among the dialect's statements.
        ["src/CaseFlow.Data/Seeding/"] = "synthetic seeding",

        // SQLite's own online backup, integrity check and journal read on a backup file; SQL Server is backed up by its DBA.
        ["src/CaseFlow.Data/Backups/"] = "SQLite only: backup and restore",

        // Only a writer racing the sweep leaves a live-looking row behind a newer deadline version; the text is plain.
        ["DELETE FROM case_deadlines WHERE id = @Id"] = "a superseded deadline row",
    };

    public static TheoryData<string> SqlServerScripts => [.. MigrationScripts.For(DatabaseProvider.SqlServer).Select(s => s.Path)];

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void MigrationScript_ForSqlServer_ParsesBatchByBatch(string path)
    {
        var script = MigrationScripts.For(DatabaseProvider.SqlServer).Single(s => s.Path == path);

        var failures = SqlServerDialect.SplitOnGo(script.Sql)
            .Select((batch, i) => (Batch: i + 1, Text: batch, Errors: TSql.ErrorsIn(batch)))
            .Where(b => b.Errors.Count > 0)
            .Select(b => $"{path}, batch {b.Batch} ({FirstLine(b.Text)}): {string.Join("; ", b.Errors)}")
            .ToList();

        failures.Should().BeEmpty();
    }

    [Fact]
    public void MigrationScripts_ForSqlServer_AreEveryFileOfDbSqlServer()
    {
        var onDisk = Directory.GetFiles(Path.Combine(SqlLiterals.RepositoryRoot(), "db", "sqlserver"), "*.sql")
            .Select(f => "db/sqlserver/" + Path.GetFileName(f));

        MigrationScripts.For(DatabaseProvider.SqlServer).Select(s => s.Path).Should().BeEquivalentTo(onDisk);
    }

    [Fact]
    public void DataLayer_EveryStatementItSendsToSqlServer_Parses()
    {
        var failures = tour.OnSqlServer
            .GroupBy(c => c.Text, StringComparer.Ordinal)
            .Select(g => (Sent: g.First(), Errors: TSql.ErrorsIn(g.Key)))
            .Where(x => x.Errors.Count > 0)
            .Select(x => $"[{x.Sent.Step}] {string.Join("; ", x.Errors)}\n{x.Sent.Text}")
            .ToList();

        tour.OnSqlServer.Select(c => c.Text).Distinct().Should().HaveCountGreaterThan(90, "the tour reaches most of the data layer");
        failures.Should().BeEmpty();
    }

    [Fact]
    public void DataLayer_OnSqlServer_TakesTheSamePathAsOnSqlite()
    {
        tour.UnusedByReplay.Should().BeEmpty("the SQL Server run sends what the SQLite run sent, statement by statement");
        tour.OnSqlite.Should().NotContain(c => c.Outcome is Failed, "the tour itself runs clean on SQLite");
    }

    [Fact]
    public void SqlServerDialect_EveryStatementItRenders_Parses()
    {
        var failures = DialectStatements()
            .Select(s => (s.Name, s.Sql, Errors: TSql.ErrorsIn(s.Sql)))
            .Where(s => s.Errors.Count > 0)
            .Select(s => $"{s.Name}: {string.Join("; ", s.Errors)}\n{s.Sql}")
            .ToList();

        failures.Should().BeEmpty();
    }

    [Fact]
    public void DataLayer_EverySqlLiteralInItsSource_IsAmongTheStatementsParsed()
    {
        var root = SqlLiterals.RepositoryRoot();
        var literals = SqlLiterals.In(
            root,
            "src/CaseFlow.Data",
            path => !path.EndsWith("/SqliteDialect.cs", StringComparison.Ordinal) && !NotToured.Keys.Any(p => path.StartsWith(p, StringComparison.Ordinal)))
            .Where(l => !NotToured.ContainsKey(SqlLiterals.Normalize(l.Text)))
            .ToList();
        var parsed = tour.OnSqlServer.Select(c => c.Text).Concat(DialectStatements().Select(s => s.Sql))
            .Select(SqlLiterals.Normalize).Distinct(StringComparer.Ordinal).ToList();

        var missing = literals.Where(l => !SqlLiterals.IsIn(l, parsed)).Select(l => l.ToString()).ToList();

        literals.Should().HaveCountGreaterThan(60, "the scan finds the data layer's SQL");
        missing.Should().BeEmpty("every SQL text of the data layer is sent by the tour, or rendered from the dialect, and parsed");
    }

    /// <summary>What the SQL Server dialect renders, including the pieces the tour reaches only on failure (a savepoint rollback).</summary>
    private static IEnumerable<(string Name, string Sql)> DialectStatements()
    {
        var d = SqlDialect.SqlServer;
        yield return ("NextCounterValue", d.NextCounterValue);
        yield return ("AddToCounter", d.AddToCounter);
        yield return ("JournalTableExists", d.JournalTableExists);
        yield return ("CreateJournalTable", d.CreateJournalTable);
        yield return ("Savepoint", d.Savepoint("sweep_row"));
        yield return ("RollbackToSavepoint", d.RollbackToSavepoint("sweep_row"));
        yield return ("Upsert with values", d.Upsert("counters", ["name"], ["value"]));
        yield return ("Upsert of keys only", d.Upsert("user_roles", ["user_id", "role"], []));
        yield return ("InsertReturningId", d.InsertReturningId("INSERT INTO counters (name, value) VALUES (@Name, 1);"));
        yield return ("Paging", $"SELECT id FROM cases ORDER BY id {d.Paging()}");
        yield return ("CappedCount", d.CappedCount("FROM audit_log WHERE at >= @From"));
        yield return ("SubtreeCondition", $"SELECT id FROM org_units AS u WHERE {d.SubtreeCondition("u.path")}");
        yield return ("ChildPathBelowRoot", $"SELECT {d.ChildPathBelowRoot("u.path")} AS child, COUNT(*) AS units FROM org_units AS u WHERE {d.SubtreeCondition("u.path")} GROUP BY {d.ChildPathBelowRoot("u.path")}");
        yield return ("counter read (seeding)", "SELECT value FROM counters WHERE name = @Name");
        yield return ("Hangfire schema version", CaseFlow.Data.Migrations.HangfireSchema.InstalledVersionSql);

        // The tour's database has no outbox table yet (it lands with the outbound messages), so the count is not sent.
        yield return ("outbox backlog", CaseFlow.Data.Operations.OperationsQueries.OutboxSql);
    }

    private static string FirstLine(string batch) =>
        batch.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("--", StringComparison.Ordinal)) ?? "";
}
