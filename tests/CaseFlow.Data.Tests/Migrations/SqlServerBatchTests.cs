using CaseFlow.Data.Migrations;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>What can be checked of the SQL Server scripts without a server.</summary>
public sealed class SqlServerBatchTests
{
    [Fact]
    public void SplitOnGo_SplitsOnlyOnLinesHoldingGoAlone()
    {
        const string script = """
            CREATE TABLE a (id INT);
            GO
            CREATE TABLE category (go_live INT); -- GO inside a line is not a separator
              go   -- lower case, indented, with a comment
            CREATE TABLE b (id INT);
            GOTO done;
            Go
            GO
            """;

        var batches = SqlServerDialect.SplitOnGo(script);

        batches.Should().Equal(
            "CREATE TABLE a (id INT);",
            "CREATE TABLE category (go_live INT); -- GO inside a line is not a separator",
            "CREATE TABLE b (id INT);\nGOTO done;");
    }

    [Fact]
    public void SqlServerScripts_StartEveryCreateTriggerBatchWithTheTrigger()
    {
        // SQL Server refuses CREATE TRIGGER anywhere but at the start of a batch; comments may precede it.
        var triggerBatches = MigrationScripts.For(DatabaseProvider.SqlServer)
            .SelectMany(script => SqlServerDialect.SplitOnGo(script.Sql))
            .Select(CodeOf)
            .Where(code => code.Contains("CREATE TRIGGER", StringComparison.OrdinalIgnoreCase))
            .ToList();

        // 0001's three, 0007's one, 0009's audit_archives guard and the two audit_log triggers that replace 0001's one,
        // and 0014's guard on supervision feedback.
        triggerBatches.Should().HaveCount(8);
        triggerBatches.Should().OnlyContain(code => code.StartsWith("CREATE TRIGGER", StringComparison.OrdinalIgnoreCase));
    }

    private static string CodeOf(string batch) =>
        string.Join('\n', batch.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
}
