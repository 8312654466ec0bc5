using CaseFlow.Cli.Files;
using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Ledgers;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class ExportCommandTests : IDisposable
{
    private const string Password = "a long enough password";
    private readonly CliDatabase _db = new CliDatabase().WithCounty();
    private readonly List<CliDatabase> _others = [];
    private readonly LedgerSheet _sample = TableFiles.ReadLedger(Repository.Sample("ledger.csv"));

    public ExportCommandTests()
    {
        _db.Run("import", Repository.Sample("ledger.csv")).ExitCode.Should().Be(0);
        _db.RunWithInput(Password, "users", "add", "--username", "mediator", "--role", "mediator", "--unit", "1", "--password-stdin").ExitCode.Should().Be(0);
        _db.RunWithInput(Password, "users", "add", "--username", "admin", "--role", "admin", "--unit", "1", "--password-stdin").ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("cases.csv")]
    [InlineData("cases.xlsx")]
    public void Export_WithoutReveal_WritesTheLedgerColumnsWithNumbersMasked_AndAuditsNothing(string name)
    {
        var path = _db.Path(name);

        var run = _db.Run("export", "--out", path);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("exported 8 cases (20 worker rows)").And.Contain("masked");
        if (name.EndsWith(".xlsx", StringComparison.Ordinal))
        {
            Workbook.SchemaErrors(path).Should().BeEmpty();
        }

        var sheet = TableFiles.ReadLedger(path);
        sheet.Headers.Should().Equal(LedgerColumns.Export);
        sheet.Rows.Should().HaveCount(20);
        var ids = Column(sheet, LedgerColumns.IdNumber);
        ids.Should().OnlyContain(id => id.Length == 18 && id.Substring(6, 8) == "********");
        ids.Should().NotIntersectWith(Column(_sample, LedgerColumns.IdNumber));
        Column(sheet, LedgerColumns.Phone).Should().OnlyContain(p => p.Substring(3, 4) == "****");
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.reveal'").Should().Be(0);
    }

    [Fact]
    public void Export_Reveal_AsAMediator_WritesClearNumbers_AndAuditsEveryCaseInTheirName()
    {
        var path = _db.Path("revealed.csv");

        var run = _db.Run("export", "--format", "csv", "--out", path, "--user", "mediator", "--reveal");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("revealed to mediator, 8 reveals audited");
        Column(TableFiles.ReadLedger(path), LedgerColumns.IdNumber).Should().BeEquivalentTo(Column(_sample, LedgerColumns.IdNumber));
        _db.Scalar("""
            SELECT COUNT(DISTINCT a.entity_id) FROM audit_log AS a JOIN users AS u ON u.id = a.user_id
            WHERE a.action = 'case.reveal' AND a.entity = 'case' AND u.username = 'mediator' AND a.detail LIKE '%export to revealed.csv%'
            """).Should().Be(8);
    }

    [Theory]
    [InlineData(null, "--reveal needs --user")]
    [InlineData("admin", "cannot work on cases")]
    public void Export_Reveal_WithoutAUserWhoMaySeeNumbers_IsRefused_AndWritesNoFile(string? user, string reason)
    {
        var path = _db.Path("refused.csv");
        string[] args = user is null ? ["export", "--out", path, "--reveal"] : ["export", "--out", path, "--reveal", "--user", user];

        _db.Run(args).ShouldFailWithOneLine(reason);
        File.Exists(path).Should().BeFalse();
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.reveal'").Should().Be(0);
    }

    [Fact]
    public void Export_WithFilters_HasOnlyTheMatchingCases()
    {
        var red = _db.Path("red.csv");
        var named = _db.Path("named.csv");

        _db.Run("export", "--out", red, "--color", "red").ExitCode.Should().Be(0);
        _db.Run("export", "--out", named, "--text", "绿源").ExitCode.Should().Be(0);

        var redCases = Column(TableFiles.ReadLedger(red), LedgerColumns.CaseNumber).Distinct().ToList();
        redCases.Should().BeEquivalentTo(_db.Query<string>("SELECT number FROM cases WHERE risk_color = 3"));
        redCases.Should().NotBeEmpty().And.HaveCountLessThan(8);
        Column(TableFiles.ReadLedger(named), LedgerColumns.EnterpriseName).Should().OnlyContain(n => n == "安吉县绿源椅业有限公司").And.HaveCount(4);
    }

    [Theory]
    [InlineData("round-trip.csv")]
    [InlineData("round-trip.xlsx")]
    public void Export_ThenImportIntoAFreshDatabase_GivesTheSameCases(string name)
    {
        var path = _db.Path(name);
        _db.Run("export", "--out", path, "--user", "mediator", "--reveal").ExitCode.Should().Be(0);
        var fresh = new CliDatabase().WithCounty();
        _others.Add(fresh);

        var run = fresh.Run("import", path);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("imported 8 cases (20 workers");
        const string cases = """
            SELECT c.first_received_at, e.name, e.credit_code, c.claim_types, c.risk_color, c.level, c.state, c.amount_owed,
                   c.workers_involved, c.import_key, u.name AS town
            FROM cases AS c JOIN enterprises AS e ON e.id = c.enterprise_id JOIN org_units AS u ON u.id = e.unit_id
            ORDER BY c.import_key
            """;
        const string workers = """
            SELECT c.import_key, p.name, p.id_number, p.phone, p.amount_owed, p.months_owed
            FROM case_parties AS p JOIN cases AS c ON c.id = p.case_id ORDER BY c.import_key, p.id_number
            """;
        fresh.Query<dynamic>(cases).Select(r => (string)r.ToString()).Should().Equal(_db.Query<dynamic>(cases).Select(r => (string)r.ToString()));
        fresh.Query<dynamic>(workers).Select(r => (string)r.ToString()).Should().Equal(_db.Query<dynamic>(workers).Select(r => (string)r.ToString()));
    }

    [Fact]
    public void Export_ToAFileOfUnknownKind_WithoutFormat_FailsInOneLine()
    {
        _db.Run("export", "--out", _db.Path("cases.txt")).ShouldFailWithOneLine("give --format xlsx or --format csv");
    }

    public void Dispose()
    {
        _db.Dispose();
        foreach (var other in _others)
        {
            other.Dispose();
        }
    }

    private static List<string> Column(LedgerSheet sheet, string column)
    {
        var index = sheet.Headers.ToList().IndexOf(column);
        return [.. sheet.Rows.Select(r => r.Cells[index])];
    }
}
