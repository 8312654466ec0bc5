using System.Globalization;
using System.Runtime.InteropServices;
using CaseFlow.Bench;

// dotnet run -c Release --project tools/CaseFlow.Bench -- [--quick] [--out DIR] [--only M2,M3]
const string Usage = "Usage: CaseFlow.Bench [--quick] [--out DIR] [--only IDS]\n"
    + "  --quick      smaller sizes, finishes in minutes\n"
    + "  --out DIR    where bench-results.json goes (artifacts/bench)\n"
    + "  --only IDS   run only these measurements, e.g. M2,M3 (B1 always runs: M2 and M3 are judged against it)";
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
var unknown = args.Where((a, i) => a is not ("--quick" or "--out" or "--only") && (i == 0 || args[i - 1] is not ("--out" or "--only"))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown argument {unknown[0]}.\n{Usage}");
    return 2;
}

bool Runs(string id) => only is null || only.Contains(id);

var sizes = quick ? Sizes.Quick : Sizes.Full;
var machine = new
{
    date = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
    cores = Environment.ProcessorCount,
    memoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
    os = RuntimeInformation.OSDescription,
    runtime = RuntimeInformation.FrameworkDescription,
    mode = quick ? "quick" : "full",
    sizes,
};
Console.WriteLine($"CaseFlow benchmarks ({machine.mode}): {machine.cores} cores, {machine.memoryGiB} GiB, {machine.runtime}");
Console.WriteLine($"{"measurement",-58} {"min",12} {"median",12} {"max",12}  unit");

var results = new List<Result>();
// M4 alone needs no baseline: its goal is against the sweep interval, not B1.
if (only is { Count: 1 } && only.Contains("M4"))
{
    var (drain, p50, p95, max) = await SweepMeasurements.SweepAsync(sizes.DueDeadlines, repetitions: quick ? 3 : 5);
    await Measure.WriteAsync(outFolder, [drain, p50, p95, max], machine);
    return 0;
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
        results.Add((await SweepMeasurements.BatchedRegisterAsync(bench, sizes.ImportBatches)).Goal("≥ 20,000 cases/s", m => m >= 20_000));
    }
}

if (Runs("M4"))
{
    var (sweepRate, lagP50, lagP95, lagMax) = await SweepMeasurements.SweepAsync(sizes.DueDeadlines, repetitions: quick ? 3 : 5);
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
    results.Add(await ScaleMeasurements.SeedAsync(seeded, sizes.Cases, sizes.SeedRepetitions));
    results.Add((await ScaleMeasurements.DashboardAsync(seeded, sizes.Cases)).Against(b3, "≤ 1.5 × B3", r => r <= 1.5));
    results.Add((await ScaleMeasurements.FirstPageAsync(seeded)).Goal("≤ 20 ms", m => m <= 20));
    results.AddRange((await ScaleMeasurements.OpenPagesAsync(seeded)).Select(r => r.Goal("≤ 20 ms", m => m <= 20)));
    results.AddRange(await HttpMeasurements.RunAsync(seeded, sizes.HttpDuration, repetitions: 5));
}

await Measure.WriteAsync(outFolder, results, machine);
return 0;

/// <summary>How much each measurement does: --quick fits in minutes on 2 cores; the full run uses a million cases.</summary>
internal sealed record Sizes(
    int CommitRows, int BatchedBatches, int FireRounds, int Transitions, int Registrations, int ImportBatches,
    int DueDeadlines, int Cases, int SeedRepetitions, TimeSpan HttpDuration)
{
    public static Sizes Quick { get; } = new(
        CommitRows: 300, BatchedBatches: 5, FireRounds: 200_000, Transitions: 200, Registrations: 200, ImportBatches: 2,
        DueDeadlines: 1_000, Cases: 20_000, SeedRepetitions: 5, HttpDuration: TimeSpan.FromSeconds(3));

    public static Sizes Full { get; } = new(
        CommitRows: 2_000, BatchedBatches: 50, FireRounds: 2_000_000, Transitions: 1_000, Registrations: 1_000, ImportBatches: 10,
        DueDeadlines: 10_000, Cases: 1_000_000, SeedRepetitions: 1, HttpDuration: TimeSpan.FromSeconds(30));
}
