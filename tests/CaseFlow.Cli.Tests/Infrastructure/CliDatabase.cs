using CaseFlow.Data;
using Microsoft.Extensions.Time.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Cli.Tests.Infrastructure;

/// <summary>
/// A SQLite file in a temp folder of its own, migrated through the CLI, with a fake clock the commands read; the
/// folder goes when the test ends.
/// </summary>
internal sealed class CliDatabase : IDisposable
{
    /// <summary>Saturday 2026-11-21, 10:00 in China: within a year of every date in tools/samples.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    public CliDatabase(bool migrate = true)
    {
        Directory.CreateDirectory(Folder);
        if (migrate)
        {
            Run("db", "migrate").ExitCode.Should().Be(0);
        }
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "caseflow-cli-" + Guid.NewGuid().ToString("N"));

    public string File => Path("caseflow.db");

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public CliEnvironment Environment(string? input = null) => CliEnvironment.Captured(input is null ? null : new StringReader(input), Clock);

    /// <summary>Runs a command against this database.</summary>
    public CliRun Run(params string[] args) => CliRun.In(Environment(), [.. args, "--connection", File]);

    /// <summary>Runs a command with <paramref name="input"/> on its standard input.</summary>
    public CliRun RunWithInput(string input, params string[] args) => CliRun.In(Environment(input), [.. args, "--connection", File]);

    /// <summary>Seeds one Anji-model county with no cases (seed 2026): the towns tools/samples names.</summary>
    public CliDatabase WithCounty(int counties = 1)
    {
        var run = Run("seed", "--counties", counties.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cases", "0", "--seed", "2026");
        run.ExitCode.Should().Be(0, run.Error);
        return this;
    }

    /// <summary>The services the commands use, on this database and clock.</summary>
    public CliServices Services() => new(new DatabaseOptions { ConnectionString = $"Data Source={File}" }, Environment());

    public long Scalar(string sql, object? args = null)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(sql, args);
    }

    public List<T> Query<T>(string sql, object? args = null)
    {
        using var connection = Open();
        return [.. connection.Query<T>(sql, args)];
    }

    /// <summary>Every row of <paramref name="table"/> in id order, each as one line of text: for comparing whole tables.</summary>
    public List<string> Rows(string table, string orderBy = "id", params string[] except)
    {
        using var connection = Open();
        return
        [
            .. connection.Query($"SELECT * FROM {table} ORDER BY {orderBy}")
                .Cast<IDictionary<string, object?>>()
                .Select(row => string.Join(" | ", row.Where(c => !except.Contains(c.Key)).Select(c => $"{c.Key}={c.Value}"))),
        ];
    }

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={File}");
        connection.Open();
        return connection;
    }
}
