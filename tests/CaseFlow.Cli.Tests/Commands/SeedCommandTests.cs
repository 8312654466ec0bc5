using CaseFlow.Cli.Tests.Infrastructure;

namespace CaseFlow.Cli.Tests.Commands;

public sealed class SeedCommandTests : IDisposable
{
    private static readonly string[] SmallSeed = ["seed", "--counties", "2", "--cases", "300", "--from", "2026-01-01", "--to", "2026-06-30", "--batch-size", "70"];
    private readonly List<CliDatabase> _databases = [];

    [Fact]
    public void Seed_TwiceWithTheSameSeed_WritesTheSameCasesPartiesAndEvents()
    {
        var first = Database();
        var second = Database();
        second.Clock.Advance(TimeSpan.FromHours(3));

        var run = first.Run([.. SmallSeed, "--seed", "11"]);
        second.Run([.. SmallSeed, "--seed", "11"]).ExitCode.Should().Be(0);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().Contain("seeded 2 counties and 300 cases");
        var dump = Dump(first);
        dump.Should().HaveCountGreaterThan(300 * 3);
        Dump(second).Should().Equal(dump);
    }

    [Fact]
    public void Seed_WithAnotherSeed_WritesOtherData()
    {
        var first = Database();
        var second = Database();

        first.Run([.. SmallSeed, "--seed", "11"]).ExitCode.Should().Be(0);
        second.Run([.. SmallSeed, "--seed", "12"]).ExitCode.Should().Be(0);

        Dump(second).Should().NotEqual(Dump(first));
    }

    [Fact]
    public void Seed_GivesEveryCountyItsLadderContactsAndOneSeedingMediator_AndMovesTheNumberCounters()
    {
        var db = Database();

        db.Run([.. SmallSeed, "--seed", "11"]).ExitCode.Should().Be(0);

        db.Scalar("SELECT COUNT(*) FROM org_units WHERE kind = 'county'").Should().Be(2);
        db.Scalar("SELECT COUNT(*) FROM mediation_ladders").Should().Be(6);
        db.Scalar("SELECT COUNT(*) FROM county_contacts").Should().Be(6);
        db.Query<string>("SELECT u.username FROM users AS u JOIN user_roles AS r ON r.user_id = u.id WHERE r.role = 'mediator' ORDER BY u.username")
            .Should().Equal("seed-mediator-aj", "seed-mediator-jm");
        db.Scalar("SELECT COUNT(*) FROM cases WHERE number LIKE 'AJ-2026-%'").Should().Be(150);
        db.Scalar("SELECT value FROM counters WHERE name = 'case_number:AJ:2026'").Should().Be(150);
        db.Scalar("SELECT COUNT(*) FROM cases WHERE import_key IS NOT NULL").Should().Be(0);
    }

    [Fact]
    public void Seed_OfADatabaseWithUnits_IsRefusedUnlessAppend_AndAppendRefusesCountiesItAlreadyHas()
    {
        var db = Database();
        db.Run([.. SmallSeed, "--seed", "11"]).ExitCode.Should().Be(0);

        db.Run([.. SmallSeed, "--seed", "11"]).ShouldFailWithOneLine("--append");
        db.Run([.. SmallSeed, "--seed", "12", "--append"]).ShouldFailWithOneLine("already has counties coded AJ, JM");
        db.Scalar("SELECT COUNT(*) FROM cases").Should().Be(300);
    }

    [Fact]
    public void Seed_OfAnUnmigratedDatabase_SaysToMigrateFirst()
    {
        var db = Database(migrate: false);

        db.Run([.. SmallSeed]).ShouldFailWithOneLine("caseflow db migrate");
    }

    [Theory]
    [InlineData("--counties", "0", "--counties must be at least 1")]
    [InlineData("--from", "2026-02-30", "'2026-02-30' is not a date")]
    [InlineData("--to", "2026-12-31", "is in the future")]
    public void Seed_WithABadArgument_FailsInOneLine(string option, string value, string reason)
    {
        var db = Database();

        db.Run("seed", option, value).ShouldFailWithOneLine(reason);
        db.Scalar("SELECT COUNT(*) FROM org_units").Should().Be(0);
    }

    public void Dispose()
    {
        foreach (var db in _databases)
        {
            db.Dispose();
        }
    }

    /// <summary>Cases, parties and events as text, without the wall-clock columns (created_at, updated_at).</summary>
    private static List<string> Dump(CliDatabase db) =>
    [
        .. db.Rows("cases", "id", "created_at", "updated_at"),
        .. db.Rows("case_parties", "id", "created_at"),
        .. db.Rows("case_events"),
        .. db.Rows("case_deadlines", "id", "created_at"),
    ];

    private CliDatabase Database(bool migrate = true)
    {
        var db = new CliDatabase(migrate);
        _databases.Add(db);
        return db;
    }
}
