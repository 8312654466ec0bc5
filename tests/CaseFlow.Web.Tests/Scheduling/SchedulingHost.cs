using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Migrations;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Time.Testing;
using CaseFlow.Web.Scheduling;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>
/// A SQLite database file in a folder of its own, with one county, an employer and a clock, and generic hosts that
/// run CaseFlow's scheduling on it as the web host will (the same extension, the database registered the same way).
/// Hosts built here may be started and stopped one after another on the same file, as a restarted node would be, or
/// run side by side on it, as two nodes would. Each has Hangfire's memory storage of its own.
/// </summary>
public sealed class SchedulingHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", Guid.NewGuid().ToString("N"));

    private SchedulingHost()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:Sqlite:DataFolder"] = _folder,
            ["Database:Sqlite:FileName"] = "caseflow.db",
            ["Scheduling:SweepIntervalSeconds"] = "1",
        };
        Db = new Database(Options());
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        Commands = new CaseCommands(Db, new CaseStore(Db, Clock), new CaseFlow.Data.Organisation.OrgStore(Db, Clock), new RiskGrader(new GradingOptions()), new DeadlinePlanner(calculator), Clock);
        BatchCommands = new CaseBatchCommands(Db, new CaseStore(Db, Clock), new CaseFlow.Data.Organisation.OrgStore(Db, Clock), new RiskGrader(new GradingOptions()), new DeadlinePlanner(calculator), Clock);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public Database Db { get; }

    public CaseCommands Commands { get; }

    /// <summary>The ledger-import path: many cases in few transactions.</summary>
    public CaseBatchCommands BatchCommands { get; }

    /// <summary>The configuration every host built here reads; change it before building one.</summary>
    public Dictionary<string, string?> Settings { get; }

    public long Enterprise { get; private set; }

    public string CountyPath { get; private set; } = "";

    /// <summary>A migrated database with a county on the Anji ladder and an employer with its own mediation group.</summary>
    public static async Task<SchedulingHost> CreateAsync()
    {
        var host = new SchedulingHost();
        await new MigrationRunner(host.Db, host.Clock).MigrateAsync();
        await host.SeedAsync();
        return host;
    }

    /// <summary>A host running the scheduling extension, built but not started.</summary>
    /// <param name="logs">Receives the scheduling jobs' log, from Information up.</param>
    public IHost Build(LogCapture? logs = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // Every job the extension schedules must be buildable from what the extension and this host register, checked
        // here rather than when a job's cron first comes round during some test (the referral check runs each minute).
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Configuration.AddInMemoryCollection(Settings);
        var services = builder.Services;
        services.AddLogging(b =>
        {
            b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
            if (logs is not null)
            {
                b.AddProvider(logs).AddFilter<LogCapture>("CaseFlow.Web.Scheduling", LogLevel.Information);
            }
        });
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Options());
        services.AddSingleton(sp => new Database(sp.GetRequiredService<DatabaseOptions>()));
        services.AddSingleton(new RiskGrader(new GradingOptions()));
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        services.AddSingleton(calculator);
        services.AddSingleton(new DeadlinePlanner(calculator));
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseFlow.Data.Organisation.OrgStore>();
        services.AddSingleton<CaseCommands>();
        services.AddCaseFlowScheduling(builder.Configuration);
        return builder.Build();
    }

    /// <summary>A yellow dispute received <paramref name="daysAgo"/> days ago (entered late from a paper ledger).</summary>
    public async Task<long> RegisterAsync(int daysAgo)
    {
        var registration = new CaseRegistration
        {
            Channel = Channel.WalkIn,
            ReceivedAt = Clock.GetUtcNow().AddDays(-daysAgo),
            Enterprise = new EnterpriseRef(Enterprise, null, null, null),
            Workers = [new CaseWorker("李四", "330523199001011238", "13812345678", 3600m, 0.5m)],
        };
        return (await Commands.RegisterAsync(registration, new CaseActor(null, "clerk", CountyPath))).Case.Id;
    }

    /// <summary><paramref name="count"/> yellow disputes received <paramref name="daysAgo"/> days ago, registered 1,000 per transaction.</summary>
    public async Task<IReadOnlyList<long>> RegisterManyAsync(int count, int daysAgo)
    {
        var ids = new List<long>(count);
        for (var i = 0; i < count; i += 1000)
        {
            var batch = Enumerable.Range(i, Math.Min(1000, count - i)).Select(k => new KeyedRegistration(null, new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = Clock.GetUtcNow().AddDays(-daysAgo),
                Enterprise = new EnterpriseRef(Enterprise, null, null, null),
                Workers = [new CaseWorker("李四", "330523199001011238", "13812345678", 3600m + k, 0.5m)],
            })).ToList();
            var result = await BatchCommands.RegisterAsync(batch, new CaseActor(null, "clerk", CountyPath));
            ids.AddRange(result.Registered.Select(c => c.Id));
        }

        return ids;
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public Task<long> EscalationsAsync(long caseId) =>
        CountAsync("SELECT COUNT(*) FROM case_events WHERE case_id = @Id AND trigger_name = 'DeadlineElapsed'", new { Id = caseId });

    /// <summary>The runs of one recurring job that succeeded (the host's other recurring jobs succeed beside it).</summary>
    public static int SucceededRuns<TJob>(Hangfire.Storage.IMonitoringApi monitoring) =>
        monitoring.SucceededJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(TJob));

    /// <summary>
    /// Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes; returns whether it held.
    /// Timed on the monotonic clock: a wall clock stepped forward on a loaded machine would end the wait early.
    /// </summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return await condition();
    }

    public ValueTask DisposeAsync()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private DatabaseOptions Options() => new()
    {
        Provider = DatabaseProvider.Sqlite,
        Sqlite = new SqliteOptions { DataFolder = _folder, FileName = "caseflow.db" },
    };

    private async Task SeedAsync()
    {
        await using var connection = await Db.OpenAsync();
        async Task<long> Unit(long? parent, string kind, string name, string? code = null) =>
            await connection.ExecuteScalarAsync<long>(
                Db.Dialect.InsertReturningId("INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (@Parent, @Kind, @Name, @Code, @Now)"),
                new { Parent = parent, Kind = kind, Name = name, Code = code, Now = Start });

        var county = await Unit(null, "county", "安吉县", "AJ");
        var town = await Unit(county, "town", "杭垓镇");
        var village = await Unit(town, "village", "高村村");
        var group = await Unit(village, "enterprise", "竹木公司调解小组");
        CountyPath = $"/{county}/";
        foreach (var (level, kind) in new[] { (1, "enterprise"), (2, "village"), (3, "town") })
        {
            await connection.ExecuteAsync(
                "INSERT INTO mediation_ladders (county_id, level, host_kind, name_zh, name_en) VALUES (@County, @Level, @Kind, '级', 'Level')",
                new { County = county, Level = level, Kind = kind });
        }

        Enterprise = await connection.ExecuteScalarAsync<long>(
            Db.Dialect.InsertReturningId("INSERT INTO enterprises (name, unit_id, mediation_unit_id, created_at) VALUES ('安吉某竹木制品有限公司', @Village, @Group, @Now)"),
            new { Village = village, Group = group, Now = Start });
    }
}
