using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Bench;

/// <summary>
/// A migrated SQLite database in a folder of its own (WAL, synchronous FULL unless told otherwise), with the case
/// services wired as the web host wires them. Deleted when disposed.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private BenchDatabase(string folder, SqliteSynchronous synchronous)
    {
        _folder = folder;
        Options = new DatabaseOptions { Sqlite = new SqliteOptions { DataFolder = folder, FileName = "bench.db", Synchronous = synchronous } };
        Db = new Database(Options);
        var time = TimeProvider.System;
        Calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        Store = new CaseStore(Db, time);
        Orgs = new OrgStore(Db, time);
        Users = new UserStore(Db, time);
        Commands = new CaseCommands(Db, Store, Orgs, new RiskGrader(new GradingOptions()), new DeadlinePlanner(Calculator), time);
        Queries = new CaseQueries(Db, Store, new Data.Audit.AuditWriter(Db, time), Calculator, time);
    }

    public DatabaseOptions Options { get; }
    public Database Db { get; }
    public DeadlineCalculator Calculator { get; }
    public CaseStore Store { get; }
    public OrgStore Orgs { get; }
    public UserStore Users { get; }
    public CaseCommands Commands { get; }
    public CaseQueries Queries { get; }

    /// <summary>The database file, for the web host and the CLI to open.</summary>
    public string FilePath => Path.Combine(_folder, "bench.db");

    /// <param name="migrate">False when a tool (caseflow seed) will create the file itself.</param>
    public static async Task<BenchDatabase> CreateAsync(SqliteSynchronous synchronous = SqliteSynchronous.Full, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseflow-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var bench = new BenchDatabase(folder, synchronous);
        if (migrate)
        {
            await new MigrationRunner(bench.Db, TimeProvider.System).MigrateAsync();
        }

        return bench;
    }

    /// <summary>A county with one town, one village under it, an Anji ladder and a mediator: somewhere to put cases.</summary>
    public async Task<(long Village, long Mediator)> SmallCountyAsync()
    {
        return await Db.InTransactionAsync(async (c, t) =>
        {
            var county = await Orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "基准县", "BM"));
            var town = await Orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "基准镇"));
            var village = await Orgs.InsertUnitAsync(c, t, new NewOrgUnit(town, UnitKind.Village, "基准村"));
            await Orgs.SaveLadderAsync(c, t, county, MediationLadder.Anji);
            var mediator = await Users.CreateAsync(c, t, new NewUser("bench-mediator", "基准调解员", "not-a-real-hash", town, ["mediator"]));
            return (village, mediator);
        });
    }

    /// <summary>The folder holding the database file (the web host is pointed at it).</summary>
    public string Folder => _folder;

    /// <summary>Deletes the database file, so a tool can create and fill it afresh.</summary>
    public Task ResetFileAsync()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(FilePath + suffix);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A benchmark leaves its temp folder behind rather than fail at the end.
        }

        return ValueTask.CompletedTask;
    }
}
