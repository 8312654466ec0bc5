using CaseFlow.Data.Organisation;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Data.Migrations;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Tests.Users;

public abstract class OrgStoreTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private OrgStore Store => new(Db, Fixture.Clock);

    [DatabaseFact]
    public async Task InsertUnit_ThenChain_ReturnsTheUnitAndEveryAncestorNearestFirst()
    {
        var tree = await InsertTreeAsync();

        var chain = await Store.ChainAsync(tree.Group);

        chain.Should().Equal(
            new OrgUnit(tree.Group, tree.Village, UnitKind.Enterprise, "某公司调解小组", $"/{tree.County}/{tree.Town}/{tree.Village}/{tree.Group}/"),
            new OrgUnit(tree.Village, tree.Town, UnitKind.Village, "吴村村", $"/{tree.County}/{tree.Town}/{tree.Village}/"),
            new OrgUnit(tree.Town, tree.County, UnitKind.Town, "杭垓镇", $"/{tree.County}/{tree.Town}/"),
            new OrgUnit(tree.County, null, UnitKind.County, "安吉县", $"/{tree.County}/"));
    }

    [DatabaseFact]
    public async Task Chain_OfAUnitThatDoesNotExist_IsEmpty()
    {
        (await Store.ChainAsync(long.MaxValue)).Should().BeEmpty();
    }

    [DatabaseFact]
    public async Task InsertUnit_StoresTheKindAsALowerCaseWordAndTheCountyOfTheTree()
    {
        var tree = await InsertTreeAsync();
        await using var connection = await Db.OpenAsync();

        var stored = await connection.QuerySingleAsync<(string Kind, long CountyId, string? Code)>(
            "SELECT kind, county_id, code FROM org_units WHERE id = @Id", new { Id = tree.Group });
        var county = await connection.QuerySingleAsync<string?>("SELECT code FROM org_units WHERE id = @Id", new { Id = tree.County });

        stored.Should().Be(("enterprise", tree.County, (string?)null));
        county.Should().Be("AJ");
    }

    [DatabaseFact]
    public async Task GetUnit_ReturnsTheUnit_OrNullWhenMissing()
    {
        var tree = await InsertTreeAsync();

        (await Store.GetUnitAsync(tree.Town)).Should().Be(new OrgUnit(tree.Town, tree.County, UnitKind.Town, "杭垓镇", $"/{tree.County}/{tree.Town}/"));
        (await Store.GetUnitAsync(long.MaxValue)).Should().BeNull();
    }

    [DatabaseFact]
    public async Task SaveLadder_ThenGetLadder_RoundTripsEveryLevel()
    {
        var tree = await InsertTreeAsync();

        await Db.InTransactionAsync((c, t) => Store.SaveLadderAsync(c, t, tree.County, MediationLadder.Jimo));
        var ladder = await Store.GetLadderAsync(tree.County);

        ladder!.Levels.Should().Equal(MediationLadder.Jimo.Levels);
    }

    [DatabaseFact]
    public async Task SaveLadder_Again_ReplacesTheLevels()
    {
        var tree = await InsertTreeAsync();

        await Db.InTransactionAsync((c, t) => Store.SaveLadderAsync(c, t, tree.County, MediationLadder.Jimo));
        await Db.InTransactionAsync((c, t) => Store.SaveLadderAsync(c, t, tree.County, MediationLadder.Anji));

        (await Store.GetLadderAsync(tree.County))!.Levels.Should().Equal(MediationLadder.Anji.Levels);
    }

    [DatabaseFact]
    public async Task GetLadder_OfACountyWithoutOne_IsNull()
    {
        var tree = await InsertTreeAsync();

        (await Store.GetLadderAsync(tree.County)).Should().BeNull();
    }

    [DatabaseFact]
    public async Task Subtree_ReturnsTheUnitAndEverythingBelow_ParentsFirst_AndNothingOfOtherBranches()
    {
        var tree = await InsertTreeAsync();
        var otherTown = await InsertAsync(new NewOrgUnit(tree.County, UnitKind.Town, "报福镇"));
        var otherCounty = await InsertTreeAsync();

        var county = await Store.SubtreeAsync($"/{tree.County}/");
        var town = await Store.SubtreeAsync($"/{tree.County}/{tree.Town}/");

        county.Select(u => u.Id).Should().BeEquivalentTo([tree.County, tree.Town, tree.Village, tree.Group, otherTown]);
        county.Select(u => u.Id).Should().NotContain(otherCounty.County);
        county[0].Id.Should().Be(tree.County);
        town.Select(u => u.Id).Should().Equal(tree.Town, tree.Village, tree.Group);
    }

    [DatabaseFact]
    public async Task Contacts_AreListedForTheirCountyOnly()
    {
        var tree = await InsertTreeAsync();
        var other = await InsertTreeAsync();
        var hrss = await InsertContactAsync(new NewCountyContact(tree.County, "hrss", "安吉县人力资源和社会保障局", "李明", "13912345678"));
        var union = await InsertContactAsync(new NewCountyContact(tree.County, "county_union", "安吉县总工会", "赵红", "13812345678"));
        await InsertContactAsync(new NewCountyContact(other.County, "hrss", null, "钱亮", "13712345678"));

        var contacts = await Store.ContactsAsync(tree.County);

        contacts.Should().Equal(
            new CountyContact(union, tree.County, "county_union", "安吉县总工会", "赵红", "13812345678"),
            new CountyContact(hrss, tree.County, "hrss", "安吉县人力资源和社会保障局", "李明", "13912345678"));
    }

    [DatabaseFact]
    public async Task InsertEnterprise_StoresTheEmployerAtItsUnit()
    {
        var tree = await InsertTreeAsync();
        var creditCode = "91330523" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        var id = await Db.InTransactionAsync((c, t) => Store.InsertEnterpriseAsync(
            c, t, new NewEnterprise("安吉竹制品有限公司", creditCode, "浙江省湖州市安吉县杭垓镇", tree.Village)));

        await using var connection = await Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Name, string CreditCode, long UnitId)>(
            "SELECT name, credit_code, unit_id FROM enterprises WHERE id = @Id", new { Id = id });
        row.Should().Be(("安吉竹制品有限公司", creditCode, tree.Village));
    }

    [DatabaseFact]
    public async Task AnyUnits_IsFalseOnlyForADatabaseWithNoUnitYet()
    {
        var empty = await Fixture.CreateEmptyDatabaseAsync();
        await new MigrationRunner(empty, Fixture.Clock).MigrateAsync();
        var store = new OrgStore(empty, Fixture.Clock);

        var before = await store.AnyUnitsAsync();
        await empty.InTransactionAsync((c, t) => store.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "安吉县")));

        (before, await store.AnyUnitsAsync()).Should().Be((false, true));
    }

    private Task<long> InsertAsync(NewOrgUnit unit) => Db.InTransactionAsync((c, t) => Store.InsertUnitAsync(c, t, unit));

    private Task<long> InsertContactAsync(NewCountyContact contact) => Db.InTransactionAsync((c, t) => Store.InsertContactAsync(c, t, contact));

    private async Task<(long County, long Town, long Village, long Group)> InsertTreeAsync()
    {
        var county = await InsertAsync(new NewOrgUnit(null, UnitKind.County, "安吉县", "AJ"));
        var town = await InsertAsync(new NewOrgUnit(county, UnitKind.Town, "杭垓镇"));
        var village = await InsertAsync(new NewOrgUnit(town, UnitKind.Village, "吴村村"));
        var group = await InsertAsync(new NewOrgUnit(village, UnitKind.Enterprise, "某公司调解小组"));
        return (county, town, village, group);
    }
}

public sealed class SqliteOrgStoreTests(SqliteTestDatabase fixture) : OrgStoreTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerOrgStoreTests(SqlServerTestDatabase fixture) : OrgStoreTests<SqlServerTestDatabase>(fixture);
