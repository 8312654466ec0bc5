using System.Text.Json;
using CaseFlow.Cli.Tests.Infrastructure;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class CalendarCommandsTests : IDisposable
{
    // A calendar made up for these tests, not an official arrangement: it names 2027-01-02 (a Saturday) a make-up
    // working day, so a limit ending that day stays there instead of moving to Monday.
    private const string Test2027 = """
        # Test fixture for 2027, made up for the tests; not the State Council's arrangement.
        date,is_off_day,name
        2027-01-01,true,元旦（测试）
        2027-01-02,false,调休上班（测试）
        2027-02-06,true,春节（测试）
        """;

    private readonly CliDatabase _db = new();

    [Fact]
    public void AFreshDatabase_HasTheShippedYearsAsItsSeed()
    {
        var run = _db.Run("calendar", "list");

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("2025").And.Contain("2026").And.NotContain("2027");
        _db.Scalar("SELECT COUNT(*) FROM calendar_days WHERE date LIKE '2026-%'").Should().Be(39);
    }

    [Fact]
    public void Import_AGoodFile_LoadsTheYear_AndAgainChangesNothing()
    {
        var file = Write("cn-2027.csv", Test2027);

        var first = _db.Run("calendar", "import", file);
        var again = _db.Run("calendar", "import", file);
        var list = _db.Run("calendar", "list", "--year", "2027");

        first.ExitCode.Should().Be(0, first.Error);
        first.Output.Should().Contain("loaded 2027 (version 1, 3 days");
        again.ExitCode.Should().Be(0, again.Error);
        again.Output.Should().Contain("nothing changed");
        _db.Scalar("SELECT version FROM calendar_years WHERE year = 2027").Should().Be(1);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.load_year' AND entity_id = '2027'").Should().Be(1);
        list.Output.Should().Contain("2027-01-02").And.Contain("working").And.Contain("调休上班（测试）");
    }

    [Fact]
    public void Import_AChangedFile_BumpsTheVersionAndReplacesTheYear()
    {
        _db.Run("calendar", "import", Write("cn-2027.csv", Test2027)).ExitCode.Should().Be(0);

        var changed = _db.Run("calendar", "import", Write("cn-2027b.csv", Test2027.Replace("2027-02-06,true,春节（测试）", "2027-02-08,true,春节（测试）", StringComparison.Ordinal)), "--year", "2027");

        changed.ExitCode.Should().Be(0, changed.Error);
        changed.Output.Should().Contain("changed 2027 (version 2");
        _db.Query<string>("SELECT date FROM calendar_days WHERE date LIKE '2027-%' ORDER BY date").Should().Equal("2027-01-01", "2027-01-02", "2027-02-08");
    }

    [Fact]
    public void Import_ABadFile_ReportsEveryBadLineWithItsNumber_AndLoadsNothing()
    {
        var file = Write("cn-2027.csv", """
            date,is_off_day,name
            2027-01-01,true,元旦
            2026-12-31,true,元旦
            2027-01-01,true,元旦
            2027-01-04,false,调休上班
            2027-01-05,true,
            """);

        var run = _db.Run("calendar", "import", file);

        run.ExitCode.Should().Be(1);
        run.Error.Should().Contain("line 3: 2026-12-31 is not in the year being loaded")
            .And.Contain("line 4: 2027-01-01 is listed twice")
            .And.Contain("line 5: 2027-01-04 is a make-up working day but not a Saturday or Sunday")
            .And.Contain("line 6: the day 2027-01-05 has no name")
            .And.Contain("4 problems; nothing was loaded");
        _db.Scalar("SELECT COUNT(*) FROM calendar_years WHERE year = 2027").Should().Be(0);
        _db.Scalar("SELECT COUNT(*) FROM calendar_days WHERE date LIKE '2027-%'").Should().Be(0);
    }

    [Fact]
    public void Import_AFileNamingNoYear_AsksForYear()
    {
        var run = _db.Run("calendar", "import", Write("calendar.csv", Test2027));

        run.ExitCode.Should().NotBe(0);
        run.Error.Should().Contain("--year");
    }

    [Fact]
    public void Import_2027_MovesTheDueDateOfAnOpenCaseWhoseLevelLimitCrossesNewYear_AndItsTimelineSaysWhy()
    {
        _db.WithCounty();
        // Monday 2026-12-28, 10:00 China time: a yellow dispute registered today has 5 calendar days at level 1.
        _db.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 28, 2, 0, 0, TimeSpan.Zero));
        var ledger = Write("ledger.csv", """
            登记日期,企业名称,统一社会信用代码,劳动者姓名,身份证号,联系电话,欠薪金额,欠薪月数,涉及人数,争议类型,所属乡镇,处理情况
            2026-12-28,安吉县恒达竹木制品有限公司,91330523G58BRK2A69,孙丽娟,330502197903128653,18955913617,3000.00,0.5,1,欠薪,孝丰镇,待受理
            """);
        _db.Run("import", ledger).ExitCode.Should().Be(0);
        var before = LevelLimit();

        var run = _db.Run("calendar", "import", Write("cn-2027.csv", Test2027));

        var after = LevelLimit();
        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("deadlines moved: 1");
        // The 5th day is Saturday 2027-01-02: on weekends only it moves to Monday the 4th; the test calendar makes it a working day.
        before.Should().Be(("2027-01-04T16:00:00.000Z", 1L));
        after.Should().Be(("2027-01-02T16:00:00.000Z", 0L));
        _db.Scalar("SELECT COUNT(*) FROM case_deadlines WHERE fired_at IS NULL AND deadline_version <> (SELECT deadline_version FROM cases)").Should().Be(0);
        var note = _db.Query<(string Reason, string Data)>("SELECT reason, data FROM case_events WHERE trigger_name = 'DeadlinesRecomputed'").Should().ContainSingle().Subject;
        note.Reason.Should().Contain("2027 年工作日历已载入").And.Contain("2027-01-04").And.Contain("2027-01-02");
        JsonDocument.Parse(note.Data).RootElement.GetProperty("year").GetInt32().Should().Be(2027);
        _db.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'case.deadlines_recomputed'").Should().Be(1);

        // Loading the same year again moves nothing.
        _db.Run("calendar", "import", Write("cn-2027.csv", Test2027)).Output.Should().Contain("nothing changed");
        _db.Scalar("SELECT COUNT(*) FROM case_events WHERE trigger_name = 'DeadlinesRecomputed'").Should().Be(1);
    }

    public void Dispose() => _db.Dispose();

    private (string DueAt, long Missing) LevelLimit() =>
        _db.Query<(string, long)>("SELECT due_at, calendar_missing FROM case_deadlines WHERE kind = 'level_limit' AND fired_at IS NULL").Single();

    private string Write(string name, string text)
    {
        var path = _db.Path(name);
        File.WriteAllText(path, text.Replace("\r\n", "\n", StringComparison.Ordinal));
        return path;
    }
}
