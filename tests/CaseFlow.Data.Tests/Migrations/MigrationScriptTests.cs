using CaseFlow.Data.Migrations;

namespace CaseFlow.Data.Tests.Migrations;

public sealed class MigrationScriptTests
{
    [Fact]
    public void EmbeddedScripts_OfBothDialects_HaveTheSameNumbersAndNames()
    {
        var sqlite = MigrationScripts.For(DatabaseProvider.Sqlite).Select(s => s.FileName);
        var sqlServer = MigrationScripts.For(DatabaseProvider.SqlServer).Select(s => s.FileName);

        sqlite.Should().NotBeEmpty().And.Equal(sqlServer);
    }

    // Numbers handed to migrations written on other branches at the same time; empty again once those land here.
    private static readonly int[] ReservedElsewhere = [5, 6];

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void EmbeddedScripts_AreNumberedFromOneWithoutGaps(DatabaseProvider provider)
    {
        var scripts = MigrationScripts.For(provider);

        scripts.Select(s => s.Number).Should().Equal(Enumerable.Range(1, scripts.Count + ReservedElsewhere.Length).Except(ReservedElsewhere));
        scripts.Should().OnlyContain(s => s.Path.StartsWith(MigrationScripts.FolderOf(provider), StringComparison.Ordinal));
    }

    [Fact]
    public void Sha256_IgnoresLineEndingsAndAByteOrderMark()
    {
        var unix = new MigrationScript("db/sqlite/0002_add_thing.sql", "CREATE TABLE thing (id INT);\nCREATE INDEX ix ON thing (id);\n");
        var windows = new MigrationScript("db/sqlite/0002_add_thing.sql", "\uFEFFCREATE TABLE thing (id INT);\r\nCREATE INDEX ix ON thing (id);\r\n");
        var edited = new MigrationScript("db/sqlite/0002_add_thing.sql", "CREATE TABLE thing (id BIGINT);\nCREATE INDEX ix ON thing (id);\n");

        windows.Sha256.Should().Be(unix.Sha256).And.MatchRegex("^[0-9a-f]{64}$");
        edited.Sha256.Should().NotBe(unix.Sha256);
    }

    [Fact]
    public void Constructor_ReadsNumberAndNameFromTheFileName()
    {
        var script = new MigrationScript("db/sqlserver/0042_add_case_tags.sql", "SELECT 1;");

        (script.Number, script.Name, script.FileName).Should().Be((42, "add_case_tags", "0042_add_case_tags.sql"));
    }

    [Theory]
    [InlineData("db/sqlite/create_schema.sql")]
    [InlineData("db/sqlite/1_create_schema.sql")]
    [InlineData("db/sqlite/0001-create-schema.sql")]
    [InlineData("db/sqlite/0001_CreateSchema.sql")]
    public void Constructor_WhenTheFileIsNotNamedNnnnVerbNoun_Throws(string path)
    {
        var create = () => new MigrationScript(path, "SELECT 1;");

        create.Should().Throw<ArgumentException>().WithMessage($"*{path}*");
    }

    [Fact]
    public void Runner_WhenTwoScriptsShareANumber_Refuses()
    {
        var database = new Database(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" });
        MigrationScript[] scripts =
        [
            new("db/sqlite/0002_add_a.sql", "SELECT 1;"),
            new("db/sqlite/0002_add_b.sql", "SELECT 2;"),
        ];

        var create = () => new MigrationRunner(database, TimeProvider.System, scripts);

        create.Should().Throw<MigrationException>().WithMessage("*0002_add_a.sql*0002_add_b.sql*");
    }
}
