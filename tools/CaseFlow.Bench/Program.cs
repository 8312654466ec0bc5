using System.Globalization;
using System.Runtime.InteropServices;
using CaseFlow.Bench;

// dotnet run -c Release --project tools/CaseFlow.Bench -- [--quick] [--out DIR] [--only M2,M3]
// dotnet run -c Release --project tools/CaseFlow.Bench -- --report docs/PERFORMANCE.md [--out DIR]
const string Usage = "Usage: CaseFlow.Bench [--quick] [--out DIR] [--only IDS] [--fresh-seed] [--seed-cache DIR]\n"
    + "       CaseFlow.Bench --report FILE [--out DIR] [--template FILE]\n"
    + "  --quick           smaller sizes, finishes in minutes\n"
    + "  --out DIR         where bench-results.json goes (artifacts/bench)\n"
    + "  --only IDS        run only these measurements, e.g. M2,M3 (B1 always runs: M2 and M3 are judged against it)\n"
    + "  --fresh-seed      seed the full run's million cases even when the seed cache has them\n"
    + "  --seed-cache DIR  where the full run keeps its seeded database between runs (a temp folder); with\n"
    + "                    --quick, keep and reuse the quick seed there too (M9 then reads the cached figure)\n"
    + "  --report FILE     measure nothing: write FILE (docs/PERFORMANCE.md) from DIR/bench-results.json and the\n"
    + "                    template (docs/PERFORMANCE.template.md)\n"
    + "Exits 1 when a goal is not met or a row failed, 2 on a wrong argument.";
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return 0;
}

var quick = args.Contains("--quick");
string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

var outFolder = Option("--out") ?? Path.Combine("artifacts", "bench");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
string[] valued = ["--out", "--only", "--report", "--template", "--seed-cache"];
var unknown = args.Where((a, i) => a is not ("--quick" or "--fresh-seed") && !valued.Contains(a) && (i == 0 || !valued.Contains(args[i - 1]))).ToList();
if (unknown.Count > 0 || valued.Any(v => args.Contains(v) && Option(v) is null))
{
    Console.Error.WriteLine($"{(unknown.Count > 0 ? $"Unknown argument {unknown[0]}" : "An option lacks its value")}.\n{Usage}");
    return 2;
}

if (Option("--report") is { } report)
{
    var resultsPath = Path.Combine(outFolder, "bench-results.json");
    var templatePath = Option("--template") ?? Path.Combine(Repository.Root, "docs", "PERFORMANCE.template.md");
    var run = BenchResults.Parse(await File.ReadAllTextAsync(resultsPath));
    await File.WriteAllTextAsync(report, PerformanceReport.Render(await File.ReadAllTextAsync(templatePath), run));
    Console.WriteLine($"wrote {report} from {resultsPath} and {templatePath}: {run.Results.Count} rows, {Measure.Missed(run.Results).Count} goals not met or failed");
    return 0;
}

var started = System.Diagnostics.Stopwatch.GetTimestamp();

// Each measured group says when it starts, counted from the start of the run: where a run's minutes go.
bool Runs(string id)
{
    var runs = only is null || only.Contains(id);
    if (runs)
    {
        Console.WriteLine($"[{System.Diagnostics.Stopwatch.GetElapsedTime(started):mm\\:ss}] {id}");
    }

    return runs;
}

var sizes = quick ? Sizes.Quick : Sizes.Full;
object Machine() => new
{
    date = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
    cores = Environment.ProcessorCount,
    memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
    os = RuntimeInformation.OSDescription,
    runtime = RuntimeInformation.FrameworkDescription,
    mode = quick ? "quick" : "full",
    sizes,
    totalSeconds = Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
};
Console.WriteLine($"CaseFlow benchmarks ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}");
Console.WriteLine($"{"measurement",-58} {"min",12} {"median",12} {"max",12}  unit");

var results = new List<Result>();
// M4 alone needs no baseline: its goal is against the sweep interval, not B1.
if (only is { Count: 1 } && only.Contains("M4"))
{
    var (drain, p50, p95, max) = await SweepMeasurements.SweepAsync(sizes.DueDeadlines, repetitions: quick ? 2 : 5);
    results.AddRange([drain, p50, p95, max]);
    await Measure.WriteAsync(outFolder, results, Machine());
    return Verdict(results);
}

Result b1;
await using (var raw = await BenchDatabase.CreateAsync())
{
    b1 = await Baselines.SingleInsertAsync(raw.Db, sizes.CommitRows);
    results.Add(b1);
    if (Runs("B2"))
    {
        results.Add(await Baselines.BatchedInsertAsync(raw.Db, sizes.BatchedBatches));
    }
}

if (Runs("M1"))
{
    var (fires, bytes) = await CaseMeasurements.FireAsync(sizes.FireRounds);
    results.Add(fires);
    results.Add(bytes);
}

if (Runs("M2"))
{
    await using var bench = await BenchDatabase.CreateAsync();
    results.Add((await CaseMeasurements.TransitionAsync(bench, sizes.Transitions)).Against(b1, "≥ 0.5 × B1", r => r >= 0.5));
}

if (Runs("M3"))
{
    await using (var bench = await BenchDatabase.CreateAsync())
    {
        results.Add((await CaseMeasurements.RegisterAsync(bench, sizes.Registrations)).Against(b1, "≥ 0.4 × B1", r => r >= 0.4));
    }

    await using (var bench = await BenchDatabase.CreateAsync())
    {
        var import = await SweepMeasurements.BatchedRegisterAsync(bench, sizes.ImportBatches);
        var floor = await Baselines.ImportFloorAsync(bench);
        results.Add(floor);
        results.Add(import.Goal("≥ 20,000 cases/s", m => m >= 20_000) with
        {
            Note = string.Create(CultureInfo.InvariantCulture, $"{import.Median / floor.Median:0.00} × B4, the engine's own floor for the same rows"),
        });
    }
}

if (Runs("M4"))
{
    var (sweepRate, lagP50, lagP95, lagMax) = await SweepMeasurements.SweepAsync(sizes.DueDeadlines, repetitions: quick ? 2 : 5);
    results.AddRange([sweepRate, lagP50, lagP95, lagMax]);
}

// B3 and M5–M9 go together: M5 is judged against B3, and M5–M8 read the database M9 seeds.
if (Runs("B3") || Runs("M5") || Runs("M6") || Runs("M7") || Runs("M8") || Runs("M9"))
{
    Result b3;
    await using (var grouped = await BenchDatabase.CreateAsync())
    {
        b3 = await Baselines.GroupByAsync(grouped.Db, sizes.Cases);
        results.Add(b3);
    }

    await using var seeded = await BenchDatabase.CreateAsync(migrate: false);
    // The full run's million cases take minutes to seed: reused when the same migrations and seeding code made them.
    // --quick measures M9 each time and keeps nothing, unless told where to keep it (--seed-cache).
    var cache = quick && Option("--seed-cache") is null ? null : new SeedCache(Option("--seed-cache") ?? SeedCache.DefaultFolder);
    results.Add(await ScaleMeasurements.SeedAsync(seeded, sizes.Cases, sizes.SeedRepetitions, cache, reuse: !args.Contains("--fresh-seed")));
    results.Add((await ScaleMeasurements.DashboardAsync(seeded, sizes.Cases)).Against(b3, "≤ 0.25 × B3", r => r <= 0.25));
    results.Add((await ScaleMeasurements.FirstPageAsync(seeded)).Goal("≤ 20 ms", m => m <= 20));
    results.AddRange((await ScaleMeasurements.OpenPagesAsync(seeded)).Select(r => r.Goal("≤ 20 ms", m => m <= 20)));
    if (Runs("M7") || Runs("M8"))
    {
        results.AddRange(await HttpMeasurements.RunAsync(seeded, sizes.Http));
    }
}

await Measure.WriteAsync(outFolder, results, Machine());
return Verdict(results);

static int Verdict(IReadOnlyList<Result> results)
{
    var missed = Measure.Missed(results);
    foreach (var r in missed)
    {
        Console.WriteLine($"GOAL {(r.Failure is null ? "NOT MET" : "FAILED")}: {r.Name} (goal {r.Goal}){(r.Failure is null ? "" : ": " + r.Failure)}");
    }

    return missed.Count == 0 ? 0 : 1;
}

/// <summary>How much each measurement does: --quick fits in minutes on 2 cores; the full run uses a million cases.</summary>
internal sealed record Sizes(
    int CommitRows, int BatchedBatches, int FireRounds, int Transitions, int Registrations, int ImportBatches,
    int DueDeadlines, int Cases, int SeedRepetitions, HttpSizes Http)
{
    public static Sizes Quick { get; } = new(
        CommitRows: 300, BatchedBatches: 5, FireRounds: 50_000, Transitions: 200, Registrations: 200, ImportBatches: 2,
        DueDeadlines: 1_000, Cases: 20_000, SeedRepetitions: 1,
        Http: new HttpSizes(WarmUp: TimeSpan.FromSeconds(1), Duration: TimeSpan.FromSeconds(2), Runs: 2));

    public static Sizes Full { get; } = new(
        CommitRows: 2_000, BatchedBatches: 50, FireRounds: 250_000, Transitions: 1_000, Registrations: 1_000, ImportBatches: 10,
        DueDeadlines: 10_000, Cases: 1_000_000, SeedRepetitions: 1,
        Http: new HttpSizes(WarmUp: TimeSpan.FromSeconds(3), Duration: TimeSpan.FromSeconds(10), Runs: 3));
}
