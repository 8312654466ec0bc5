using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class LedgerHistoryTests : IDisposable
{
    private static readonly string LedgerCsv = Repository.Sample("ledger.csv");
    private readonly CliDatabase _db = new CliDatabase().WithCounty();

    [Fact]
    public void ImportingTheSampleLedgerTwice_KeepsItsFinishedRowsAsClosedHistory_WithNoClockAndNoAlert()
    {
        var first = _db.Run("import", LedgerCsv);
        var again = _db.Run("import", LedgerCsv);

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("1 finished, as closed history").And.Contain("7 open");
        again.Output.Should().Contain("imported 0 cases");
        var closed = _db.Query<(long Id, string State, string? ClosedAt, long Recovered, long Owed)>(
            "SELECT id, state, closed_at, amount_recovered, amount_owed FROM cases WHERE description LIKE '%已履行%'").Should().ContainSingle().Subject;
        closed.State.Should().Be("Closed");
        closed.ClosedAt.Should().NotBeNull();
        closed.Recovered.Should().Be(closed.Owed, "已履行 says the wages were paid");
        _db.Scalar("SELECT COUNT(*) FROM case_deadlines WHERE case_id = @Id", new { closed.Id }).Should().Be(0, "closed history has no clocks");
        _db.Scalar("SELECT COUNT(*) FROM notifications WHERE case_id = @Id", new { closed.Id }).Should().Be(0, "and sends no alerts");
        _db.Scalar("SELECT COUNT(*) FROM case_events WHERE case_id = @Id", new { closed.Id }).Should().Be(1);
    }

    [Fact]
    public void AnOpenRow_StartsItsLevelClockAtImport_WhileTheStatutoryRightRunsFromItsReceipt()
    {
        _db.Run("import", LedgerCsv).ExitCode.Should().Be(0);

        var open = _db.Query<(string FirstReceivedAt, string ReceivedAt)>(
            "SELECT first_received_at, received_at FROM cases WHERE description LIKE '%第一级调解中%'").First();
        open.FirstReceivedAt.Should().StartWith("2026-10");
        open.ReceivedAt.Should().Be("2026-11-21T02:00:00.000Z", "the level clock starts at import");
        _db.Scalar("""
            SELECT COUNT(*) FROM case_deadlines AS d JOIN cases AS c ON c.id = d.case_id
            WHERE d.kind = 'level_limit' AND d.due_at <= '2026-11-21T02:00:00.000Z'
            """).Should().Be(0, "no open row arrives overdue");
    }

    [Fact]
    public async Task Import_WithTheHostsSettingsFile_GradesWithItsThresholds_AsTheHostDoes()
    {
        // A province that counts 1.5 months as red (the default is over 2).
        var settings = _db.Path("appsettings.json");
        File.WriteAllText(settings, """{ "Grading": { "RedMonthsOver": 1.4, "OrangeMonthsFrom": 0.5 } }""");
        var hostOptions = new GradingOptions();
        new ConfigurationBuilder().AddJsonFile(settings).Build().GetSection(GradingOptions.SectionName).Bind(hostOptions);
        var hostGrader = new RiskGrader(hostOptions);

        var run = _db.Run("import", LedgerCsv, "--settings", settings);

        run.ExitCode.Should().Be(0, run.Error);
        var services = _db.Services();
        foreach (var id in _db.Query<long>("SELECT id FROM cases"))
        {
            await using var connection = await services.Database.OpenAsync();
            var c = (await services.Store.LoadAsync(connection, null, id, CaseActor.System.ScopePath))!;
            c.RiskColor.Should().Be(hostGrader.Grade(c.Facts()).Color, $"case {c.Number} is graded with the host's thresholds");
        }

        // The 1.5-month case is red under these settings and orange under the defaults.
        _db.Scalar("SELECT risk_color FROM cases WHERE import_key = 'ledger:20260908:91330523G58BRK2A69'").Should().Be(3);
        new RiskGrader(new GradingOptions()).Grade(new DisputeFacts([new WorkerArrears(6750m, 1.5m)], 3, default)).Color
            .Should().NotBe(CaseFlow.Domain.Cases.RiskColor.Red);
    }

    [Fact]
    public void Import_WithASettingsFileThatDoesNotValidate_FailsClearly()
    {
        var settings = _db.Path("bad.json");
        File.WriteAllText(settings, """{ "Grading": { "RedMonthsOver": -1 } }""");

        var run = _db.Run("import", LedgerCsv, "--settings", settings);

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("Grading");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(0);
    }

    [Fact]
    public void ALedgerWithDocumentTypes_ExportsAndImportsAgain_WithEveryTypeNumberAndCountry()
    {
        var ledger = _db.Path("types.csv");
        File.WriteAllText(ledger, """
            登记日期,企业名称,统一社会信用代码,劳动者姓名,身份证号,联系电话,欠薪金额,欠薪月数,涉及人数,争议类型,所属乡镇,处理情况,证件类型,国籍
            2026-11-02,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,阿里,932682198501010017,18955913617,3000,0.5,4,欠薪,孝丰镇,待受理,外国人永久居留身份证,
            2026-11-02,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,阮文雄,C01234567,18955913618,3000,0.5,4,欠薪,孝丰镇,待受理,护照,VNM
            2026-11-02,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,陈志明,810000199408230021,18955913619,3000,0.5,4,欠薪,孝丰镇,待受理,港澳居民居住证,
            2026-11-02,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,王大山,,18955913610,3000,0.5,4,欠薪,孝丰镇,待受理,证件待补录,
            2026-11-03,安吉县绿源椅业有限公司,91330523FJPBRQN250,刘丽娟,34262519970610345X,13896574507,2000,0.5,1,欠薪,递铺街道,待受理,,
            """);
        var imported = _db.Run("import", ledger);
        imported.ExitCode.Should().Be(0, imported.Error);
        _db.RunWithInput("a long enough password", "users", "add", "--username", "mediator", "--role", "mediator", "--unit", "1", "--password-stdin").ExitCode.Should().Be(0);
        var exported = _db.Path("exported.csv");
        _db.Run("export", "--format", "csv", "--out", exported, "--user", "mediator", "--reveal").ExitCode.Should().Be(0);

        using var other = new CliDatabase().WithCounty();
        var again = other.Run("import", exported);

        again.ExitCode.Should().Be(0, again.Error);
        const string parties = "SELECT name || '|' || COALESCE(id_type, '') || '|' || COALESCE(id_number, '') || '|' || COALESCE(id_country, '') FROM case_parties ORDER BY name";
        other.Query<string>(parties).Should().Equal(_db.Query<string>(parties)).And.Contain(
            "阮文雄|passport|C01234567|VNM", "阿里|foreign_permanent_resident|932682198501010017|", "王大山|none||", "刘丽娟|resident_id|34262519970610345X|");
    }

    [Fact]
    public void ALedgerRow_WithAPermanentResidenceCardNumberAsAResidentId_IsRefusedWithTheReason()
    {
        var ledger = _db.Path("wrong-type.csv");
        File.WriteAllText(ledger, """
            登记日期,企业名称,统一社会信用代码,劳动者姓名,身份证号,联系电话,欠薪金额,欠薪月数,涉及人数,争议类型,所属乡镇,处理情况
            2026-11-02,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,阿里,932682198501010017,18955913617,3000,0.5,1,欠薪,孝丰镇,待受理
            """);

        var run = _db.Run("import", ledger);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("row 2, 身份证号").And.Contain("does not start with a province code").And.Contain("foreign permanent residence card");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(0);
    }

    public void Dispose() => _db.Dispose();
}
