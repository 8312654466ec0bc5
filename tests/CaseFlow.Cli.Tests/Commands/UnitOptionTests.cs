using System.Globalization;
using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Cli.Tests.Commands;

/// <summary><c>--unit</c> takes a unit's id, its code or its exact name, on every command that has it.</summary>
public sealed class UnitOptionTests : IDisposable
{
    private const string Password = "a long enough password";
    private readonly CliDatabase _db = new CliDatabase().WithCounty();

    private long County => _db.Scalar("SELECT id FROM org_units WHERE parent_id IS NULL ORDER BY id LIMIT 1");

    private string CountyName => _db.Query<string>("SELECT name FROM org_units WHERE id = @Id", new { Id = County })[0];

    private string CountyCode => _db.Query<string>("SELECT code FROM org_units WHERE id = @Id", new { Id = County })[0];

    private long Town => _db.Scalar("SELECT id FROM org_units WHERE name = '孝丰镇'");

    [Fact]
    public void UsersAdd_WithTheUnitsName_PutsTheUserInThatUnit()
    {
        var run = _db.RunWithInput(Password, "users", "add", "--username", "xiaofeng", "--role", "township", "--unit", "孝丰镇", "--password-stdin");

        run.ExitCode.Should().Be(0, run.Error);
        _db.Scalar("SELECT unit_id FROM users WHERE username = 'xiaofeng'").Should().Be(Town);
    }

    [Fact]
    public void UsersAdd_WithTheCountysCodeOrName_PutsTheUserInTheCounty()
    {
        _db.RunWithInput(Password, "users", "add", "--username", "by-code", "--role", "admin", "--unit", CountyCode, "--password-stdin").ExitCode.Should().Be(0);
        _db.RunWithInput(Password, "users", "add", "--username", "by-name", "--role", "admin", "--unit", CountyName, "--password-stdin").ExitCode.Should().Be(0);

        _db.Scalar("SELECT COUNT(*) FROM users WHERE username IN ('by-code', 'by-name') AND unit_id = @County", new { County }).Should().Be(2);
    }

    [Fact]
    public void UsersList_AndTheMonthlyReport_TakeTheUnitByName()
    {
        _db.RunWithInput(Password, "users", "add", "--username", "xiaofeng", "--role", "township", "--unit", "孝丰镇", "--password-stdin").ExitCode.Should().Be(0);

        var list = _db.Run("users", "list", "--unit", "孝丰镇");
        var report = _db.Run("report", "monthly", "--month", "2026-10", "--unit", CountyName, "--out", _db.Path("r.xlsx"));

        list.ExitCode.Should().Be(0, list.Error);
        list.Output.Should().Contain("xiaofeng").And.NotContain("SEED-MEDIATOR");
        report.ExitCode.Should().Be(0, report.Error);
        report.Output.Should().StartWith(CountyName + " 2026-10");
    }

    [Fact]
    public void Export_TakesTheUnitByName()
    {
        var run = _db.Run("export", "--out", _db.Path("cases.csv"), "--unit", "孝丰镇");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().StartWith("exported 0 cases");
    }

    [Fact]
    public async Task ANameTwoUnitsShare_IsRefusedInOneLine_NamingEachWithItsId()
    {
        var services = _db.Services();
        var other = await services.Database.InTransactionAsync((c, t) =>
            services.Orgs.InsertUnitAsync(c, t, new NewOrgUnit(Town, UnitKind.Village, "孝丰镇")));

        var run = _db.RunWithInput(Password, "users", "add", "--username", "someone", "--role", "township", "--unit", "孝丰镇", "--password-stdin");

        run.ShouldFailWithOneLine("'孝丰镇' names 2 units");
        run.Error.Should().Contain(Town.ToString(CultureInfo.InvariantCulture) + " (").And.Contain(other.ToString(CultureInfo.InvariantCulture) + " (")
            .And.Contain("Give the id").And.NotContain("System.Int64");
        _db.Scalar("SELECT COUNT(*) FROM users WHERE username = 'someone'").Should().Be(0);
    }

    [Theory]
    [InlineData("users", "add", "--username", "someone", "--role", "admin", "--password-stdin")]
    [InlineData("users", "list")]
    [InlineData("report", "monthly", "--month", "2026-10", "--out", "r.xlsx")]
    [InlineData("export", "--out", "cases.csv")]
    public void AnUnknownName_IsRefusedInOneLine_ForEveryCommandThatTakesAUnit(params string[] args)
    {
        var run = _db.RunWithInput(Password, [.. args.Select(a => a.EndsWith(".xlsx", StringComparison.Ordinal) || a.EndsWith(".csv", StringComparison.Ordinal) ? _db.Path(a) : a), "--unit", "不存在县"]);

        run.ShouldFailWithOneLine("no unit has the code or name '不存在县'");
        run.Error.Should().NotContain("Cannot parse argument");
    }

    [Fact]
    public void Import_TakesTheUnitByName_AsByItsId_AndRefusesAnUnknownOne()
    {
        var unknown = _db.Run("import", Repository.Sample("ledger.csv"), "--dry-run", "--unit", "不存在县");
        var byName = _db.Run("import", Repository.Sample("ledger.csv"), "--dry-run", "--unit", "孝丰镇");
        var byId = _db.Run("import", Repository.Sample("ledger.csv"), "--dry-run", "--unit", Town.ToString(CultureInfo.InvariantCulture));

        unknown.ShouldFailWithOneLine("no unit has the code or name '不存在县'");
        (byName.ExitCode, byName.Output, byName.Error).Should().Be((byId.ExitCode, byId.Output, byId.Error));
    }

    public void Dispose() => _db.Dispose();
}
