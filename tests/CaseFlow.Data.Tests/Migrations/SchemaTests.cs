using System.Data.Common;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>What the schema itself guarantees, whatever code writes to it.</summary>
public abstract class SchemaTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task CaseEvents_RefuseUpdateAndDelete()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        var eventId = await new AnEvent(caseId).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();

        var update = () => connection.ExecuteAsync("UPDATE case_events SET reason = 'rewritten' WHERE id = @Id", new { Id = eventId });
        var delete = () => connection.ExecuteAsync("DELETE FROM case_events WHERE id = @Id", new { Id = eventId });

        await update.Should().ThrowAsync<DbException>().WithMessage("*case_events is append-only*");
        await delete.Should().ThrowAsync<DbException>().WithMessage("*case_events is append-only*");
        (await connection.QuerySingleAsync<string>("SELECT reason FROM case_events WHERE id = @Id", new { Id = eventId }))
            .Should().Be("拖欠工资不足一个月，黄色预警");
    }

    [DatabaseFact]
    public async Task AuditLog_RefusesUpdateAndDelete()
    {
        await using var connection = await Db.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>(Dialect.InsertReturningId(
            "INSERT INTO audit_log (at, username, action, entity) VALUES (@At, 'admin', 'user.create', 'user')"),
            new { At = TestDatabase.Start });

        var update = () => connection.ExecuteAsync("UPDATE audit_log SET username = 'someone else' WHERE id = @Id", new { Id = id });
        var delete = () => connection.ExecuteAsync("DELETE FROM audit_log WHERE id = @Id", new { Id = id });

        await update.Should().ThrowAsync<DbException>().WithMessage("*audit_log is append-only*");
        await delete.Should().ThrowAsync<DbException>().WithMessage("*audit_log is append-only*");
        (await connection.QuerySingleAsync<int>("SELECT COUNT(*) FROM audit_log WHERE id = @Id AND username = 'admin'", new { Id = id }))
            .Should().Be(1);
    }

    [DatabaseFact]
    public async Task OrgUnits_OnInsert_GetTheirPathAndCountyFromTheParent()
    {
        var (county, town, village) = await AUnit.TreeAsync(Db);
        await using var connection = await Db.OpenAsync();

        var units = await connection.QueryAsync<(long Id, string Path, long CountyId)>(
            "SELECT id, path, county_id FROM org_units WHERE id IN @Ids", new { Ids = new[] { county, town, village } });

        units.Should().BeEquivalentTo(new[]
        {
            (county, $"/{county}/", county),
            (town, $"/{county}/{town}/", county),
            (village, $"/{county}/{town}/{village}/", county),
        });
    }

    [DatabaseFact]
    public async Task Insert_ReferringToAMissingRow_IsRefusedAsAForeignKeyViolation()
    {
        var insert = () => ACase.In(unitId: 987_654_321).InsertAsync(Db);

        var refusal = await insert.Should().ThrowAsync<DbException>();
        Dialect.IsForeignKeyViolation(refusal.Which).Should().BeTrue();
        Dialect.IsUniqueViolation(refusal.Which).Should().BeFalse();
    }

    [DatabaseFact]
    public async Task Insert_WithATakenCaseNumber_IsRefusedAsAUniqueViolation()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var number = $"AJ-2026-{Random.Shared.Next(1_000_000):000000}";
        await ACase.In(village).WithNumber(number).InsertAsync(Db);

        var again = () => ACase.In(village).WithNumber(number).InsertAsync(Db);

        var refusal = await again.Should().ThrowAsync<DbException>();
        Dialect.IsUniqueViolation(refusal.Which).Should().BeTrue();
        Dialect.IsForeignKeyViolation(refusal.Which).Should().BeFalse();
    }

    [DatabaseFact]
    public async Task Usernames_AreUniqueIgnoringCase()
    {
        var (county, _, _) = await AUnit.TreeAsync(Db);
        var name = $"Mediator{Guid.NewGuid():N}"[..20];
        const string sql = """
            INSERT INTO users (username, display_name, password_hash, unit_id, created_at)
            VALUES (@Username, @DisplayName, 'hash', @UnitId, @At)
            """;
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Username = name, DisplayName = "王调解", UnitId = county, At = TestDatabase.Start });

        var shouting = () => connection.ExecuteAsync(sql, new { Username = name.ToUpperInvariant(), DisplayName = "王调解", UnitId = county, At = TestDatabase.Start });

        var refusal = await shouting.Should().ThrowAsync<DbException>();
        Dialect.IsUniqueViolation(refusal.Which).Should().BeTrue();
    }

    [DatabaseFact]
    public async Task Enterprises_WithoutACreditCode_MayBeMany_WithOneMayNotRepeat()
    {
        var (_, town, _) = await AUnit.TreeAsync(Db);
        const string sql = "INSERT INTO enterprises (name, credit_code, unit_id, created_at) VALUES (@Name, @Code, @UnitId, @At)";
        var code = $"91330523{Random.Shared.NextInt64(10_000_000_000):0000000000}";
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Name = "张记包工队", Code = (string?)null, UnitId = town, At = TestDatabase.Start });
        await connection.ExecuteAsync(sql, new { Name = "李记包工队", Code = (string?)null, UnitId = town, At = TestDatabase.Start });
        await connection.ExecuteAsync(sql, new { Name = "安吉竹木制品有限公司", Code = code, UnitId = town, At = TestDatabase.Start });

        var duplicate = () => connection.ExecuteAsync(sql, new { Name = "同一家公司", Code = code, UnitId = town, At = TestDatabase.Start });

        var refusal = await duplicate.Should().ThrowAsync<DbException>();
        Dialect.IsUniqueViolation(refusal.Which).Should().BeTrue();
    }

    [DatabaseFact]
    public async Task JsonColumns_RefuseTextThatIsNotJson()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);

        var insert = () => new AnEvent(caseId) { Data = "{not json" }.InsertAsync(Db);

        await insert.Should().ThrowAsync<DbException>();
    }

    [DatabaseFact]
    public async Task Cases_RefuseALevelOutsideOneToThree()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);

        var insert = () => (ACase.In(village) with { Level = 4 }).InsertAsync(Db);

        await insert.Should().ThrowAsync<DbException>();
    }
}

public sealed class SqliteSchemaTests(SqliteTestDatabase fixture) : SchemaTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSchemaTests(SqlServerTestDatabase fixture) : SchemaTests<SqlServerTestDatabase>(fixture);
