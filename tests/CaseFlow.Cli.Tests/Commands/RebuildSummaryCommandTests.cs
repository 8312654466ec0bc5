using Microsoft.Data.Sqlite;

namespace CaseFlow.Cli.Tests.Commands;

/// <summary><c>caseflow db rebuild-summary</c> on a seeded file whose summary was damaged by hand.</summary>
public sealed class RebuildSummaryCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-cli-" + Guid.NewGuid().ToString("N"));

    private string DbFile => Path.Combine(_folder, "caseflow.db");

    // The summary's cells against the same figures counted from the cases; rows equal to the aggregate leave nothing.
    private const string Mismatches = """
        SELECT COUNT(*) FROM (
            SELECT unit_id, state, risk_color, level, is_open, SUM(n) AS n, SUM(owed) AS owed
            FROM (SELECT unit_id, state, risk_color, level, is_open, cases AS n, amount_owed AS owed FROM case_summary
                  UNION ALL
                  SELECT unit_id, state, coalesce(risk_color, 0), coalesce(level, 0), closed_at IS NULL, -1, -coalesce(amount_owed, 0) FROM cases)
            GROUP BY unit_id, state, risk_color, level, is_open
            HAVING SUM(n) <> 0 OR SUM(owed) <> 0)
        """;

    [Fact]
    public void RebuildSummary_AfterTheSummaryWasDamaged_SaysWhatWasWrong_AndLeavesItEqualToTheCases()
    {
        Directory.CreateDirectory(_folder);
        CliRun.Of("db", "migrate", "--connection", DbFile).ExitCode.Should().Be(0);
        var seed = CliRun.Of("seed", "--connection", DbFile, "--cases", "300", "--counties", "1", "--seed", "17");
        seed.ExitCode.Should().Be(0, seed.Error);
        Scalar(Mismatches).Should().Be(0, "the seed kept the summary as it wrote the cases");
        Execute("UPDATE case_summary SET cases = cases + 2 WHERE unit_id = (SELECT MIN(unit_id) FROM case_summary)");
        Execute("DELETE FROM case_week_summary WHERE week_start = (SELECT MAX(week_start) FROM case_week_summary)");
        Scalar(Mismatches).Should().BeGreaterThan(0);

        var run = CliRun.Of("db", "rebuild-summary", "--connection", DbFile);

        run.ExitCode.Should().Be(0, run.Error);
        run.Output.Should().MatchRegex(@"rebuilt the case summary: \d+ cells, \d+ unit-weeks; [1-9]\d* cells and [1-9]\d* unit-weeks had been wrong\.");
        Scalar(Mismatches).Should().Be(0);
        Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'summary.rebuild'").Should().Be(1);
        CliRun.Of("db", "rebuild-summary", "--connection", DbFile).Output.Should().Contain("0 cells and 0 unit-weeks had been wrong");
    }

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
