using CaseFlow.Data.Audit;
using CaseFlow.Data.Evaluation;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Supervision;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Domain.Supervision;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.Supervision;

/// <summary>
/// Supervision (督办) on the real engine: open → feed back → send back → feed back → close, beside the workflow (the
/// case's state and version never move), with its timeline entries, notices and audit rows; the overdue reminder once
/// per due date; and a small county's scorecard with the supervision indicator and deduction worked out by hand.
/// </summary>
public abstract class SupervisionTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly ScorePeriod Year = ScorePeriod.YearOf(2026);

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    private SupervisionStore Store(TimeProvider? clock = null)
    {
        var time = clock ?? Fixture.Clock;
        return new SupervisionStore(Db, new AuditWriter(Db, time), time);
    }

    private async Task<(long Paid, long Waiting)> TwoDisputesAsync(ACounty county)
    {
        var paid = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        await county.Commands.ActAsync(paid, 1, county.TownAUser, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        await county.Commands.ActAsync(paid, 2, county.TownAUser, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(3000.50m, new DateOnly(2026, 2, 2), "银行转账"), ctx));
        await county.Commands.ActAsync(paid, 3, county.TownAUser, (c, _, ctx) => c.ConfirmPerformance(3000.50m, ctx));
        var waiting = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        return (paid, waiting);
    }

    [DatabaseFact]
    public async Task OpenFeedBackSendBackClose_LeavesTheCaseAsItWas_AndWritesTimelineNoticesAndAudit()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        var before = await county.Queries.GetAsync(id, county.CountyPath);
        var store = Store();

        var opened = await store.OpenAsync(id, new NewSupervision(SupervisionLevel.Key, "三日内约谈企业负责人", Day(1, 20)), county.CountyManager);
        (await store.OpenAsync(id, new NewSupervision(SupervisionLevel.Normal, "再次督办", Day(1, 20)), county.CountyManager))
            .Should().BeNull("a case has one supervision open at a time");
        var s = opened!.Value;
        (await store.EvaluateAsync(id, s, new SupervisionEvaluation(true, null, null), county.CountyManager)).Should().Be(SupervisionOutcome.NoFeedbackYet);
        (await store.FeedBackAsync(id, s, new NewFeedback("已约谈企业负责人", "企业承诺本周内支付"), county.TownAUser, county.TownA)).Should().Be(SupervisionOutcome.Done);
        (await store.EvaluateAsync(id, s, new SupervisionEvaluation(false, "尚未支付，继续跟进", Day(1, 25)), county.CountyManager)).Should().Be(SupervisionOutcome.Done);
        var sentBack = (await store.ForCaseAsync(id, county.CountyManager.Viewer))!.Single();
        sentBack.Should().BeEquivalentTo(new { Status = SupervisionStatus.Open, Round = 2, FeedbackDueOn = Day(1, 25), Satisfied = (bool?)false, Overdue = false });
        (await store.FeedBackAsync(id, s, new NewFeedback("工资已足额支付", "已办结"), county.TownAUser, county.TownA)).Should().Be(SupervisionOutcome.Done);
        (await store.EvaluateAsync(id, s, new SupervisionEvaluation(true, "处置及时", null), county.CountyManager)).Should().Be(SupervisionOutcome.Done);
        (await store.FeedBackAsync(id, s, new NewFeedback("补充", "无"), county.TownAUser, county.TownA)).Should().Be(SupervisionOutcome.Closed);

        var closed = (await store.ForCaseAsync(id, county.CountyManager.Viewer))!.Single();
        closed.Status.Should().Be(SupervisionStatus.Closed);
        closed.Level.Should().Be(SupervisionLevel.Key);
        closed.Feedbacks.Select(f => (f.Round, f.ActionTaken)).Should().Equal((1, "已约谈企业负责人"), (2, "工资已足额支付"));
        var after = await county.Queries.GetAsync(id, county.CountyPath);
        (after!.State, after.Version).Should().Be((before!.State, before.Version), "supervision is data beside the workflow");
        after.Activities.Select(a => a.Kind).Should().Equal(
            "supervision_open", "supervision_feedback", "supervision_sent_back", "supervision_feedback", "supervision_closed");

        await using var connection = await Db.OpenAsync();
        var audit = await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE entity = 'case' AND entity_id = @Id AND action LIKE 'supervision.%' ORDER BY id",
            new { Id = id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        audit.Should().Equal("supervision.open", "supervision.feedback", "supervision.send_back", "supervision.feedback", "supervision.close");
        var notices = (await connection.QueryAsync<string>("SELECT kind FROM notifications WHERE case_id = @Id AND kind LIKE 'supervision%' ORDER BY id", new { Id = id })).ToList();
        notices.Should().Equal("supervision_opened", "supervision_reminder");
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE case_id = @Id AND notice_kind LIKE 'supervision%'", new { Id = id }))
            .Should().Be(2, "both notices leave through the outbox with the change");
    }

    [DatabaseFact]
    public async Task Writes_OutsideTheActorsUnits_AreRefusedAsNotFound_AndTheListsKeepToTheViewer()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var inTownA = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        var store = Store();

        var townB = () => store.OpenAsync(inTownA, new NewSupervision(SupervisionLevel.Normal, "越权", Day(1, 20)), county.TownBUser);
        await townB.Should().ThrowAsync<CaseFlow.Data.Cases.CaseNotFoundException>();
        var s = (await store.OpenAsync(inTownA, new NewSupervision(SupervisionLevel.Normal, "请于期限内反馈", Day(1, 10)), county.CountyManager))!.Value;
        var feedback = () => store.FeedBackAsync(inTownA, s, new NewFeedback("越权反馈", "无"), county.TownBUser, county.TownB);
        await feedback.Should().ThrowAsync<CaseFlow.Data.Cases.CaseNotFoundException>();
        (await store.ForCaseAsync(inTownA, county.TownBUser.Viewer)).Should().BeNull();

        (await store.ListAsync(county.TownBUser.Viewer, new SupervisionFilter(OpenOnly: true))).Should().NotContain(x => x.CaseId == inTownA);
        var overdue = await store.ListAsync(county.TownAUser.Viewer, new SupervisionFilter(OverdueOnly: true));
        overdue.Should().ContainSingle(x => x.CaseId == inTownA).Which.Overdue.Should().BeTrue("the 10th has passed on the 15th");
        var figures = await store.FiguresAsync(county.CountyPath);
        figures.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Open = 1, Overdue = 1 });
        (await store.FiguresAsync(county.TownBPath)).Should().BeEmpty();
    }

    [DatabaseFact]
    public async Task RemindOverdue_OncePerDueDate_ToTheHandlingUnitAndTheManager_ThroughTheOutbox()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var id = (await county.Commands.RegisterAsync(county.Dispute(), county.TownAUser)).Case.Id;
        var clock = new FakeTimeProvider(Fixture.Clock.GetUtcNow());
        var store = Store(clock);
        var today = store.Today;
        var s = (await store.OpenAsync(id, new NewSupervision(SupervisionLevel.Normal, "今日内反馈", today), county.CountyManager))!.Value;
        await using var connection = await Db.OpenAsync();
        Task<long> RemindersAsync() => connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM notifications WHERE case_id = @Id AND kind = 'supervision_reminder'", new { Id = id });

        await store.RemindOverdueAsync();
        (await RemindersAsync()).Should().Be(0, "the date has not passed while it is still the day itself");

        clock.Advance(TimeSpan.FromDays(1));
        (await store.RemindOverdueAsync()).Should().BeGreaterThanOrEqualTo(1);
        await store.RemindOverdueAsync();
        clock.Advance(TimeSpan.FromHours(5));
        await store.RemindOverdueAsync();

        // Once: the handling unit (the case's unit) and the manager's unit, each with its webhook row.
        var units = (await connection.QueryAsync<long>(
            "SELECT unit_id FROM notifications WHERE case_id = @Id AND kind = 'supervision_reminder' ORDER BY id", new { Id = id })).ToList();
        var handling = (await store.ForCaseAsync(id, county.CountyManager.Viewer))!.Single().UnitId;
        units.Should().Equal(handling, county.TownA);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE case_id = @Id AND notice_kind = 'supervision_reminder'", new { Id = id }))
            .Should().Be(2);

        // Sent back with a new date: that date is reminded once more when it passes unanswered.
        await store.FeedBackAsync(id, s, new NewFeedback("已处理", "待支付"), county.TownAUser, county.TownA);
        await store.EvaluateAsync(id, s, new SupervisionEvaluation(false, "请继续跟进", store.Today.AddDays(2)), county.CountyManager);
        var afterSendBack = await RemindersAsync();
        clock.Advance(TimeSpan.FromDays(3));
        await store.RemindOverdueAsync();
        await store.RemindOverdueAsync();
        (await RemindersAsync()).Should().Be(afterSendBack + 2);
    }

    [DatabaseFact]
    public async Task Scorecard_CountsSupervisionDatesAnsweredOnTime_AndDeductsTwoForEachItemNotFedBackOnTime_AsWorkedOutByHand()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var (paid, waiting) = await TwoDisputesAsync(county);
        var inTownB = (await county.Commands.RegisterAsync(county.Dispute(enterprise: county.EnterpriseInTownB), county.TownBUser)).Case.Id;
        var store = Store();

        // Paid case: fed back on the 15th for the 20th (on time), sent back to the 25th and fed back again the same day (on time).
        var a = (await store.OpenAsync(paid, new NewSupervision(SupervisionLevel.Normal, "跟进履行", Day(1, 20)), county.CountyManager))!.Value;
        await store.FeedBackAsync(paid, a, new NewFeedback("已督促", "已支付"), county.TownAUser, county.TownA);
        await store.EvaluateAsync(paid, a, new SupervisionEvaluation(false, "请附支付凭证", Day(1, 25)), county.CountyManager);
        await store.FeedBackAsync(paid, a, new NewFeedback("已补交凭证", "已支付"), county.TownAUser, county.TownA);
        // Waiting case: due on the 10th, never answered (late).
        await store.OpenAsync(waiting, new NewSupervision(SupervisionLevel.Key, "尽快受理", Day(1, 10)), county.CountyManager);
        // Town B's case: due on the 12th, answered on the 15th (late).
        var c = (await store.OpenAsync(inTownB, new NewSupervision(SupervisionLevel.Normal, "尽快受理", Day(1, 12)), county.CountyManager))!.Value;
        await store.FeedBackAsync(inTownB, c, new NewFeedback("已受理", "调解中"), county.TownBUser, county.TownB);

        var scores = new ScorecardQuery(Db, new OrgStore(Db, Fixture.Clock), Fixture.Clock);
        var ranking = await scores.RankAsync(county.County, county.CountyPath, Year);

        var townA = ranking.Units.Single(u => u.Unit.Id == county.TownA).Card;
        var line = townA.Indicators.Single(i => i.Code == "supervision-feedback-on-time");
        // Town A: three dates measured (the paid case's two, the waiting case's one), two on time: 2/3 = 0.6667.
        line.Measure.Should().BeEquivalentTo(new { Value = 0.6667m, Numerator = 2L, Denominator = 3L });
        line.Measure.Cases.Should().BeEquivalentTo([paid, waiting]);
        line.Measure.Meeting.Should().Equal(paid);
        // 10 × (0.6667 − 0.50) / (1.00 − 0.50) = 3.334 → 3.33.
        line.Points.Should().Be(3.33m);
        // One supervision item not fed back on time (the waiting case): −2.
        townA.Deductions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = "supervision-feedback-overdue", Items = 1, Points = -2m, Evidence = new[] { waiting } });
        // The case indicators as in the evaluation tests (follow-up satisfaction, now 10 points, earns 0 without a
        // follow-up): 30 + 30 + 20 + 15 + 9.23 + 25 + 0 + 20 = 149.23; + 3.33 − 2 = 150.56: four stars (150 to 170).
        townA.Score.Should().Be(150.56m);
        townA.Stars.Should().Be(4);

        var townB = ranking.Units.Single(u => u.Unit.Id == county.TownB).Card;
        // Town B: one date, answered late: 0 → 0 points, and −2. Its case: graded, not escalated → 15; no overdue case → 20;
        // nothing recovered of 3,000.50 → 0; the rest not measured → 0. 15 + 20 − 2 = 33.
        townB.Indicators.Single(i => i.Code == "supervision-feedback-on-time").Measure.Value.Should().Be(0m);
        townB.Deductions.Should().ContainSingle().Which.Evidence.Should().Equal(inTownB);
        townB.Score.Should().Be(33m);

        // The drill-down holds every supervised case, received in the period or not.
        (await scores.CasesOfAsync(county.TownAPath, Year)).Keys.Should().Contain([paid, waiting]);
    }
}

public sealed class SqliteSupervisionTests(SqliteTestDatabase fixture) : SupervisionTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSupervisionTests(SqlServerTestDatabase fixture) : SupervisionTests<SqlServerTestDatabase>(fixture);
