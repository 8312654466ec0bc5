using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>The case read models: masking, the audited reveal, filters, urgency order, paging, inbox and dashboard.</summary>
public abstract class CaseQueriesTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Get_ShowsTheCaseWithMaskedNumbers_DeadlinesTimelineAndActions()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var detail = await county.Queries.GetAsync(id, county.TownAPath);

        detail.Should().NotBeNull();
        detail!.Workers.Should().ContainSingle().Which.Should().Be(new WorkerView("张三", "330523********1238", "138****5678", 3000.50m, 0.5m));
        detail.UnitName.Should().Be("竹木公司调解小组");
        detail.Deadlines.Should().Contain(d => d.Kind == DeadlineKind.Acceptance && !d.Overdue && d.RemainingSeconds > 0);
        detail.Events.Should().ContainSingle().Which.Trigger.Should().Be(CaseTrigger.Grade);
        detail.Actions.Should().Contain(a => a.Action == CaseTrigger.Accept && a.Allowed);
        detail.ArbitrationRightFrom.Should().NotBeNull();
        (await county.Queries.GetAsync(id, county.TownBPath)).Should().BeNull("another town's case is as good as missing");
    }

    [DatabaseFact]
    public async Task Get_OfAResolvedCase_HasNoOpenDeadlines()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(id, 2, county.TownAUser, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(3000.50m, new DateOnly(2026, 2, 2), "银行转账"), ctx));
        await county.Commands.ActAsync(id, 3, county.TownAUser, (c, _, ctx) => c.ConfirmPerformance(3000.50m, ctx));

        var detail = await county.Queries.GetAsync(id, county.TownAPath);

        detail!.State.Should().Be(CaseState.Resolved);
        detail.Deadlines.Should().BeEmpty();
        detail.ArbitrationRightFrom.Should().BeNull();
        detail.AmountRecovered.Should().Be(3000.50m);
        detail.Agreement.Should().Be(new AgreementTerms(3000.50m, new DateOnly(2026, 2, 2), "银行转账"), "a resolved case still shows the agreement it performed");
    }

    [DatabaseFact]
    public async Task Reveal_ReturnsTheClearNumbersAndAuditsIt_ButNotAcrossJurisdictions()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var revealed = await county.Queries.RevealAsync(id, county.TownAUser, "联系当事人");
        var refused = await county.Queries.RevealAsync(id, county.TownBUser, "好奇");

        revealed.Should().Equal(new RevealedWorker("张三", "330523199001011238", "13812345678"));
        refused.Should().BeNull();
        await using var connection = await Db.OpenAsync();
        (await connection.QueryAsync<string>(
            "SELECT username FROM audit_log WHERE action = 'case.reveal' AND entity_id = @Id",
            new { Id = id.ToString(CultureInfo.InvariantCulture) })).Should().Equal("town-a");
    }

    [DatabaseFact]
    public async Task List_ScopesToTheCallersSubtree_AndFilters()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var yellow = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case;
        var red = (await county.Commands.RegisterAsync(county.Dispute(signals: RiskSignals.EmployerAbsconded), county.CountyManager)).Case;
        var townB = (await county.Commands.RegisterAsync(county.Dispute(enterprise: county.EnterpriseInTownB), county.CountyManager)).Case;

        (await county.Queries.ListAsync(new CaseFilter(), county.TownAPath)).Items.Select(i => i.Id).Should().BeEquivalentTo([yellow.Id, red.Id]);
        (await county.Queries.ListAsync(new CaseFilter(), county.CountyPath)).Total.Should().Be(3);
        (await county.Queries.ListAsync(new CaseFilter { Color = RiskColor.Red }, county.CountyPath)).Items.Should().ContainSingle(i => i.Id == red.Id);
        (await county.Queries.ListAsync(new CaseFilter { Level = 3 }, county.CountyPath)).Items.Should().ContainSingle(i => i.Id == red.Id);
        (await county.Queries.ListAsync(new CaseFilter { UnitId = county.TownB }, county.CountyPath)).Items.Should().ContainSingle(i => i.Id == townB.Id);
        (await county.Queries.ListAsync(new CaseFilter { UnitId = county.TownB }, county.TownAPath)).Items.Should().BeEmpty();
        (await county.Queries.ListAsync(new CaseFilter { Text = "孝丰某椅业" }, county.CountyPath)).Items.Should().ContainSingle(i => i.Id == townB.Id);
        (await county.Queries.ListAsync(new CaseFilter { Text = "张三" }, county.CountyPath)).Total.Should().Be(3);
        (await county.Queries.ListAsync(new CaseFilter { Text = "100%_" }, county.CountyPath)).Total.Should().Be(0, "LIKE wildcards in the search text are taken literally");
        (await county.Queries.ListAsync(new CaseFilter { States = [CaseState.Level3AwaitingAcceptance] }, county.CountyPath)).Items.Should().ContainSingle(i => i.Id == red.Id);
    }

    [DatabaseFact]
    public async Task List_ForAMediator_ShowsOnlyTheCasesAssignedToThem()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var assigned = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager);
        await county.Commands.ActAsync(assigned, 1, county.CountyManager, (c, _, ctx) => c.Accept(county.Mediator, ctx));

        var mine = await county.Queries.ListAsync(new CaseFilter { MediatorUserId = county.Mediator, OpenOnly = true }, county.CountyPath);

        mine.Items.Select(i => i.Id).Should().Equal(assigned);
    }

    [DatabaseFact]
    public async Task List_IsMostUrgentFirst_AndOverdueCasesAreMarked()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var yellow = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case;
        var red = (await county.Commands.RegisterAsync(county.Dispute(signals: RiskSignals.CollectiveAction), county.CountyManager)).Case;
        county.Clock.Advance(TimeSpan.FromDays(3));

        var page = await county.Queries.ListAsync(new CaseFilter(), county.CountyPath);

        page.Items.Select(i => i.Id).Should().Equal(red.Id, yellow.Id); // red accepts within 4 working hours
        page.Items[0].Overdue.Should().BeTrue();
        (await county.Queries.ListAsync(new CaseFilter { Overdue = true }, county.CountyPath)).Items.Should().Contain(i => i.Id == red.Id);
    }

    [DatabaseFact]
    public async Task List_PagesThroughEveryCaseOnce_InAStableOrder()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var ids = new List<long>();
        for (var i = 0; i < 23; i++)
        {
            ids.Add((await county.Commands.RegisterAsync(county.Dispute(amount: 1000m + i), county.CountyManager)).Case.Id);
        }

        var seen = new List<long>();
        for (var offset = 0; offset < 30; offset += 7)
        {
            var page = await county.Queries.ListAsync(new CaseFilter { Offset = offset, Limit = 7 }, county.CountyPath);
            page.Total.Should().Be(23);
            seen.AddRange(page.Items.Select(i => i.Id));
        }

        seen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ids);
        var again = await county.Queries.ListAsync(new CaseFilter { Offset = 7, Limit = 7 }, county.CountyPath);
        again.Items.Select(i => i.Id).Should().Equal(seen.Skip(7).Take(7));
    }

    [DatabaseFact]
    public async Task Inbox_ListsWhatAwaitsAcceptanceAtTheUnit_SoonestAcceptanceFirst()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var yellow = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case; // level 1 at the group
        var red = (await county.Commands.RegisterAsync(county.Dispute(signals: RiskSignals.ProductionStopped), county.CountyManager)).Case; // level 3 at town A
        var orange = (await county.Commands.RegisterAsync(county.Dispute(months: 1.5m), county.CountyManager)).Case; // level 2 at village A

        var townInbox = await county.Queries.InboxAsync(county.TownA, county.TownAPath);
        var groupInbox = await county.Queries.InboxAsync(county.GroupA, county.TownAPath);

        townInbox.Should().ContainSingle().Which.Should().Match<InboxItem>(i => i.Id == red.Id && i.AcceptBy != null && i.RemainingSeconds > 0);
        groupInbox.Select(i => i.Id).Should().Equal(yellow.Id);
        (await county.Queries.InboxAsync(county.VillageA, county.TownAPath)).Select(i => i.Id).Should().Equal(orange.Id);
        (await county.Queries.InboxAsync(county.TownA, county.TownBPath)).Should().BeEmpty();
        (await county.Queries.InboxCountAsync(county.TownA, county.TownAPath)).Should().Be(1);
        (await county.Queries.InboxCountAsync(county.GroupA, county.TownAPath)).Should().Be(1);
        (await county.Queries.InboxCountAsync(county.TownA, county.TownBPath)).Should().Be(0, "another town's reader counts nothing at town A");
    }

    [DatabaseFact]
    public async Task Dashboard_CountsOpenCasesByColourLevelAndTown_WithMoneyAndTheWeeklyTrend()
    {
        var county = await ACounty.CreateAsync(Fixture);
        await county.Commands.RegisterAsync(county.Dispute(amount: 1000m), county.CountyManager);
        await county.Commands.RegisterAsync(county.Dispute(amount: 2000m, signals: RiskSignals.EmployerAbsconded), county.CountyManager);
        var paid = (await county.Commands.RegisterAsync(county.Dispute(amount: 500m, enterprise: county.EnterpriseInTownB), county.CountyManager)).Case;
        await county.Commands.ActAsync(paid.Id, 1, county.CountyManager, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(paid.Id, 2, county.CountyManager, (c, _, ctx) => c.ConfirmPerformance(500m, ctx));
        await county.Commands.ActAsync(paid.Id, 3, county.CountyManager, (c, _, ctx) => c.RecordFollowUp(new FollowUp(5, null), ctx));

        var dashboard = await county.Queries.DashboardAsync(county.CountyPath);

        dashboard.OpenCases.Should().Be(2);
        dashboard.Open.Should().BeEquivalentTo([new DashboardCell(RiskColor.Red, 3, 1), new DashboardCell(RiskColor.Yellow, 1, 1)]);
        dashboard.AmountOwed.Should().Be(3000m);
        dashboard.AmountRecovered.Should().Be(500m);
        dashboard.WorkersInvolved.Should().Be(2);
        dashboard.ByUnit.Should().BeEquivalentTo(
        [
            new UnitFigures(county.TownA, "杭垓镇", 1, 0, 1, 0, 3000m, 0m),
            new UnitFigures(county.TownB, "孝丰镇", 0, 0, 0, 0, 0m, 500m),
        ]);
        dashboard.Weeks.Should().HaveCount(12);
        dashboard.Weeks[^1].New.Should().Be(3);
        dashboard.Weeks[^1].Closed.Should().Be(1);
        (await county.Queries.DashboardAsync(county.TownBPath)).OpenCases.Should().Be(0);
    }
}

public sealed class SqliteCaseQueriesTests(SqliteTestDatabase fixture) : CaseQueriesTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCaseQueriesTests(SqlServerTestDatabase fixture) : CaseQueriesTests<SqlServerTestDatabase>(fixture);
