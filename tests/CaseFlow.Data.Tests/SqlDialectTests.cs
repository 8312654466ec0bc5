using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Tests;

public abstract class SqlDialectTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Paging_ReturnsTheRequestedSliceInOrder()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await ACase.In(village).InsertAsync(Db));
        }

        await using var connection = await Db.OpenAsync();

        var page = await connection.QueryAsync<long>(
            $"SELECT id FROM cases WHERE unit_id = @UnitId ORDER BY id {Dialect.Paging()}",
            new { UnitId = village, Offset = 2, Limit = 3 });

        page.Should().Equal(ids.Skip(2).Take(3));
    }

    [DatabaseFact]
    public async Task InsertReturningId_ReturnsTheNewRowsId_AlsoOnTablesWithTriggers()
    {
        await using var connection = await Db.OpenAsync();

        var unitId = await connection.ExecuteScalarAsync<long>(
            Dialect.InsertReturningId("INSERT INTO org_units (kind, name, created_at) VALUES ('county', @Name, @At);"),
            new { Name = "测试县", At = TestDatabase.Start });

        (await connection.QuerySingleAsync<string>("SELECT name FROM org_units WHERE id = @Id", new { Id = unitId })).Should().Be("测试县");
    }

    [DatabaseFact]
    public async Task Upsert_InsertsAMissingRowThenUpdatesIt()
    {
        var date = new DateOnly(2026, 10, 1).AddDays(Random.Shared.Next(3000));
        var upsert = Dialect.Upsert("calendar_days", ["date"], ["is_off_day", "name"]);
        await using var connection = await Db.OpenAsync();

        await connection.ExecuteAsync(upsert, new { Date = date, IsOffDay = true, Name = "国庆节" });
        await connection.ExecuteAsync(upsert, new { Date = date, IsOffDay = false, Name = "国庆节调休上班" });

        var rows = await connection.QueryAsync<(bool IsOffDay, string Name)>(
            "SELECT is_off_day, name FROM calendar_days WHERE date = @Date", new { Date = date });
        rows.Should().Equal((false, "国庆节调休上班"));
    }

    [DatabaseFact]
    public async Task SubtreeCondition_SelectsTheUnitAndEverythingBelowIt()
    {
        var (county, town, village) = await AUnit.TreeAsync(Db);
        var otherTown = await AUnit.Town(county, "孝丰镇").InsertAsync(Db);
        await using var connection = await Db.OpenAsync();
        var townPath = await connection.QuerySingleAsync<string>("SELECT path FROM org_units WHERE id = @Id", new { Id = town });

        var subtree = await connection.QueryAsync<long>(
            $"SELECT id FROM org_units WHERE {Dialect.SubtreeCondition("path")}",
            new { SubtreePattern = Dialect.SubtreePattern(townPath) });

        subtree.Should().BeEquivalentTo([town, village]);
        subtree.Should().NotContain([county, otherTown]);
    }

    [DatabaseTheory]
    [InlineData("/1/5/", new[] { "/1/5/", "/1/5/7/", "/1/5/70/9/" })]
    [InlineData("/1/", new[] { "/1/", "/1/5/", "/1/5/7/", "/1/5/70/9/", "/1/50/", "/1/6/", "/1/4/" })]
    [InlineData("/", new[] { "/", "/1/", "/1/5/", "/1/5/7/", "/1/5/70/9/", "/1/50/", "/1/6/", "/1/4/", "/10/", "/2/5/" })]
    public async Task SubtreeCondition_StopsAtTheUnitsWhosePathOnlyStartsWithTheSameDigits(string root, string[] expected)
    {
        await using var connection = await Db.OpenAsync();
        var paths = new[] { "/", "/1/", "/1/5/", "/1/5/7/", "/1/5/70/9/", "/1/50/", "/1/6/", "/1/4/", "/10/", "/2/5/" };
        var values = string.Join(" UNION ALL ", paths.Select(p => $"SELECT '{p}' AS path"));

        var found = await connection.QueryAsync<string>(
            $"WITH t (path) AS ({values}) SELECT t.path FROM t WHERE {Dialect.SubtreeCondition("t.path")}",
            new { SubtreePattern = Dialect.SubtreePattern(root) });

        found.Should().BeEquivalentTo(expected);
    }

    [DatabaseFact]
    public async Task SubtreeCondition_ListsCasesOfASubtreeMostUrgentFirst()
    {
        var (county, town, village) = await AUnit.TreeAsync(Db);
        var elsewhere = await AUnit.Town(county, "递铺街道").InsertAsync(Db);
        var due = TestDatabase.Start.AddDays(3);
        var yellow = await ACase.In(village).Graded(RiskColor.Yellow, 1).InsertAsync(Db);
        var redLater = await (ACase.In(town).Graded(RiskColor.Red, 3) with { NextDueAt = due.AddHours(2) }).InsertAsync(Db);
        var redSooner = await (ACase.In(village).Graded(RiskColor.Red, 3) with { NextDueAt = due }).InsertAsync(Db);
        await ACase.In(elsewhere).Graded(RiskColor.Red, 3).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();
        var townPath = await connection.QuerySingleAsync<string>("SELECT path FROM org_units WHERE id = @Id", new { Id = town });

        var listed = await connection.QueryAsync<long>(
            $"""
            SELECT c.id
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            WHERE {Dialect.SubtreeCondition("u.path")} AND c.closed_at IS NULL
            ORDER BY c.risk_color DESC, c.next_due_at, c.id
            {Dialect.Paging()}
            """,
            new { SubtreePattern = Dialect.SubtreePattern(townPath), Offset = 0, Limit = 10 });

        listed.Should().Equal(redSooner, redLater, yellow);
    }

    [DatabaseFact]
    public async Task ChildPathBelowRoot_IsThePathOfTheUnitBelowTheRootOnTheWayDown_EmptyForTheRootItself()
    {
        var (county, town, village) = await AUnit.TreeAsync(Db);
        var group = await new AUnit("village", "第一组", village).InsertAsync(Db);
        var otherTown = await AUnit.Town(county, "孝丰镇").InsertAsync(Db);
        await using var connection = await Db.OpenAsync();
        var paths = (await connection.QueryAsync<(long Id, string Path)>(
            "SELECT id, path FROM org_units WHERE id IN @Ids", new { Ids = new[] { county, town, village, group, otherTown } })).ToDictionary(r => r.Id, r => r.Path);

        async Task<Dictionary<long, string>> BelowAsync(long root, string? pattern = null) =>
            (await connection.QueryAsync<(long Id, string Child)>(
                $"SELECT u.id, {Dialect.ChildPathBelowRoot("u.path")} FROM org_units AS u WHERE {Dialect.SubtreeCondition("u.path")}",
                new { SubtreePattern = pattern ?? Dialect.SubtreePattern(paths[root]), RootLength = paths[root].Length }))
            .ToDictionary(r => r.Id, r => r.Child);

        var belowCounty = await BelowAsync(county);
        belowCounty.Should().Contain(county, "");
        belowCounty.Should().Contain(town, paths[town]);
        belowCounty.Should().Contain(village, paths[town]);
        belowCounty.Should().Contain(group, paths[town]);
        belowCounty.Should().Contain(otherTown, paths[otherTown]);

        var belowTown = await BelowAsync(town);
        belowTown.Should().BeEquivalentTo(new Dictionary<long, string> { [town] = "", [village] = paths[village], [group] = paths[village] });

        // The system's scope, "/": its children are the counties.
        var belowEverything = (await connection.QueryAsync<(long Id, string Child)>(
            $"SELECT u.id, {Dialect.ChildPathBelowRoot("u.path")} FROM org_units AS u WHERE u.id IN @Ids",
            new { Ids = new[] { county, group }, RootLength = 1 })).ToDictionary(r => r.Id, r => r.Child);
        belowEverything.Should().BeEquivalentTo(new Dictionary<long, string> { [county] = paths[county], [group] = paths[county] });
    }

    [DatabaseFact]
    public async Task NextCounterValue_CountsFromOneForEachName()
    {
        var name = $"case_number:AJ:{Guid.NewGuid():N}";
        var other = $"case_number:JM:{Guid.NewGuid():N}";

        var values = await Db.InTransactionAsync(async (connection, transaction) => new[]
        {
            await Counters.NextAsync(connection, transaction, Dialect, name),
            await Counters.NextAsync(connection, transaction, Dialect, name),
            await Counters.NextAsync(connection, transaction, Dialect, other),
            await Counters.NextAsync(connection, transaction, Dialect, name),
        });

        values.Should().Equal(1, 2, 1, 3);
    }
}

public sealed class SqliteSqlDialectTests(SqliteTestDatabase fixture) : SqlDialectTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSqlDialectTests(SqlServerTestDatabase fixture) : SqlDialectTests<SqlServerTestDatabase>(fixture);

/// <summary>The SQL text each dialect produces, checked without a database.</summary>
public sealed class SqlDialectTextTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/1/5/")]
    [InlineData(DatabaseProvider.SqlServer, "/1/5/%")]
    public void SubtreePattern_MatchesBelowTheTrailingSlashOnly(DatabaseProvider provider, string expected) =>
        SqlDialect.For(provider).SubtreePattern("/1/5/").Should().Be(expected);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "/")]
    [InlineData(DatabaseProvider.SqlServer, "/%")]
    public void SubtreePattern_OfTheRoot_MatchesEveryUnit(DatabaseProvider provider, string expected) =>
        SqlDialect.For(provider).SubtreePattern("/").Should().Be(expected);

    [Theory]
    [InlineData("/1/5")]
    [InlineData("/1/%/")]
    [InlineData("/1/*/")]
    [InlineData("")]
    [InlineData("//")]
    public void SubtreePattern_OfSomethingThatIsNotAPath_IsRefused(string path)
    {
        var pattern = () => SqlDialect.Sqlite.SubtreePattern(path);

        pattern.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("county_id", "@CountyId")]
    [InlineData("is_off_day", "@IsOffDay")]
    [InlineData("date", "@Date")]
    public void ParameterFor_NamesTheParameterLikeTheCSharpProperty(string column, string parameter) =>
        SqlDialect.ParameterFor(column).Should().Be(parameter);

    [Fact]
    public void Upsert_WithAColumnThatIsNotAnIdentifier_IsRefused()
    {
        var upsert = () => SqlDialect.SqlServer.Upsert("calendar_days", ["date"], ["name; DROP TABLE cases"]);

        upsert.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void SqlServerUpsert_HoldsTheKeyRangeLockSoConcurrentInsertsCannotBothMiss()
    {
        var sql = SqlDialect.SqlServer.Upsert("calendar_days", ["date"], ["is_off_day", "name"]);

        sql.Should().Contain("MERGE INTO calendar_days WITH (HOLDLOCK)")
            .And.Contain("USING (SELECT @Date AS date, @IsOffDay AS is_off_day, @Name AS name) AS source")
            .And.Contain("WHEN MATCHED THEN UPDATE SET is_off_day = source.is_off_day, name = source.name")
            .And.EndWith(";");
    }
}
