using CaseFlow.Data.Audit;
using CaseFlow.Data.Enterprises;
using CaseFlow.Data.Evaluation;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Domain.Evaluation;
using Dapper;

namespace CaseFlow.Data.Tests.Evaluation;

/// <summary>
/// Scorecards, bonus review, stars and the enterprise register over a small county built through the real case
/// commands; every expected score is worked out by hand in the comments.
/// </summary>
public abstract class EvaluationTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly ScorePeriod Year = ScorePeriod.YearOf(2026);

    private (ScorecardQuery Scores, BonusItemStore Bonuses, StarRatingStore Stars, EnterpriseRegister Register) Services()
    {
        var audit = new AuditWriter(Db, Fixture.Clock);
        var scores = new ScorecardQuery(Db, new OrgStore(Db, Fixture.Clock), Fixture.Clock);
        return (scores, new BonusItemStore(Db, audit, Fixture.Clock), new StarRatingStore(Db, scores, audit, Fixture.Clock),
            new EnterpriseRegister(Db, new EnterpriseRegisterOptions(), Fixture.Clock));
    }

    /// <summary>Two yellow disputes at town A's employer: one accepted, agreed at level 1 and paid; one still waiting.</summary>
    private static async Task<(long Paid, long Waiting)> TwoDisputesAsync(ACounty county)
    {
        var paid = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await county.Commands.ActAsync(paid, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(paid, 2, county.TownAUser, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(3000.50m, new DateOnly(2026, 2, 2), "银行转账"), ctx));
        await county.Commands.ActAsync(paid, 3, county.TownAUser, (c, _, ctx) => c.ConfirmPerformance(3000.50m, ctx));
        var waiting = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        return (paid, waiting);
    }

    [DatabaseFact]
    public async Task Rank_ScoresEachUnitFromItsCases_AsWorkedOutByHand()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (paid, waiting) = await TwoDisputesAsync(county);
        var (scores, _, _, _) = Services();

        var ranking = await scores.RankAsync(county.County, county.CountyPath, Year);

        // Every unit below the county: two towns, two villages, the mediation group.
        ranking.Units.Select(u => u.Unit.Id).Should().BeEquivalentTo([county.TownA, county.TownB, county.VillageA, county.VillageB, county.GroupA]);
        var townA = ranking.Units.Single(u => u.Unit.Id == county.TownA).Card;
        var points = townA.Indicators.ToDictionary(i => i.Code, i => i.Points);
        // Acceptance: the paid case was accepted, the other still waits (not measured): 1/1 → 30.
        points["acceptance-on-time"].Should().Be(30m);
        // One agreement, no limit ran out, reached at level 1: 30 and 20.
        points["resolved-within-limits"].Should().Be(30m);
        points["resolved-at-level-1"].Should().Be(20m);
        // Two graded, none escalated: 0 is past the target 0.10 → 15.
        points["escalated-share"].Should().Be(15m);
        // Owed 3,000.50 twice, recovered 3,000.50 once: 0.5 → 30 × (0.5 − 0.30) / 0.65 = 9.2307… → 9.23.
        townA.Indicators.Single(i => i.Code == "money-recovered").Measure.Cases.Should().BeEquivalentTo([paid, waiting]);
        points["money-recovered"].Should().Be(9.23m);
        // Paid on 15 January for 2 February: 1/1 → 25. No follow-up: 0. No overdue case: 20.
        points["agreements-performed-on-time"].Should().Be(25m);
        points["follow-up-satisfaction"].Should().Be(0m);
        points["overdue-cases"].Should().Be(20m);
        // 30 + 30 + 20 + 15 + 9.23 + 25 + 0 + 20 = 149.23: three stars (130 to 150).
        townA.Score.Should().Be(149.23m);
        townA.Stars.Should().Be(3);
        // Town B has no case: only the overdue indicator's 20.
        ranking.Units.Single(u => u.Unit.Id == county.TownB).Card.Score.Should().Be(20m);
        ranking.Units[0].Card.Score.Should().Be(149.23m, "the best score ranks first");
        (await scores.UnitAsync(county.County, county.TownBPath, county.TownA, Year)).Should().BeNull("town A is not below town B");
    }

    [DatabaseFact]
    public async Task Bonus_DeclaredByATown_AcceptedByTheCounty_RaisesThatTownsScore_AndEveryStepIsAudited()
    {
        var county = await ACounty.CreateAsync(Fixture);
        await TwoDisputesAsync(county);
        var (scores, bonuses, stars, _) = Services();
        var town = new AuditActor(county.Mediator, "town-a");

        var id = await bonuses.DeclareAsync(new NewBonusItem(county.TownA, 2026, "provincial-recognition", "省级模范职工之家", null, "浙工〔2026〕12号"), town);
        (await bonuses.ReviewAsync(id, county.TownB, accept: true, null, town)).Should().Be(ReviewOutcome.NotFound, "town B is not the level above town A");
        (await scores.RankAsync(county.County, county.CountyPath, Year)).Units.Single(u => u.Unit.Id == county.TownA).Card.Score.Should().Be(149.23m, "a declared item counts only once accepted");

        (await bonuses.ReviewAsync(id, county.County, accept: true, "材料齐全", new AuditActor(null, "county-manager"))).Should().Be(ReviewOutcome.Done);
        (await bonuses.ReviewAsync(id, county.County, accept: false, "重复", new AuditActor(null, "county-manager"))).Should().Be(ReviewOutcome.AlreadyReviewed);

        var after = (await scores.RankAsync(county.County, county.CountyPath, Year)).Units.Single(u => u.Unit.Id == county.TownA).Card;
        // 149.23 + 3 = 152.23: four stars.
        after.Score.Should().Be(152.23m);
        after.Stars.Should().Be(4);
        after.Bonuses.Should().ContainSingle().Which.Evidence.Should().Equal(id);

        var rated = await stars.RateYearAsync(county.County, county.CountyPath, 2026, new AuditActor(null, "county-manager"));
        rated.Single(r => r.UnitId == county.TownA).Stars.Should().Be(4);
        (await stars.HistoryAsync(county.TownA)).Should().ContainSingle().Which.Should().BeEquivalentTo(new { Year = 2026, Stars = 4, Score = 152.23m, SchemeVersion = 1 });

        await using var connection = await Db.OpenAsync();
        var actions = (await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE (entity = 'bonus_item' AND entity_id = @Id) OR (action = 'star_rating.rate_year' AND entity_id = @County) ORDER BY id",
            new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture), County = county.County.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();
        actions.Should().Equal("bonus_item.declare", "bonus_item.accept", "star_rating.rate_year");
    }

    [DatabaseFact]
    public async Task Register_FlagsAnEmployerWithTwoDisputesThisYear_AndItsPageListsBoth_OnlyInsideTheJurisdiction()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (paid, waiting) = await TwoDisputesAsync(county);
        var (_, _, _, register) = Services();

        var entries = await register.ListAsync(county.CountyPath);

        var entry = entries.Should().ContainSingle(e => e.Id == county.EnterpriseWithGroup).Subject;
        entry.Figures.Disputes.Should().Be(2);
        entry.Alerts.Should().HaveFlag(EnterpriseAlerts.RepeatOffender).And.HaveFlag(EnterpriseAlerts.NoRecentHealthCheck);
        entry.Alerts.Should().NotHaveFlag(EnterpriseAlerts.AgreementNotPerformed);
        entry.AmountOwed.Should().Be(6001m);
        entry.AmountRecovered.Should().Be(3000.50m);
        entry.Color.Should().Be(RiskColor.Yellow);
        entries.Should().NotContain(e => e.Id == county.EnterpriseInTownB, "an employer with no dispute is not on the register");

        var page = await register.GetAsync(county.EnterpriseWithGroup, county.CountyPath);
        page!.Cases.Select(c => c.Id).Should().BeEquivalentTo([paid, waiting]);
        page.Years.Should().ContainSingle().Which.Disputes.Should().Be(2);
        (await register.GetAsync(county.EnterpriseWithGroup, county.TownBPath)).Should().BeNull("town B sees neither the employer nor its cases");
        (await register.ListAsync(county.TownBPath)).Should().BeEmpty();
    }

    [DatabaseFact]
    public async Task Register_AnAgreementPastItsDateUnpaid_FlagsTheEmployer()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(enterprise: county.EnterpriseInTownB), county.TownBUser)).Case.Id;
        await county.Commands.ActAsync(id, 1, county.TownBUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(id, 2, county.TownBUser, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(3000.50m, new DateOnly(2026, 1, 10), "银行转账"), ctx));
        var (_, _, _, register) = Services();

        var entry = (await register.ListAsync(county.TownBPath)).Single(e => e.Id == county.EnterpriseInTownB);

        entry.Alerts.Should().HaveFlag(EnterpriseAlerts.AgreementNotPerformed).And.NotHaveFlag(EnterpriseAlerts.RepeatOffender);
        entry.Figures.AgreementsBroken.Should().Be(1);
    }
}

public sealed class SqliteEvaluationTests(SqliteTestDatabase fixture) : EvaluationTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerEvaluationTests(SqlServerTestDatabase fixture) : EvaluationTests<SqlServerTestDatabase>(fixture);
