using System.Diagnostics;
using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Time.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace CaseFlow.Data.Tests.Deadlines;

/// <summary>A fact that runs only when <c>CASEFLOW_MEASURE</c> is set: measurements take minutes and print numbers.</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public const string Variable = "CASEFLOW_MEASURE";

    public MeasurementFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"a measurement; set {Variable}=1 to run it";
        }
    }
}

/// <summary>
/// Sweep throughput and lag on a SQLite file with synchronous FULL (the shipped default). Prints its numbers;
/// asserts only that every case escalated once, never how fast.
/// </summary>
public sealed class SweepMeasurement(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-measure", Guid.NewGuid().ToString("N"));

    [MeasurementFact]
    public async Task Throughput_TenThousandDueLevelLimits()
    {
        const int cases = 10_000;
        var (db, clock, commands) = await SetUpAsync(cases);
        await using (var connection = await db.OpenAsync())
        {
            // Only the level limits: each due row is one escalation.
            await connection.ExecuteAsync("DELETE FROM case_deadlines WHERE kind <> 'level_limit'");
        }

        clock.Advance(TimeSpan.FromDays(8));
        var sweeper = new DeadlineSweeper(db, commands, clock);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await SweepAllAsync(sweeper, 500);
        watch.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        // The process's CPU time beside the wall time: on a shared machine the CPU the sweep took varies less than the
        // time it waited for it.
        Report($"{cases} level limits due: {result.Transitions} escalations in {watch.Elapsed.TotalSeconds:F1} s = {result.Transitions / watch.Elapsed.TotalSeconds:F0} escalations/s, {cpu.TotalMilliseconds * 1000 / result.Transitions:F0} µs of CPU each (batch 500, synchronous FULL)");
        result.Transitions.Should().Be(cases);
    }

    [MeasurementFact]
    public async Task Throughput_AfterAnOutage_EveryRowOfTenThousandCases()
    {
        const int cases = 10_000;
        var (db, clock, commands) = await SetUpAsync(cases);
        clock.Advance(TimeSpan.FromDays(8));
        var sweeper = new DeadlineSweeper(db, commands, clock);
        var watch = Stopwatch.StartNew();
        var result = await SweepAllAsync(sweeper, 500);
        watch.Stop();

        Report($"outage, {cases} cases: {result.Due} rows ({result.Transitions} escalations, {result.Notices} notices, {result.Suppressed} suppressed reminders, {result.Skipped} replaced) in {watch.Elapsed.TotalSeconds:F1} s = {result.Due / watch.Elapsed.TotalSeconds:F0} rows/s");
        result.Transitions.Should().Be(cases);
    }

    [MeasurementFact]
    public async Task Lag_FromDueTimeToEscalation_WithASweepEveryFiveSeconds()
    {
        const int cases = 1_000;
        var interval = TimeSpan.FromSeconds(5);
        var (db, _, _) = await SetUpAsync(cases);
        var start = TimeProvider.System.GetUtcNow();
        await using (var connection = await db.OpenAsync())
        {
            // Spread the limits over the next 60 seconds of real time, one every 60 ms.
            var ids = (await connection.QueryAsync<long>("SELECT id FROM case_deadlines WHERE kind = 'level_limit' ORDER BY id")).AsList();
            await using var transaction = await db.BeginTransactionAsync(connection);
            for (var i = 0; i < ids.Count; i++)
            {
                await connection.ExecuteAsync(
                    "UPDATE case_deadlines SET due_at = @Due WHERE id = @Id",
                    new { Id = ids[i], Due = start.AddMilliseconds(5_000 + (60 * i)) },
                    transaction);
            }

            await connection.ExecuteAsync("DELETE FROM case_deadlines WHERE kind <> 'level_limit'", transaction: transaction);
            await transaction.CommitAsync();
        }

        var sweeper = new DeadlineSweeper(db, new CaseCommands(db, new CaseStore(db, TimeProvider.System), new CaseFlow.Data.Organisation.OrgStore(db, TimeProvider.System), Grader, Planner, TimeProvider.System), TimeProvider.System);
        var deadline = start.AddMilliseconds(5_000 + (60 * cases)) + (3 * interval);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            await SweepAllAsync(sweeper, 500);
            await Task.Delay(interval);
        }

        await using (var connection = await db.OpenAsync())
        {
            var lags = (await connection.QueryAsync<(DateTimeOffset Due, DateTimeOffset At)>("""
                SELECT d.due_at, e.at FROM case_deadlines AS d
                JOIN case_events AS e ON e.case_id = d.case_id AND e.trigger_name = 'DeadlineElapsed'
                WHERE d.kind = 'level_limit' AND d.fired_at IS NOT NULL
                """)).Select(r => (r.At - r.Due).TotalMilliseconds).Order().ToList();
            Report($"lag over {lags.Count} escalations, sweep every {interval.TotalSeconds:F0} s: p50 {Percentile(lags, 0.5):F0} ms, p95 {Percentile(lags, 0.95):F0} ms, max {lags[^1]:F0} ms");
            lags.Should().HaveCount(cases);
        }

    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static RiskGrader Grader { get; } = new(new GradingOptions());

    private static DeadlinePlanner Planner { get; } = new(new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions()));

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static async Task<SweepResult> SweepAllAsync(DeadlineSweeper sweeper, int batchSize)
    {
        var total = SweepResult.Empty;
        SweepResult batch;
        do
        {
            batch = await sweeper.SweepAsync(batchSize);
            total = total.Add(batch);
        }
        while (batch.Due == batchSize && batch.Settled > 0);

        return total;
    }

    /// <summary>A measured database (synchronous FULL) with <paramref name="cases"/> registered through a setup connection that skips fsync.</summary>
    private async Task<(Database Db, FakeTimeProvider Clock, CaseCommands Commands)> SetUpAsync(int cases)
    {
        var clock = new FakeTimeProvider(TestDatabase.Start);
        var setup = new Database(new DatabaseOptions { Sqlite = new SqliteOptions { DataFolder = _folder, FileName = "measure.db", Synchronous = SqliteSynchronous.Off } });
        await new MigrationRunner(setup, clock).MigrateAsync();
        var county = await AUnit.County("安吉县", "AJ").InsertAsync(setup);
        var village = await AUnit.Village(await AUnit.Town(county).InsertAsync(setup)).InsertAsync(setup);
        var group = await new AUnit("enterprise", "调解小组", village).InsertAsync(setup);
        long enterprise;
        await using (var connection = await setup.OpenAsync())
        {
            foreach (var (level, kind) in new[] { (1, "enterprise"), (2, "village"), (3, "town") })
            {
                await connection.ExecuteAsync(
                    "INSERT INTO mediation_ladders (county_id, level, host_kind, name_zh, name_en) VALUES (@County, @Level, @Kind, '级', 'Level')",
                    new { County = county, Level = level, Kind = kind });
            }

            enterprise = await connection.ExecuteScalarAsync<long>(
                setup.Dialect.InsertReturningId("INSERT INTO enterprises (name, unit_id, mediation_unit_id, created_at) VALUES ('某公司', @Village, @Group, @Now)"),
                new { Village = village, Group = group, Now = TestDatabase.Start });
        }

        var setupCommands = new CaseCommands(setup, new CaseStore(setup, clock), new CaseFlow.Data.Organisation.OrgStore(setup, clock), Grader, Planner, clock);
        var clerk = new CaseActor(null, "clerk", $"/{county}/");
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            await setupCommands.RegisterAsync(
                new CaseRegistration
                {
                    Channel = Channel.WalkIn,
                    ReceivedAt = clock.GetUtcNow(),
                    Enterprise = new EnterpriseRef(enterprise, null, null, null),
                    Workers = [new CaseWorker(string.Create(CultureInfo.InvariantCulture, $"工人{i}"), "", "", 3000m, 0.5m)],
                },
                clerk);
        }

        Report($"set-up: {cases} registrations in {watch.Elapsed.TotalSeconds:F1} s (synchronous OFF)");
        Database.ReleaseAllConnections();
        var db = new Database(new DatabaseOptions { Sqlite = new SqliteOptions { DataFolder = _folder, FileName = "measure.db", Synchronous = SqliteSynchronous.Full } });
        return (db, clock, new CaseCommands(db, new CaseStore(db, clock), new CaseFlow.Data.Organisation.OrgStore(db, clock), Grader, Planner, clock));
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "caseflow-sweep-measurement.txt"), line + Environment.NewLine);
    }
}
