using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>
/// Who sees and who acts on a case (<see cref="CaseVisibility"/>): the units it passed through follow it read-only,
/// the assignee acts wherever their own unit is, and nobody else gets more than a missing case would give.
/// </summary>
public abstract class CaseVisibilityTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Escalated_TheUnitBelowKeepsReadOnlyAccess_AndCannotAct_WhileAnotherTownSeesNothing()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var groupPath = $"{county.TownAPath}{county.VillageA}/{county.GroupA}/";
        var group = new CaseActor(county.Mediator, "group", groupPath);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        await county.Commands.ActAsync(id, null, group, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场");

        var followed = await county.Queries.GetAsync(id, new CaseViewer(county.Mediator, groupPath));
        followed.Should().NotBeNull("the group that held the case follows it after escalation");
        followed!.Access.Should().Be(CaseAccess.ReadOnly);
        followed.Level.Should().Be(2);
        var act = () => county.Commands.ActAsync(id, null, group, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await act.Should().ThrowAsync<CaseNotFoundException>("following a case is not acting on it");
        (await county.Queries.GetAsync(id, new CaseViewer(county.Mediator, county.TownBPath))).Should().BeNull();
        (await county.Queries.ListAsync(new CaseFilter(), new CaseViewer(county.Mediator, groupPath))).Items
            .Should().ContainSingle(i => i.Id == id).Which.Access.Should().Be(CaseAccess.ReadOnly);
    }

    [DatabaseFact]
    public async Task Assigned_TheMediatorActsOnTheCase_EvenWhenItsUnitIsAboveTheirs()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        var assignee = new CaseActor(county.Mediator, "assignee", county.TownBPath);
        (await county.Queries.GetAsync(id, assignee.Viewer)).Should().BeNull("not assigned yet, and in another town");

        await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.Accept(county.Mediator, ctx));

        (await county.Queries.GetAsync(id, assignee.Viewer))!.Access.Should().Be(CaseAccess.Act);
        await county.Commands.ActAsync(id, null, assignee, (c, _, ctx) => c.RecordSession(new MediationSession(ctx.Now, "双方到场"), ctx));
        (await county.Queries.GetAsync(id, county.CountyPath))!.Sessions.Should().ContainSingle();
    }

    [DatabaseFact]
    public async Task APartner_SeesNoCaseOfItsUnitsSubtree_WithoutAShare()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        var partner = new CaseViewer(county.Mediator, county.CountyPath, PartnerOrgId: long.MaxValue);

        (await county.Queries.GetAsync(id, partner)).Should().BeNull();
        (await county.Queries.ListAsync(new CaseFilter(), partner)).Total.Should().Be(0);
    }
}

public sealed class SqliteCaseVisibilityTests(SqliteTestDatabase fixture) : CaseVisibilityTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseVisibilityTests(SqlServerTestDatabase fixture) : CaseVisibilityTests<SqlServerTestDatabase>(fixture);
