using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Supervision;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Supervision;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>
/// The case page's one-connection read returns what the case API's read, the referral read and the supervision
/// panel's read return on their own, for a case with every list filled and for one with none, and nothing for a
/// viewer who may not see the case.
/// </summary>
public abstract class CasePageQueryTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private (SupervisionStore Supervisions, ReferralStore Referrals, CasePageQuery Page) Stores(ACounty county)
    {
        var audit = new AuditWriter(Db, Fixture.Clock);
        var supervisions = new SupervisionStore(Db, audit, Fixture.Clock);
        var referrals = new ReferralStore(Db, county.Commands, audit, new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions()), Fixture.Clock);
        return (supervisions, referrals, new CasePageQuery(Db, county.Queries, supervisions));
    }

    [DatabaseFact]
    public async Task GetAsync_ACaseWithSharesActivitiesSessionsAndASupervision_IsWhatTheSeparateReadsReturn()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (supervisions, referrals, page) = Stores(county);
        var partners = new PartnerStore(Db, new AuditWriter(Db, Fixture.Clock), Fixture.Clock);
        var arbitration = await Db.InTransactionAsync((c, t) => partners.InsertOrgAsync(c, t, new NewPartnerOrg(county.County, "arbitration", $"仲裁院{county.Code}")));
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await county.Commands.ActAsync(id, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(id, 2, county.TownAUser, (c, _, ctx) => c.RecordSession(new MediationSession(ctx.Now, "双方到场") { Place = "镇调解室", PartnerOrgIds = [arbitration] }, ctx));
        (await partners.ShareAsync(id, arbitration, "请仲裁院提前介入", county.CountyManager)).Should().Be(ShareOutcome.Done);
        var opened = await supervisions.OpenAsync(id, new NewSupervision(SupervisionLevel.Key, "三日内约谈企业负责人", supervisions.Today.AddDays(3)), county.CountyManager);
        await supervisions.FeedBackAsync(id, opened!.Value, new NewFeedback("已约谈企业负责人", "企业承诺本周内支付"), county.TownAUser, county.TownA);

        var read = await page.GetAsync(id, county.CountyManager.Viewer);

        read.Should().NotBeNull();
        var alone = await county.Queries.GetAsync(id, county.CountyManager.Viewer);
        read!.Detail.Should().BeEquivalentTo(alone);
        read.Detail.Sessions.Should().ContainSingle().Which.Partners.Should().ContainSingle().Which.PartnerOrgId.Should().Be(arbitration);
        read.Detail.Shares.Should().ContainSingle().Which.PartnerOrgId.Should().Be(arbitration);
        read.Detail.Activities.Select(a => a.Kind).Should().Contain(["share", "supervision_open", "supervision_feedback"]);
        read.Detail.Enterprise.Should().NotBeNull();
        read.MediatorName.Should().Be("王调解");
        read.Supervisions.Should().BeEquivalentTo(await supervisions.ForCaseAsync(id, county.CountyManager.Viewer));
        read.Supervisions.Should().ContainSingle().Which.Feedbacks.Should().ContainSingle();
        read.Referral.Should().BeNull().And.Be(await referrals.CurrentAsync(id, county.CountyManager.Viewer));
    }

    [DatabaseFact]
    public async Task GetAsync_AReferredCase_CarriesTheLatestReferralAsTheReferralReadShowsIt()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (_, referrals, page) = Stores(county);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case.Id;
        for (var level = 1; level <= 3; level++)
        {
            await county.Commands.ActAsync(id, null, county.CountyManager, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        }

        await county.Commands.ActAsync(id, null, county.CountyManager, (c, _, ctx) => c.Refer(new Referral(ReferralBody.Arbitration, "安劳人仲案字〔2026〕1号") { HandedOver = "调解笔录" }, ctx), "调解不成");

        var read = await page.GetAsync(id, county.CountyManager.Viewer);

        read!.Detail.Should().BeEquivalentTo(await county.Queries.GetAsync(id, county.CountyManager.Viewer));
        read.Detail.Referral.Should().Be(new Referral(ReferralBody.Arbitration, "安劳人仲案字〔2026〕1号"));
        read.Referral.Should().NotBeNull().And.BeEquivalentTo(await referrals.CurrentAsync(id, county.CountyManager.Viewer));
        read.Referral!.HandedOver.Should().Be("调解笔录");
        read.Supervisions.Should().BeEmpty();
        read.MediatorName.Should().BeNull();
    }

    [DatabaseFact]
    public async Task GetAsync_ACaseWithNoLists_IsWhatTheCaseReadReturns_AndNothingForAnotherTown()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (_, _, page) = Stores(county);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;

        var read = await page.GetAsync(id, county.TownAUser.Viewer);

        read!.Detail.Should().BeEquivalentTo(await county.Queries.GetAsync(id, county.TownAUser.Viewer));
        read.Detail.Sessions.Should().BeEmpty();
        read.Detail.Shares.Should().BeEmpty();
        read.Detail.Activities.Should().BeEmpty();
        read.Detail.Agreement.Should().BeNull();
        read.Detail.Deadlines.Should().NotBeEmpty();
        read.Detail.Events.Should().NotBeEmpty();
        read.Detail.UnitName.Should().NotBeNullOrEmpty();
        (await page.GetAsync(id, county.TownBUser.Viewer)).Should().BeNull("town B may not see town A's case");
    }
}

public sealed class SqliteCasePageQueryTests(SqliteTestDatabase fixture) : CasePageQueryTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerCasePageQueryTests(SqlServerTestDatabase fixture) : CasePageQueryTests<SqlServerTestDatabase>(fixture);
