using System.Globalization;
using CaseFlow.Cli.Commands;
using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Synthetic;

namespace CaseFlow.Cli.Tests.Commands;

/// <summary>
/// The monthly report of October 2026 over a handful of cases whose figures are worked out by hand below. Employer A
/// sits in 孝丰镇, employer B in 递铺街道 (county 安吉县, unit 1):
/// C6 yellow A, received 09-10, withdrawn 09-20: closed before October, in no figure.
/// C7 yellow A, received 09-15 09:00, agreement 09-20, 4,000 paid 10-02 09:00: resolved at level 1 after 17 days.
/// C3 red A, received 09-25, accepted 10-10, level 3 limit ran out 10-14, referred 10-15: referred, overdue.
/// C1 yellow A, received 10-05 10:00, agreement 10-08, 3,000 paid 10-10 10:00: new, resolved at level 1 after 5 days.
/// C2 orange B, received 10-20 (12,000, one worker): new at level 2, open at month end.
/// C4 yellow B, received 10-31 23:30 China time (two workers, 1,000 each), registered 11-02: new at level 1, open.
/// C5 yellow B, received 11-01 00:10 China time: November's, not October's.
/// </summary>
public sealed class ReportCommandsTests : IDisposable
{
    private readonly CliDatabase _db = new CliDatabase().WithCounty();
    private readonly SyntheticPeople _people = new(CountyModel.Anji, seed: 9);

    [Fact]
    public async Task Monthly_OfOctober_CountsTheHandComputedFigures_OneSheetPerTable()
    {
        await BuildCasesAsync();
        var path = _db.Path("2026-10.xlsx");

        var run = _db.Run("report", "monthly", "--month", "2026-10", "--unit", "1", "--out", path);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("安吉县 2026-10: 3 new, 2 resolved, 1 referred, 2 open at month end");
        Workbook.SchemaErrors(path).Should().BeEmpty();
        var book = Workbook.Read(path);
        book.Keys.Should().Equal(ReportCommands.SummarySheet, ReportCommands.ColorSheet, ReportCommands.LevelSheet, ReportCommands.UnitSheet);

        var summary = book[ReportCommands.SummarySheet].ToDictionary(r => r[0], r => r[1]);
        summary["统计月份"].Should().Be("2026年10月");
        summary["统计单位"].Should().Be("安吉县（1）");
        summary["新增案件（件）"].Should().Be("3");
        summary["化解案件（件）"].Should().Be("2");
        summary["移送案件（件）"].Should().Be("1");
        summary["月末在办案件（件）"].Should().Be("2");
        Number(summary["新增案件欠薪金额（元）"]).Should().Be(17_000m);
        Number(summary["追回金额（元）"]).Should().Be(7_000m);
        summary["新增案件涉及劳动者（人）"].Should().Be("4");
        Number(summary["平均化解天数（天）"]).Should().Be(11.0m);
        summary["本月超期案件（件）"].Should().Be("1");

        book[ReportCommands.ColorSheet].Should().BeEquivalentTo(
            new List<List<string>>
            {
                new() { "预警颜色", "新增", "化解", "移送", "月末在办" },
                new() { "红色", "0", "0", "1", "0" },
                new() { "橙色", "1", "0", "0", "1" },
                new() { "黄色", "2", "2", "0", "1" },
                new() { "合计", "3", "2", "1", "2" },
            },
            o => o.WithStrictOrdering());

        book[ReportCommands.LevelSheet].Should().BeEquivalentTo(
            new List<List<string>>
            {
                new() { "调解级别", "新增", "化解", "移送", "月末在办", "化解占比" },
                new() { "第一级（企业调解）", "2", "2", "0", "1", "1" },
                new() { "第二级（村级调解）", "1", "0", "0", "1", "0" },
                new() { "第三级（镇级调解）", "0", "0", "1", "0", "0" },
            },
            o => o.WithStrictOrdering());

        var units = book[ReportCommands.UnitSheet].ToDictionary(r => r[0], r => string.Join(",", r.Skip(1)));
        units["孝丰镇"].Should().Be("1,2,1,0,1");
        units["递铺街道"].Should().Be("2,0,0,2,0");
        units["合计"].Should().Be("3,2,1,2,1");
        units.Where(u => u.Key is not ("孝丰镇" or "递铺街道" or "合计" or "单位")).Should().OnlyContain(u => u.Value == "0,0,0,0,0");
    }

    [Fact]
    public async Task Monthly_OfNovember_CountsTheCaseReceivedTenMinutesIntoIt()
    {
        await BuildCasesAsync();
        var path = _db.Path("2026-11.xlsx");

        var run = _db.Run("report", "monthly", "--month", "2026-11", "--unit", "1", "--out", path);

        run.ExitCode.Should().Be(0, run.Error);
        var summary = Workbook.Read(path)[ReportCommands.SummarySheet].ToDictionary(r => r[0], r => r[1]);
        summary["新增案件（件）"].Should().Be("1");
        summary["月末在办案件（件）"].Should().Be("3", "C2, C4 and C5 are still waiting at the end of November");
        summary["平均化解天数（天）"].Should().Be("—");
    }

    [Theory]
    [InlineData("2026-13", "1", "r.xlsx", "'2026-13' is not a month")]
    [InlineData("2026-10", "999", "r.xlsx", "There is no unit 999")]
    [InlineData("2026-10", "1", "r.csv", "the report is an .xlsx workbook")]
    public void Monthly_WithABadArgument_FailsInOneLine(string month, string unit, string file, string reason)
    {
        _db.Run("report", "monthly", "--month", month, "--unit", unit, "--out", _db.Path(file)).ShouldFailWithOneLine(reason);
    }

    [Fact]
    public void Monthly_ForAUnitOutsideTheUsersJurisdiction_IsRefused()
    {
        var town = _db.Scalar("SELECT id FROM org_units WHERE name = '孝丰镇'").ToString(CultureInfo.InvariantCulture);
        _db.RunWithInput("a long enough password", "users", "add", "--username", "xiaofeng", "--role", "township", "--unit", town, "--password-stdin")
            .ExitCode.Should().Be(0);

        _db.Run("report", "monthly", "--month", "2026-10", "--unit", "1", "--out", _db.Path("r.xlsx"), "--user", "xiaofeng")
            .ShouldFailWithOneLine("outside xiaofeng's jurisdiction");
    }

    public void Dispose() => _db.Dispose();

    private static DateTimeOffset China(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, ChinaTime.Offset);

    private static decimal Number(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>Registers and moves the cases of the class summary, each step at its own time on the clock.</summary>
    private async Task BuildCasesAsync()
    {
        var services = _db.Services();
        var commands = new CaseCommands(services.Database, services.Store, services.Orgs, services.Grader, services.Planner, services.Time);
        var mediator = new CaseActor(1, "seed-mediator-aj", "/1/");
        var employerA = EnterpriseIn("孝丰镇");
        var employerB = EnterpriseIn("递铺街道");

        // AdjustTime, not SetUtcNow: the story starts in September, before the fixture's "now", and FakeTimeProvider
        // only moves forward with SetUtcNow.
        async Task<long> Register(DateTimeOffset receivedAt, DateTimeOffset registeredAt, long enterprise, params (decimal Amount, decimal Months)[] owed)
        {
            _db.Clock.AdjustTime(registeredAt);
            var result = await commands.RegisterAsync(
                new CaseRegistration
                {
                    Channel = Channel.WalkIn,
                    ReceivedAt = receivedAt,
                    Enterprise = new EnterpriseRef(enterprise, null, null, null),
                    Workers = [.. owed.Select(o => Worker(o.Amount, o.Months))],
                },
                mediator);
            return result.Case.Id;
        }

        async Task Act(long id, DateTimeOffset at, Action<DisputeCase, CaseRouting, ActionContext> act, CaseActor? actor = null)
        {
            _db.Clock.AdjustTime(at);
            await commands.ActAsync(id, null, actor ?? mediator, act);
        }

        var c6 = await Register(China(9, 10, 10), China(9, 10, 10), employerA, (3_000m, 0.5m));
        await Act(c6, China(9, 20, 10), (c, _, ctx) => c.Withdraw(ctx));

        var c7 = await Register(China(9, 15, 9), China(9, 15, 9), employerA, (5_000m, 0.5m));
        await Act(c7, China(9, 16, 9), (c, _, ctx) => c.Accept(1, ctx));
        await Act(c7, China(9, 20, 9), (c, _, ctx) => c.ReachAgreement(new AgreementTerms(5_000m, new DateOnly(2026, 10, 5), "银行转账"), ctx));

        var c3 = await Register(China(9, 25, 10), China(9, 25, 10), employerA, (20_000m, 3m), (20_000m, 3m));

        await Act(c7, China(10, 2, 9), (c, _, ctx) => c.ConfirmPerformance(4_000m, ctx));

        var c1 = await Register(China(10, 5, 10), China(10, 5, 10), employerA, (3_000m, 0.5m));
        await Act(c1, China(10, 6, 10), (c, _, ctx) => c.Accept(1, ctx));
        await Act(c1, China(10, 8, 10), (c, _, ctx) => c.ReachAgreement(new AgreementTerms(3_000m, new DateOnly(2026, 10, 10), "现金"), ctx));
        await Act(c1, China(10, 10, 10), (c, _, ctx) => c.ConfirmPerformance(3_000m, ctx));

        await Act(c3, China(10, 10, 11), (c, _, ctx) => c.Accept(1, ctx));
        await Act(c3, China(10, 14, 0), (c, routing, ctx) => c.DeadlineElapsed(routing, ctx), CaseActor.System);
        await Act(c3, China(10, 15, 10), (c, _, ctx) => c.Refer(new Referral(ReferralBody.Arbitration, "安劳仲案〔2026〕101号"), ctx));

        await Register(China(10, 20, 14), China(10, 20, 14), employerB, (12_000m, 1.5m));
        await Register(China(10, 31, 23, 30), China(11, 2, 10), employerB, (1_000m, 0.5m), (1_000m, 0.5m));
        await Register(China(11, 1, 0, 10), China(11, 2, 10), employerB, (2_500m, 0.5m));
    }

    private long EnterpriseIn(string town) => _db.Scalar("""
        SELECT MIN(e.id) FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
        WHERE e.mediation_unit_id IS NULL AND u.path LIKE (SELECT path FROM org_units WHERE name = @Town) || '%'
        """, new { Town = town });

    private CaseWorker Worker(decimal amount, decimal months)
    {
        var person = _people.Next(new DateOnly(2026, 9, 1));
        return new CaseWorker(person.Name, person.IdNumber, person.Phone, amount, months);
    }
}
