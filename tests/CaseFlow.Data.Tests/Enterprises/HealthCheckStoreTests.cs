using CaseFlow.Data.Audit;
using CaseFlow.Data.Enterprises;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Enterprises;
using Dapper;

namespace CaseFlow.Data.Tests.Enterprises;

/// <summary>Health checks on the real engines: the check, its follow-ups and its audit row commit together; scope by where the employer is.</summary>
public abstract class HealthCheckStoreTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly AuditActor Manager = new(null, "county-manager", "127.0.0.1");

    private HealthCheckStore Store() => new(Db, new AuditWriter(Db, Fixture.Clock), Fixture.Clock);

    private static NewHealthCheck ACheck(ACounty county, long enterprise, params NewFollowUp[] followUps) => new(
        enterprise, new DateOnly(2026, 2, 20), county.County, "张律师、李明",
        [new HealthFinding(HealthCheckItems.LabourContracts, true, null), new HealthFinding(HealthCheckItems.WagePayments, false, "台账缺三个月")],
        "限期整改", followUps);

    [DatabaseFact]
    public async Task Record_StoresTheCheckItsFollowUpsAndOneAuditRow_AndTheRegisterShowsItsDate()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var store = Store();

        var id = await store.RecordAsync(ACheck(county, county.EnterpriseWithGroup, new NewFollowUp("补建工资台账", new DateOnly(2026, 3, 20), county.TownA)), county.CountyPath, Manager);

        var check = (await store.ForEnterpriseAsync(county.EnterpriseWithGroup, county.CountyPath))!.Should().ContainSingle().Subject;
        check.Id.Should().Be(id!.Value);
        check.CheckedOn.Should().Be(new DateOnly(2026, 2, 20));
        check.Findings.Should().Equal(
            new HealthFinding(HealthCheckItems.LabourContracts, true, null), new HealthFinding(HealthCheckItems.WagePayments, false, "台账缺三个月"));
        check.FollowUps.Should().ContainSingle().Which.ResponsibleUnitId.Should().Be(county.TownA);
        await using var connection = await Db.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE action = 'health_check.record' AND entity_id = @Id", new { Id = id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .Should().Be(1);
        var entry = (await new EnterpriseRegister(Db, new EnterpriseRegisterOptions(), Fixture.Clock).ListAsync(county.CountyPath)).Single(e => e.Id == county.EnterpriseWithGroup);
        entry.Figures.LastHealthCheck.Should().Be(new DateOnly(2026, 2, 20));
    }

    [DatabaseFact]
    public async Task Record_OfAnEmployerOutsideTheArea_WritesNothing()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var store = Store();

        (await store.RecordAsync(ACheck(county, county.EnterpriseWithGroup), county.TownBPath, Manager)).Should().BeNull();

        (await store.ForEnterpriseAsync(county.EnterpriseWithGroup, county.CountyPath)).Should().BeEmpty();
        (await store.ForEnterpriseAsync(county.EnterpriseWithGroup, county.TownBPath)).Should().BeNull();
    }

    [DatabaseFact]
    public async Task FollowUps_AreOverdueAfterTheirDueDate_ReachTheResponsibleUnit_AndAreDoneOnce()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var store = Store();
        await store.RecordAsync(ACheck(county, county.EnterpriseWithGroup,
            new NewFollowUp("补建工资台账", new DateOnly(2026, 3, 1), county.TownB),
            new NewFollowUp("补签劳动合同", new DateOnly(2026, 3, 2), county.TownA)), county.CountyPath, Manager);
        var today = new DateOnly(2026, 3, 2);

        var overdue = await store.OpenFollowUpsAsync(county.CountyPath, overdueOnly: true, today);
        overdue.Select(f => f.Item).Should().Equal("补建工资台账");
        (await store.OpenFollowUpsAsync(county.CountyPath, overdueOnly: false, today)).Should().HaveCount(2);
        (await store.OpenFollowUpsAsync(county.TownBPath, overdueOnly: true, today)).Select(f => f.Id).Should().Equal(overdue[0].Id);

        (await store.CompleteAsync(overdue[0].Id, county.TownBPath, "已补建", Manager)).Should().Be(FollowUpOutcome.Done);
        (await store.CompleteAsync(overdue[0].Id, county.TownBPath, "again", Manager)).Should().Be(FollowUpOutcome.AlreadyDone);
        var other = (await store.OpenFollowUpsAsync(county.CountyPath, overdueOnly: false, today)).Single();
        (await store.CompleteAsync(other.Id, county.TownBPath, null, Manager)).Should().Be(FollowUpOutcome.NotFound, "town B is neither where the employer is nor responsible");
        (await store.OpenFollowUpsAsync(county.CountyPath, overdueOnly: true, today)).Should().BeEmpty();
    }
}

public sealed class SqliteHealthCheckStoreTests(SqliteTestDatabase fixture) : HealthCheckStoreTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerHealthCheckStoreTests(SqlServerTestDatabase fixture) : HealthCheckStoreTests<SqlServerTestDatabase>(fixture);
