using CaseFlow.Data.Audit;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Ledgers;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Reports;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>
/// One deterministic walk through the data layer's public API on a migrated, empty database: the org tree, ladders,
/// contacts and employers; users and sign-ins; registrations (by id, by credit code, a new employer, a red case told to
/// the three parties); every kind of case action; every read model and case-list filter; the deadline sweep over each
/// deadline kind; the digest; the re-grading; the monthly report; a ledger import and export; counters and audit rows.
/// Everything goes through the product's own code, so the statements it sends are the ones CaseFlow sends.
/// </summary>
public static class DataLayerTour
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 1, 30, 0, TimeSpan.Zero);

    private static readonly string[] LedgerHeaders =
        ["登记日期", "企业名称", "统一社会信用代码", "劳动者姓名", "身份证号", "联系电话", "欠薪金额", "欠薪月数", "涉及人数", "争议类型", "所属乡镇", "处理情况"];

    // Rows of tools/samples/ledger.csv: a case in level 2, one with an agreement, one in level 1.
    private static readonly string[] LedgerLines =
    [
        "2026-09-08,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,孙丽娟,330502197903128653,18955913617,6750.00,1.5,3,欠薪,孝丰镇,第二级调解中",
        "2026-09-08,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,黄桂芳,330523197304225496,13303392249,7900.00,1,3,欠薪,孝丰镇,第二级调解中",
        "2026-09-15,安吉县绿源椅业有限公司,91330523FJPBRQN250,刘丽娟,34262519970610345X,13896574507,20750.00,2.5,12,欠薪、加班费,递铺街道,已达成调解协议",
        "2026-09-15,安吉县绿源椅业有限公司,91330523FJPBRQN250,罗宏伟,522226197607252686,19937151643,11200.00,2,12,欠薪、加班费,递铺街道,已达成调解协议",
        "2026-10-09,浙江天荒坪山水旅游开发有限公司,9133052385NG2QGQX9,黄文静,511024199805117728,18246193092,28000.00,0,1,工伤,天荒坪镇,第一级调解中",
    ];

    public static async Task RunAsync(Database db, FakeTimeProvider clock, CommandLog log)
    {
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        var orgs = new OrgStore(db, clock);
        var users = new UserStore(db, clock);
        var audit = new AuditWriter(db, clock);
        var store = new CaseStore(db, clock);
        var grader = new RiskGrader(new GradingOptions());
        var planner = new DeadlinePlanner(calculator);
        var commands = new CaseCommands(db, store, orgs, grader, planner, clock);
        var batches = new CaseBatchCommands(db, store, orgs, grader, planner, clock);
        var queries = new CaseQueries(db, store, audit, calculator, clock);

        // The org tree: Anji's ladder (enterprise group → village → town).
        log.Step = "OrgStore: units, ladder, contacts, employers";
        var tree = await db.InTransactionAsync(async (c, t) =>
        {
            var county = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "安吉县", "AJ"));
            var townA = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "孝丰镇"));
            var townB = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "递铺街道"));
            await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "天荒坪镇"));
            var village = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(townA, UnitKind.Village, "横溪坞村"));
            var group = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(village, UnitKind.Enterprise, "竹木公司调解小组"));
            await orgs.SaveLadderAsync(c, t, county, MediationLadder.Anji);
            await orgs.SaveLadderAsync(c, t, county, MediationLadder.Anji);
            foreach (var (kind, organisation, name) in new[] { ("county_union", "县总工会", "李主席"), ("hrss", "县人力社保局", "王科长"), ("political_legal", (string?)null, "赵书记") })
            {
                await orgs.InsertContactAsync(c, t, new NewCountyContact(county, kind, organisation, name, "0572-5000001"));
            }

            var withGroup = await orgs.InsertEnterpriseAsync(
                c, t, new NewEnterprise("安吉某竹木制品有限公司", "91330523MA2B3C4D5E", "孝丰镇横溪坞村", village, "王五", "13900000000", group));
            var plain = await orgs.InsertEnterpriseAsync(c, t, new NewEnterprise("递铺某椅业有限公司", null, null, townB));
            return (County: county, TownA: townA, TownB: townB, Village: village, Group: group, WithGroup: withGroup, Plain: plain);
        });
        var countyPath = $"/{tree.County}/";
        var townAPath = $"/{tree.County}/{tree.TownA}/";

        log.Step = "OrgStore: reads";
        await orgs.AnyUnitsAsync();
        await orgs.GetUnitAsync(tree.Village);
        await orgs.ChainAsync(tree.Group);
        await orgs.GetLadderAsync(tree.County);
        await orgs.SubtreeAsync(countyPath);
        await orgs.ContactsAsync(tree.County);
        await orgs.FindUnitsAsync("孝丰镇");

        log.Step = "UserStore: create, sign-ins, list";
        var mediator = await db.InTransactionAsync((c, t) =>
            users.CreateAsync(c, t, new NewUser("mediator-a", "王调解", "AQAAAAIAAYagAAAAEFakeHash==", tree.TownA, ["mediator", "mediator"])));
        var township = await db.InTransactionAsync((c, t) =>
            users.CreateAsync(c, t, new NewUser("township-a", "李站长", "AQAAAAIAAYagAAAAEFakeHash==", tree.TownA, ["township"])));
        await users.FindByUsernameAsync("Mediator-A");
        await users.FindByIdAsync(township);
        await db.InTransactionAsync(async (c, t) =>
        {
            await users.RecordFailedLoginAsync(c, t, township, 5, TimeSpan.FromMinutes(15));
            await users.RecordSuccessfulLoginAsync(c, t, township);
            await users.SetPasswordHashAsync(c, t, township, "AQAAAAIAAYagAAAAENewFakeHash==");
        });
        await users.ListAsync();
        await users.ListAsync(countyPath);
        await users.FindForSessionAsync(township);
        await users.SetActiveAsync(township, active: false, new AuditActor(null, "admin", null), audit);
        await users.SetActiveAsync(township, active: true, new AuditActor(null, "admin", null), audit);

        log.Step = "PartnerStore: partner organisations and a partner user";
        var partners = new PartnerStore(db, audit, clock);
        var (hrss, arbitration) = await db.InTransactionAsync(async (c, t) =>
        {
            var h = await partners.InsertOrgAsync(c, t, new NewPartnerOrg(tree.County, "hrss", "安吉县人社局"));
            await partners.InsertOrgAsync(c, t, new NewPartnerOrg(tree.County, "political_legal", "安吉县委政法委"));
            var a = await partners.InsertOrgAsync(c, t, new NewPartnerOrg(tree.County, "arbitration", "安吉县劳动人事争议仲裁院"));
            await users.CreateAsync(c, t, new NewUser("arbitration-a", "仲裁员", "AQAAAAIAAYagAAAAEFakeHash==", tree.County, ["partner"]) { PartnerOrgId = a });
            return (h, a);
        });
        await partners.OrgsAsync(tree.County);
        await users.FindByUsernameAsync("arbitration-a");

        var manager = new CaseActor(mediator, "county-manager", countyPath, "127.0.0.1");
        var townUser = new CaseActor(township, "township-a", townAPath, "127.0.0.1");

        log.Step = "CaseCommands.RegisterAsync: by id, by credit code, a new employer, a red case";
        var yellow = (await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(tree.WithGroup, null, null, null)), townUser)).Case.Id;
        var byCode = (await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(null, null, "91330523MA2B3C4D5E", null)), manager)).Case.Id;
        var newEmployer = (await commands.RegisterAsync(
            Dispute(clock, new EnterpriseRef(null, "孝丰某新企业", "91330523MA7X8Y9Z0W", tree.Village), months: 1.5m), manager)).Case.Id;
        var red = (await commands.RegisterAsync(
            Dispute(clock, new EnterpriseRef(tree.Plain, null, null, null), signals: RiskSignals.CollectiveAction | RiskSignals.EmployerAbsconded), manager)).Case.Id;
        var backDated = (await commands.RegisterAsync(
            Dispute(clock, new EnterpriseRef(tree.WithGroup, null, null, null), receivedAt: Start.AddDays(-40)), manager)).Case.Id;

        // Before anything is accepted or rejected, so the towns' inboxes hold cases.
        log.Step = "InboxDigest";
        await new InboxDigest(db, clock).WriteAsync();

        log.Step = "CaseCommands.ActAsync: accept, session, invitation, extension, escalation, agreement, performance, follow-up";
        var version = 1;
        version = (await commands.ActAsync(yellow, version, townUser, (c, _, ctx) => c.Accept(mediator, ctx))).Version;
        version = (await commands.ActAsync(yellow, version, townUser, (c, _, ctx) => c.RecordSession(new MediationSession(ctx.Now, "双方到场") { Place = "镇调解室", Participants = "劳动者、企业代表", PartnerOrgIds = [hrss] }, ctx))).Version;
        version = (await commands.ActAsync(yellow, version, townUser, (c, _, ctx) => c.InviteParties(new PartyInvitation(true, false, false, "请人社局参加"), ctx))).Version;
        version = (await commands.ActAsync(yellow, version, townUser, (c, _, ctx) =>
            c.ExtendDeadline(new DeadlineExtension(3, WorkerConsented: true, EmployerConsented: true), ctx))).Version;
        version = (await commands.ActAsync(yellow, version, manager, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场")).Version;
        version = (await commands.ActAsync(yellow, version, manager, (c, _, ctx) => c.Accept(mediator, ctx))).Version;
        version = (await commands.ActAsync(yellow, version, manager, (c, _, ctx) =>
            c.ReachAgreement(new AgreementTerms(3000.50m, new DateOnly(2026, 12, 20), "银行转账"), ctx))).Version;
        version = (await commands.ActAsync(yellow, version, manager, (c, _, ctx) => c.ConfirmPerformance(3000.50m, ctx))).Version;
        await commands.ActAsync(yellow, version, manager, (c, _, ctx) => c.RecordFollowUp(new FollowUp(5, "满意"), ctx));

        log.Step = "CaseCommands.ActAsync: failed mediation, referral and its closing, reopening, override, withdrawal, rejection, a stale version";
        for (var level = 1; level <= 3; level++)
        {
            await commands.ActAsync(byCode, null, manager, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        }

        await commands.ActAsync(byCode, null, manager, (c, _, ctx) => c.Refer(new Referral(ReferralBody.Arbitration, "安劳人仲案字〔2026〕1号"), ctx), "调解不成");
        await commands.ActAsync(byCode, null, manager, (c, _, ctx) => c.CloseReferral("仲裁裁决支付", ctx));
        await commands.ActAsync(byCode, null, manager, (c, r, ctx) => c.Reopen(r, calculator.ReopenWindowDays, ctx), "裁决未履行");
        await commands.ActAsync(newEmployer, null, manager, (c, r, ctx) => c.OverrideRisk(RiskColor.Orange, r, ctx), "涉及人数较多");
        await commands.ActAsync(newEmployer, null, manager, (c, _, ctx) => c.Withdraw(ctx), "劳动者撤回");
        await commands.ActAsync(red, null, manager, (c, _, ctx) => c.Reject(ctx), "不属于受理范围");
        try
        {
            await commands.ActAsync(backDated, 99, manager, (c, _, ctx) => c.Accept(mediator, ctx));
        }
        catch (CaseConcurrencyException)
        {
            // Expected: the early version check refuses before anything is written.
        }

        log.Step = "CaseQueries: case page, list with every filter, inbox, dashboard, reveal, assignable mediator";
        await queries.GetAsync(yellow, countyPath);
        await queries.GetAsync(byCode, countyPath);
        await queries.ListAsync(new CaseFilter(), countyPath);
        await queries.ListAsync(
            new CaseFilter
            {
                States = [CaseState.Level1AwaitingAcceptance, CaseState.Level1InMediation],
                Color = RiskColor.Yellow,
                Level = 1,
                UnitId = tree.TownA,
                MediatorUserId = mediator,
                OpenOnly = true,
                Overdue = true,
                DueWithin = TimeSpan.FromHours(48),
                Offset = 0,
                Limit = 20,
            },
            countyPath);
        await queries.ListAsync(
            new CaseFilter
            {
                States = [CaseState.Level1AwaitingAcceptance, CaseState.Level1InMediation],
                Color = RiskColor.Yellow,
                Level = 1,
                UnitId = tree.TownA,
                MediatorUserId = mediator,
                OpenOnly = true,
                Overdue = true,
                DueWithin = TimeSpan.FromHours(48),
                Text = "竹木制品",
                Offset = 0,
                Limit = 20,
            },
            countyPath);
        await queries.InboxAsync(tree.Group, countyPath);
        await queries.InboxCountAsync(tree.Group, countyPath);
        await queries.DashboardAsync(countyPath);
        await queries.RevealAsync(backDated, manager, "核实身份");
        await queries.IsAssignableMediatorAsync(mediator, yellow);
        await queries.AssignableMediatorsAsync(tree.Village);
        await queries.GetAsync(yellow, new CaseViewer(mediator, $"/{tree.County}/{tree.TownB}/"));
        await queries.ListAsync(new CaseFilter(), new CaseViewer(township, townAPath, PartnerOrgId: 1));

        log.Step = "CaseQueries: the list by keyset page after page, each way into the visible rows, a page number";
        CaseCursor? listCursor = null;
        for (var listPage = 0; listPage < 40; listPage++)
        {
            var listed = await queries.ListAsync(new CaseFilter { Limit = 1, After = listCursor }, countyPath);
            if (!CaseCursor.TryParse(listed.Next, out listCursor))
            {
                break;
            }
        }

        await queries.ListAsync(new CaseFilter { OpenOnly = true, Offset = 1, Limit = 2 }, countyPath);
        await queries.ListAsync(new CaseFilter { OpenOnly = true }, new CaseViewer(mediator, townAPath));
        await queries.ListAsync(new CaseFilter { UnitId = tree.TownA }, countyPath);
        await queries.ListAsync(new CaseFilter { UnitId = long.MaxValue }, countyPath);

        // The text search's look-up and each of its branches: an enterprise's, the party and number candidates (apart from
        // an enterprise's cases: 张三 is a worker's name and part of an employer's), a page number, a search matching nothing.
        await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(null, "张三五金店", null, tree.Village)), manager);
        await queries.ListAsync(new CaseFilter { Text = "竹木_100%" }, countyPath);
        await queries.ListAsync(new CaseFilter { Text = "竹木制品", OpenOnly = true, Limit = 1 }, countyPath);
        await queries.ListAsync(new CaseFilter { Text = "张三" }, new CaseViewer(mediator, townAPath));
        await queries.ListAsync(new CaseFilter { Text = "无此企业", Offset = 1 }, countyPath);
        await queries.ListAsync(new CaseFilter { Text = "AJ-", OpenOnly = true, Offset = 1, Limit = 2 }, countyPath);

        // A text that is both the start of case numbers and of a party's name: the two candidate sources in one list.
        await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(null, "双源五金店", null, tree.Village)) with
        {
            Workers = [new CaseWorker("AJ-工友", "", "", 1000m, 0.5m)],
        }, manager);
        await queries.ListAsync(new CaseFilter { Text = "AJ-" }, countyPath);
        await new CaseQueries(db, store, audit, calculator, clock) { TextEnterpriseLimit = 1 }.ListAsync(new CaseFilter { Text = "有限公司" }, countyPath);
        await new CaseQueries(db, store, audit, calculator, clock) { UnitByUnitLimit = 0 }.ListAsync(new CaseFilter { OpenOnly = true, Limit = 1 }, countyPath);

        log.Step = "PartnerStore: share, note, attendance, withdrawal";
        var partnerActor = new CaseActor(township, "arbitration-a", countyPath) { PartnerOrgId = arbitration };
        await partners.ShareAsync(yellow, arbitration, "请仲裁院提前介入", manager);
        await partners.ShareAsync(yellow, arbitration, "重复共享", manager);
        await partners.ShareAsync(yellow, long.MaxValue, "不存在的单位", manager);
        await partners.AddNoteAsync(yellow, "已了解案情", partnerActor);
        var sessionId = (await queries.GetAsync(yellow, countyPath))!.Sessions[0].Id;
        await partners.RecordAttendanceAsync(yellow, sessionId, partnerActor);
        await partners.RecordAttendanceAsync(yellow, long.MaxValue, partnerActor);
        await queries.GetAsync(yellow, partnerActor.Viewer);
        await partners.WithdrawAsync(yellow, arbitration, "案件已结", manager);
        await partners.WithdrawAsync(yellow, hrss, "未共享", manager);

        log.Step = "SupervisionStore: open, feed back, send back, close; lists, figures, the overdue reminder";
        var supervisions = new CaseFlow.Data.Supervision.SupervisionStore(db, audit, clock);
        var overdueOn = supervisions.Today.AddDays(-3);
        var supervised = (await supervisions.OpenAsync(yellow, new(Domain.Supervision.SupervisionLevel.Key, "限期反馈", overdueOn), manager))!.Value;
        await supervisions.OpenAsync(yellow, new(Domain.Supervision.SupervisionLevel.Normal, "重复督办", overdueOn), manager);
        await supervisions.RemindOverdueAsync();
        await supervisions.ListAsync(manager.Viewer, new CaseFlow.Data.Supervision.SupervisionFilter(OpenOnly: true));
        await supervisions.ListAsync(manager.Viewer, new CaseFlow.Data.Supervision.SupervisionFilter(OverdueOnly: true, UnitId: tree.TownA));
        await supervisions.FiguresAsync(countyPath);
        await supervisions.EvaluateAsync(yellow, supervised, new(true, null, null), manager);
        await supervisions.FeedBackAsync(yellow, supervised, new("已约谈企业", "待支付"), townUser, tree.TownA);
        await supervisions.EvaluateAsync(yellow, supervised, new(false, "继续跟进", supervisions.Today.AddDays(5)), manager);
        await supervisions.FeedBackAsync(yellow, supervised, new("已支付", "办结"), townUser, tree.TownA);
        await supervisions.EvaluateAsync(yellow, supervised, new(true, "满意", null), manager);
        await supervisions.FeedBackAsync(yellow, supervised, new("补充", "无"), townUser, tree.TownA);
        await supervisions.ForCaseAsync(yellow, manager.Viewer);
        await new CasePageQuery(db, queries, supervisions).GetAsync(yellow, manager.Viewer);
        log.Step = "ReferralStore: a referral to a partner on CaseFlow, overdue, acknowledged, closed with its outcome";
        var referrals = new ReferralStore(db, commands, audit, calculator, clock);
        var toInstitute = (await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(tree.WithGroup, null, null, null)), manager)).Case.Id;
        for (var level = 1; level <= 3; level++)
        {
            await commands.ActAsync(toInstitute, null, manager, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        }

        await queries.IsReferrablePartnerAsync(toInstitute, arbitration, ReferralBody.Arbitration);
        await commands.ActAsync(toInstitute, null, manager, (c, _, ctx) => c.Refer(
            new Referral(ReferralBody.Arbitration, null) { PartnerOrgId = arbitration, HandedOver = "调解笔录、欠薪清单", AcknowledgementDue = ctx.Now.AddDays(-1) }, ctx), "调解不成");
        await referrals.CurrentAsync(toInstitute, partnerActor.Viewer);
        await new CasePageQuery(db, queries, supervisions).GetAsync(toInstitute, manager.Viewer);
        (await referrals.OverdueAsync(manager.Viewer, limit: 1)).Total.Should().Be(1, "the one referral, a day past its acknowledgement time");
        await referrals.TellOverdueAsync();
        await referrals.AcknowledgeAsync(toInstitute, "安劳人仲案字〔2026〕9号", partnerActor);
        await referrals.RecordOutcomeAsync(toInstitute, null, "arbitration_mediated", "双方达成仲裁调解", partnerActor);

        log.Step = "Search by number, the printed agreement, notifications and their read state";
        var numbers = new PartyNumbers(new byte[PartyNumbers.MinKeyBytes]);
        await new PartyNumberBackfill(db, numbers).RunAsync();
        await queries.ListAsync(
            new CaseFilter
            {
                NoLevel = true,
                NotOverdue = true,
                Recovered = true,
                ReceivedFrom = clock.GetUtcNow().AddDays(-7),
                ReceivedBefore = clock.GetUtcNow().AddDays(1),
                ClosedFrom = clock.GetUtcNow().AddDays(-7),
                ClosedBefore = clock.GetUtcNow().AddDays(1),
                PartyNumberHash = numbers.Hash("13812345678"),
            },
            countyPath);
        await new CaseDocuments(db, audit).AgreementAsync(yellow, manager);
        var notices = new NotificationStore(db, audit, clock);
        var reader = new NoticeReader(mediator, tree.County);
        var firstNotice = (await notices.ListAsync(reader, null, unreadOnly: false, 0, 20)).Items[0].Id;
        await notices.ListAsync(reader, "red_alert", unreadOnly: true, 0, 20);
        await notices.UnreadCountAsync(reader);
        await notices.UnreadForBellAsync(reader);
        await notices.MarkReadAsync(reader, firstNotice, manager.Audit);
        await notices.MarkAllReadAsync(reader, manager.Audit);

        log.Step = "DeadlineSweeper: acceptance, reminders, level limits, arbitration right, payment due";
        var sweeper = new DeadlineSweeper(db, commands, clock);
        await commands.ActAsync(backDated, null, manager, (c, _, ctx) => c.Accept(mediator, ctx));
        var paying = (await commands.RegisterAsync(Dispute(clock, new EnterpriseRef(tree.WithGroup, null, null, null)), manager)).Case.Id;
        await commands.ActAsync(paying, null, manager, (c, _, ctx) => c.Accept(mediator, ctx));
        await commands.ActAsync(paying, null, manager, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(4200m, new DateOnly(2026, 11, 21), "一次性支付"), ctx));
        for (var day = 0; day < 40; day++)
        {
            clock.Advance(TimeSpan.FromDays(1));
            if (day == 5)
            {
                // A stop after a group's first row: the claims of the rows it had not reached are given back.
                using var stop = new CancellationTokenSource();
                var stopping = new DeadlineSweeper(db, commands, clock) { AfterGroupRow = _ => stop.Cancel() };
                var stopped = () => stopping.SweepAsync(DeadlineSweeper.RowsPerCommit, stop.Token);
                await stopped.Should().ThrowAsync<OperationCanceledException>();
            }

            await sweeper.SweepAsync(DeadlineSweeper.RowsPerCommit);
        }

        log.Step = "OpenCaseRegrader";
        await new OpenCaseRegrader(db, store, commands).RegradeAsync(pageSize: 2);

        log.Step = "MonthlyReportQuery";
        await new MonthlyReportQuery(db).BuildAsync(tree.County, 2026, 11);

        log.Step = "Evaluation: schemes, bonus items, scorecards and ranking, stars; the enterprise register";
        var year = Domain.Evaluation.ScorePeriod.YearOf(2026);
        var schemes = new CaseFlow.Data.Evaluation.SchemeStore(db, audit, clock);
        await schemes.SaveAsync(tree.County, Domain.Evaluation.ScoringScheme.Default with { EffectiveFrom = new DateOnly(2026, 1, 1) }, manager.Audit);
        await schemes.VersionsAsync(tree.County);
        await schemes.InEffectAsync(tree.County, new DateOnly(2026, 1, 1));
        var bonuses = new CaseFlow.Data.Evaluation.BonusItemStore(db, audit, clock);
        var bonus = await bonuses.DeclareAsync(new CaseFlow.Data.Evaluation.NewBonusItem(tree.TownA, 2026, "innovation", "线上调解", "说明", "附件 1"), townUser.Audit);
        await bonuses.ReviewAsync(bonus, tree.County, accept: true, null, manager.Audit);
        await bonuses.ListAsync(countyPath, 2026);
        var scorecards = new CaseFlow.Data.Evaluation.ScorecardQuery(db, orgs, clock);
        await scorecards.RankAsync(tree.County, countyPath, year);
        await scorecards.UnitAsync(tree.County, countyPath, tree.TownA, year);
        await scorecards.CasesOfAsync(townAPath, year);
        var stars = new CaseFlow.Data.Evaluation.StarRatingStore(db, scorecards, audit, clock);
        await stars.RateYearAsync(tree.County, countyPath, 2026, manager.Audit);
        await stars.HistoryAsync(tree.TownA);
        var register = new CaseFlow.Data.Enterprises.EnterpriseRegister(db, new Domain.Enterprises.EnterpriseRegisterOptions(), clock);
        await register.ListAsync(countyPath);
        await register.GetAsync(tree.WithGroup, countyPath);
        var healthChecks = new CaseFlow.Data.Enterprises.HealthCheckStore(db, audit, clock);
        await healthChecks.InScopeAsync(tree.WithGroup, countyPath);
        await healthChecks.RecordAsync(new CaseFlow.Data.Enterprises.NewHealthCheck(
            tree.WithGroup, new DateOnly(2026, 3, 1), tree.County, "张律师", [new Domain.Enterprises.HealthFinding("wage-payments", false, "台账不全")], null,
            [new CaseFlow.Data.Enterprises.NewFollowUp("补建工资台账", new DateOnly(2026, 3, 31), tree.Village)]), countyPath, manager.Audit);
        await healthChecks.ForEnterpriseAsync(tree.WithGroup, countyPath);
        var openFollowUps = await healthChecks.OpenFollowUpsAsync(countyPath, overdueOnly: true, new DateOnly(2026, 12, 1));
        await healthChecks.CompleteAsync(openFollowUps.Count > 0 ? openFollowUps[0].Id : 1, countyPath, "已补建", manager.Audit);

        log.Step = "ScreeningStore: a round, records, reports level by level, the lists, a case opened from a record";
        var screening = new CaseFlow.Data.Screening.ScreeningStore(db, audit, clock);
        var villageUnit = (await orgs.GetUnitAsync(tree.Village))!;
        var (_, round) = await screening.OpenRoundAsync(tree.County, "2026-11", manager.Audit);
        await screening.OpenRoundAsync(tree.County, "2026-11", manager.Audit);
        await screening.OpenRoundsForEveryCountyAsync("2026-11", AuditActor.System);
        var arrears = new Domain.Screening.ScreenedArrears(1.5m, 8, 36_000m);
        var screened = new CaseFlow.Data.Screening.RecordScreening(
            round, tree.WithGroup, Domain.Screening.WageStatus.InArrears, arrears, "工人反映",
            Domain.Screening.ScreeningGrade.Grade(grader, Domain.Screening.WageStatus.InArrears, arrears));
        var (_, screeningRecord) = await screening.RecordAsync(screened, tree.County, villageUnit, townUser.Audit);
        await screening.RecordAsync(screened with { Note = "复核" }, tree.County, villageUnit, townUser.Audit);
        await screening.ReportAsync(round, tree.County, villageUnit, null, townUser.Audit);
        await screening.ReportAsync(round, tree.County, villageUnit, "一家企业未摸排", townUser.Audit);
        await screening.ReportAsync(round, tree.County, (await orgs.GetUnitAsync(tree.TownA))!, null, townUser.Audit);
        await screening.RoundsAsync(tree.County);
        await screening.ProgressAsync(round, (await orgs.GetUnitAsync(tree.County))!, tree.County);
        await screening.ProgressAsync(round, villageUnit, tree.County);
        await screening.AtRiskWithoutCaseAsync(countyPath);
        await screening.GetRecordAsync(screeningRecord, countyPath);
        await db.InTransactionAsync(async (c, t) =>
        {
            var opened = await commands.RegisterAsync(c, t, Dispute(clock, new EnterpriseRef(tree.WithGroup, null, null, null)), manager);
            await screening.LinkCaseAsync(c, t, screeningRecord, opened.Case.Id, manager.Audit);
        });

        log.Step = "LedgerImporter: plan and import (CaseBatchCommands, CaseBulkWriter)";
        var importer = new LedgerImporter(db, batches, clock);

        // The 孝丰镇 rows with new employers recorded at a village there; then the rest at their towns; then all again.
        await ImportAsync(importer, manager, LedgerLines[..2], tree.Village);
        await ImportAsync(importer, manager, LedgerLines[2..], null);
        await ImportAsync(importer, manager, LedgerLines, null);
        await batches.ImportedKeysAsync(["none"]);

        log.Step = "CaseBulkWriter: cases built in memory with an agreement, a performance, a referral and its closing";
        var routing = new CaseRouting(await orgs.ChainAsync(tree.Village), await orgs.GetLadderAsync(tree.County) ?? MediationLadder.Anji);
        void Agree(DisputeCase c, ActionContext ctx)
        {
            c.Accept(mediator, ctx);
            c.ReachAgreement(new AgreementTerms(4200m, new DateOnly(2026, 12, 31), "分期支付"), ctx);
            c.ConfirmPerformance(4200m, ctx);
        }

        void ReferAndClose(DisputeCase c, ActionContext ctx)
        {
            for (var level = 1; level <= 3; level++)
            {
                c.Escalate(routing, ctx);
            }

            c.Refer(new Referral(ReferralBody.LabourInspection, null), ctx);
            c.CloseReferral("已立案查处", ctx);
        }

        var agreed = Built(clock, grader, routing, "AJ-2026-900001", tree.WithGroup, tree.Village, Agree);
        var referred = Built(clock, grader, routing, "AJ-2026-900002", tree.WithGroup, tree.Village, ReferAndClose);
        await db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var writer = new CaseBulkWriter(db, connection, transaction, clock);
            foreach (var c in new[] { agreed, referred })
            {
                await writer.InsertAsync(c, planner.Plan(c), AuditActor.System, importKey: null);
            }
        });

        log.Step = "CaseBulkWriter.InsertAllAsync: the seeder's batch write, with an agreement, a closed referral and a plain case";
        var batch = new[]
        {
            Built(clock, grader, routing, "AJ-2026-900003", tree.WithGroup, tree.Village, Agree),
            Built(clock, grader, routing, "AJ-2026-900004", tree.WithGroup, tree.Village, ReferAndClose),
            Built(clock, grader, routing, "AJ-2026-900005", tree.WithGroup, tree.Village, (_, _) => { }),
        };
        await db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var writer = new CaseBulkWriter(db, connection, transaction, clock);
            await writer.InsertAllAsync([.. batch.Select(c => new NewCaseInsert(c, planner.Plan(c), ImportKey: null))], AuditActor.System);
        });

        log.Step = "LedgerExporter: masked and revealed";
        var exporter = new LedgerExporter(db, queries, audit);
        await exporter.ExportAsync(new CaseFilter(), countyPath);
        await exporter.ExportAsync(new CaseFilter { OpenOnly = true }, countyPath, manager.Audit, "导出核对");

        log.Step = "Outbox: claim, deliver, retry, fail, stats";
        var outbox = new Outbox(db, clock);
        var claim = await outbox.ClaimDueAsync(3, TimeSpan.FromMinutes(2));
        var sent = claim.Messages.Select(m => m.Id).ToList();
        await outbox.DeliveredAsync(claim, sent[0]);
        await outbox.RetryAsync(claim, sent[1], "HTTP 500 Internal Server Error", clock.GetUtcNow().AddSeconds(30));
        await outbox.FailedAsync(claim, sent[2], "HTTP 404 Not Found");
        await outbox.StatsAsync(clock.GetUtcNow().AddHours(-24));

        log.Step = "CalendarStore, CalendarCache and DeadlineRecomputer: a year loaded, changed, listed; open deadlines recomputed";
        var calendars = new CalendarStore(db, clock);
        var cache = new CalendarCache(calendars);
        await cache.RefreshAsync();
        var days2027 = CalendarYearFile.Check("date,is_off_day,name\n2027-01-01,true,元旦\n", 2027).Days;
        await calendars.ImportAsync(2027, days2027, "tour-2027.csv", manager.Audit);
        await calendars.ImportAsync(2027, [.. days2027, new CalendarDay(new DateOnly(2027, 1, 2), false, "调休上班")], "tour-2027.csv", manager.Audit);
        await calendars.ListYearsAsync();
        await calendars.DaysAsync(2027);
        await cache.RefreshAsync();
        var recomputer = new DeadlineRecomputer(db, store, planner);
        await recomputer.RecomputeAsync(2026, 1, manager.Audit, batchSize: 2);
        await recomputer.MissingCalendarAsync();
        await new InboxDigest(db, clock).WriteCalendarWarningsAsync([2027]);
        cache.Dispose();

        log.Step = "Counters and AuditWriter";
        await db.InTransactionAsync(async (c, t) =>
        {
            await Counters.NextAsync(c, t, db.Dialect, "tour:counter");
            await audit.WriteAsync(c, t, manager.Audit, "tour.done", "case", yellow.ToString(System.Globalization.CultureInfo.InvariantCulture), new { steps = 1 });
        });

        log.Step = "CaseSummaryWriter: the dashboard summary rebuilt from the cases";
        await db.InTransactionAsync((c, t) => CaseSummaryWriter.For(db.Dialect).RebuildAsync(c, t));

        log.Step = "OperationsQueries: open cases, due deadlines, database size, outbox";
        var operations = new CaseFlow.Data.Operations.OperationsQueries(db);
        await operations.OpenCasesAsync();
        await operations.DueDeadlinesAsync(clock.GetUtcNow());
        await operations.DatabaseSizeBytesAsync();
        await operations.OutboxBacklogAsync();

        log.Step = "AuditArchiver: the rows older than the retention";
        clock.Advance(TimeSpan.FromDays(AuditRetention.MinimumDays + 20));
        var archiveFolder = Path.Combine(Path.GetTempPath(), "caseflow-tests", "tour-archive-" + Guid.NewGuid().ToString("N"));
        try
        {
            await new AuditArchiver(db, audit, clock).ArchiveAsync(AuditRetention.MinimumDays, archiveFolder, AuditActor.System);
        }
        finally
        {
            if (Directory.Exists(archiveFolder))
            {
                Directory.Delete(archiveFolder, recursive: true);
            }
        }
    }

    private static async Task ImportAsync(LedgerImporter importer, CaseActor actor, string[] lines, long? unitForNewEnterprises)
    {
        var sheet = new LedgerSheet(LedgerHeaders, [.. lines.Select((line, i) => new LedgerRow(i + 2, line.Split(',')))]);
        var plan = await importer.PlanAsync(sheet, new LedgerImportOptions { Actor = actor, UnitForNewEnterprises = unitForNewEnterprises });
        if (!plan.IsValid)
        {
            throw new InvalidOperationException("The tour's ledger has problems: " + string.Join("; ", plan.Problems));
        }

        await importer.ImportAsync(plan, actor, batchSize: 2);
    }

    private static DisputeCase Built(
        FakeTimeProvider clock, RiskGrader grader, CaseRouting routing, string number, long enterprise, long location, Action<DisputeCase, ActionContext> act)
    {
        var c = DisputeCase.Register(new NewCase
        {
            Number = number,
            Channel = Channel.Hotline,
            ClaimTypes = [ClaimType.WageArrears],
            ReceivedAt = clock.GetUtcNow(),
            EnterpriseId = enterprise,
            LocationUnitId = location,
            Workers = [new CaseWorker("王五", "330523199001011238", "13812345678", 4200m, 0.5m)],
        });
        var ctx = new ActionContext(clock.GetUtcNow(), null);
        c.Grade(grader.Grade(c.Facts()), routing, ctx);
        act(c, ctx);
        return c;
    }

    private static CaseRegistration Dispute(
        FakeTimeProvider clock, EnterpriseRef enterprise, decimal months = 0.5m, RiskSignals signals = RiskSignals.None, DateTimeOffset? receivedAt = null) => new()
        {
            Channel = Channel.WalkIn,
            ReceivedAt = receivedAt ?? clock.GetUtcNow(),
            Enterprise = enterprise,
            Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", 4200.50m, months), new CaseWorker("李四", "", "", 1800m, months)],
            ClaimTypes = [ClaimType.WageArrears, ClaimType.Overtime],
            Description = "拖欠工资",
            Signals = signals,
        };
}
