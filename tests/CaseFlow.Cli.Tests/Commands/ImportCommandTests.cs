using System.Globalization;
using CaseFlow.Cli.Files;
using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Ledgers;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class ImportCommandTests : IDisposable
{
    private static readonly string LedgerCsv = Repository.Sample("ledger.csv");
    private readonly CliDatabase _db = new CliDatabase().WithCounty();

    [Fact]
    public void Import_TheSampleLedger_RegistersOneCasePerDateAndEmployer_GradedAndRoutedFromItsReceipt()
    {
        var run = _db.Run("import", LedgerCsv);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("imported 8 cases (20 workers");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(8);
        _db.Scalar("SELECT COUNT(*) FROM case_parties").Should().Be(20);
        _db.Scalar("SELECT COUNT(DISTINCT import_key) FROM cases").Should().Be(8);

        var chairs = _db.Query<(string FirstReceivedAt, long RiskColor, long Level, long WorkersInvolved, string State)>("""
            SELECT c.first_received_at, c.risk_color, c.level, c.workers_involved, c.state
            FROM cases AS c JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE e.credit_code = '91330523FJPBRQN250'
            """).Single();
        chairs.FirstReceivedAt.Should().Be("2026-09-14T16:00:00.000Z", "登记日期 2026-09-15 starts at midnight China time");
        chairs.RiskColor.Should().Be(3, "2.5 months of arrears is red");
        chairs.Level.Should().Be(3);
        chairs.WorkersInvolved.Should().Be(12, "涉及人数 counts workers the ledger does not list");
        chairs.State.Should().Be("Level3AwaitingAcceptance");
        _db.Query<string>("SELECT import_key FROM cases WHERE first_received_at = '2026-09-14T16:00:00.000Z'")
            .Should().Equal("ledger:20260915:91330523FJPBRQN250");

        // New employers are recorded under the town the ledger names.
        _db.Scalar("""
            SELECT COUNT(*) FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
            WHERE e.credit_code = '91330523G58BRK2A69' AND u.kind = 'town' AND u.name = '孝丰镇'
            """).Should().Be(1);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.grade' AND username = 'cli:operator'").Should().Be(8);
    }

    [Fact]
    public void Import_TheSameLedgerAgain_AddsNothing()
    {
        _db.Run("import", LedgerCsv).ExitCode.Should().Be(0);

        var again = _db.Run("import", LedgerCsv);

        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("imported 0 cases").And.Contain("8 cases were imported before and are skipped");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(8);
        _db.Scalar("SELECT COUNT(*) FROM enterprises WHERE credit_code = '91330523G58BRK2A69'").Should().Be(1);
    }

    [Fact]
    public void Import_DryRun_ChecksEveryRowButWritesNothing()
    {
        var run = _db.Run("import", LedgerCsv, "--dry-run");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("20 rows are good: 8 cases (20 workers) would be imported").And.Contain("nothing was written");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(0);
    }

    [Fact]
    public void Import_ABadLedger_ReportsEveryBadRowByNumber_AndWritesNothing()
    {
        var enterprises = _db.Scalar("SELECT COUNT(*) FROM enterprises");

        var run = _db.Run("import", Repository.Sample("bad-ledger.csv"));

        run.ExitCode.Should().NotBe(0);
        var lines = run.Error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        string[] expected =
        [
            "row 3, 身份证号", "row 4, 统一社会信用代码", "row 5, 联系电话", "row 6, 欠薪金额", "row 7, 欠薪金额", "row 8, 争议类型",
            "row 9, 所属乡镇", "row 10, 登记日期", "row 11, 登记日期", "row 12, 涉及人数", "row 13, 登记日期",
        ];
        foreach (var problem in expected)
        {
            lines.Should().ContainSingle(l => l.Contains(problem), $"the report names {problem}");
        }

        lines.Should().NotContain(l => l.Contains(": row 2,") || l.Contains(": row 2:"), "row 2 is good");
        lines[^1].Should().EndWith("11 of 12 rows cannot be imported (11 problems); nothing was imported.");
        lines.Should().Contain(l => l.Contains("row 10") && l.Contains("2030-01-15 is in the future"));
        lines.Should().Contain(l => l.Contains("row 12") && l.Contains("'7' differs from row 2 of the same case"));
        run.Error.Should().NotContain("330523197304225497", "ID numbers stay masked, even in error messages");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(0);
        _db.Scalar("SELECT COUNT(*) FROM enterprises").Should().Be(enterprises);
    }

    [Fact]
    public void Import_TheXlsxSample_HoldsTheCsvSamplesCases_AndImportsThem()
    {
        var today = new DateOnly(2026, 11, 21);
        var fromCsv = LedgerParser.Parse(TableFiles.ReadLedger(LedgerCsv), today);
        var fromXlsx = LedgerParser.Parse(TableFiles.ReadLedger(Repository.Sample("ledger.xlsx")), today);

        fromCsv.Problems.Should().BeEmpty();
        fromXlsx.Problems.Should().BeEmpty();
        fromXlsx.Cases.Should().BeEquivalentTo(fromCsv.Cases, o => o.WithStrictOrdering());

        var run = _db.Run("import", Repository.Sample("ledger.xlsx"));
        run.ExitCode.Should().Be(0, run.Error);
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(8);
    }

    [Fact]
    public void Import_ALedgerFromMoreThanAYearAgo_IsRefusedWithTheReason()
    {
        _db.Clock.Advance(TimeSpan.FromDays(366));

        var run = _db.Run("import", LedgerCsv);

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("row 2, 登记日期: 2026-09-08 is more than a year ago: registration takes nothing received before 2026-11-22");
        _db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(0);
    }

    [Fact]
    public void Import_WithUnit_RecordsNewEmployersThere_AndRefusesAUnitOutsideTheRowsTown()
    {
        var village = _db.Scalar("SELECT v.id FROM org_units AS v JOIN org_units AS t ON t.id = v.parent_id WHERE t.name = '孝丰镇' ORDER BY v.id LIMIT 1");
        var inTown = ALedger.Empty().Row().WriteTo(_db.Path("xiaofeng.csv"));
        var elsewhere = ALedger.Empty().Row(town: "递铺街道").WriteTo(_db.Path("dipu.csv"));

        var refused = _db.Run("import", elsewhere, "--unit", Id(village));
        var run = _db.Run("import", inTown, "--unit", Id(village));

        refused.ExitCode.Should().NotBe(0);
        refused.Error.Should().Contain("row 2, 所属乡镇: a new employer would be recorded at unit").And.Contain("which is not in 递铺街道");
        run.ExitCode.Should().Be(0, run.Error);
        _db.Scalar("SELECT unit_id FROM enterprises WHERE credit_code = '91330523MA2JH5XK19'").Should().Be(village);
        _db.Scalar("SELECT location_unit_id FROM cases").Should().Be(village);
    }

    [Fact]
    public void Import_AsATownshipUser_RefusesAnEmployerOfAnotherTown_AndRegistersInTheirName()
    {
        var town = _db.Scalar("SELECT id FROM org_units WHERE name = '孝丰镇'");
        _db.RunWithInput("a long enough password", "users", "add", "--username", "xiaofeng", "--role", "township", "--unit", Id(town), "--password-stdin")
            .ExitCode.Should().Be(0);
        var (name, code) = _db.Query<(string, string)>("""
            SELECT e.name, e.credit_code FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
            WHERE u.path NOT LIKE (SELECT path FROM org_units WHERE id = @Town) || '%' ORDER BY e.id LIMIT 1
            """, new { Town = town }).Single();
        var foreign = ALedger.Empty().Row(enterprise: name, creditCode: code).WriteTo(_db.Path("foreign.csv"));
        var own = ALedger.Empty().Row().WriteTo(_db.Path("own.csv"));

        var refused = _db.Run("import", foreign, "--user", "xiaofeng");
        var run = _db.Run("import", own, "--user", "xiaofeng");

        refused.ExitCode.Should().NotBe(0);
        refused.Error.Should().Contain($"row 2, 统一社会信用代码: {code} ({name}) is an employer outside the importer's jurisdiction");
        run.ExitCode.Should().Be(0, run.Error);
        _db.Scalar("SELECT COUNT(*) FROM case_events AS e JOIN users AS u ON u.id = e.by_user_id WHERE u.username = 'xiaofeng'").Should().Be(1);
    }

    [Fact]
    public void Import_AsAUserWhoCannotWorkOnCases_IsRefused()
    {
        _db.RunWithInput("a long enough password", "users", "add", "--username", "auditor", "--role", "auditor", "--unit", "1", "--password-stdin")
            .ExitCode.Should().Be(0);

        _db.Run("import", LedgerCsv, "--user", "auditor").ShouldFailWithOneLine("cannot work on cases");
    }

    [Theory]
    [InlineData("missing.csv", "There is no file")]
    [InlineData("ledger.txt", "a ledger is a .csv or .xlsx file")]
    public void Import_OfAFileItCannotRead_FailsInOneLine(string name, string reason)
    {
        var path = _db.Path(name);
        if (name.EndsWith(".txt", StringComparison.Ordinal))
        {
            File.WriteAllText(path, "登记日期");
        }

        _db.Run("import", path).ShouldFailWithOneLine(reason);
    }

    [Fact]
    public void Import_OfALedgerWithoutItsColumns_NamesTheMissingOnes()
    {
        var path = _db.Path("wrong.csv");
        File.WriteAllText(path, "登记日期,企业名称\r\n2026-11-02,某公司\r\n");

        var run = _db.Run("import", path);

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("row 1: the header lacks 统一社会信用代码, 劳动者姓名");
    }

    public void Dispose() => _db.Dispose();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
