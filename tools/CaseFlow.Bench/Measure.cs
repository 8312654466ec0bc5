using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaseFlow.Bench;

/// <summary>One measurement: its samples summarised, and against what it is judged.</summary>
public sealed record Result(string Name, string Unit, double Min, double Median, double Max)
{
    /// <summary>A stable key for the report's template (M7.case-api), where the name alone is not one.</summary>
    public string? Key { get; init; }

    /// <summary>The baseline this measurement is a ratio of, e.g. "B1".</summary>
    public string? Baseline { get; init; }

    public double? BaselineMedian { get; init; }

    /// <summary>Median over the baseline's median.</summary>
    public double? Ratio { get; init; }

    public string? Goal { get; init; }

    public bool? Met { get; init; }

    public string? Note { get; init; }

    /// <summary>
    /// Why the row failed outright (requests that timed out or errored, say): a failed row is not met whatever its
    /// numbers, which then cover only what did succeed.
    /// </summary>
    public string? Failure { get; init; }

    /// <summary>An HTTP row's figures beyond the judged one (M7).</summary>
    public HttpFigures? Http { get; init; }

    /// <summary>"met", "not met" or "FAILED" for a row with a goal; null for one without.</summary>
    [JsonIgnore]
    public string? Status => Failure is not null ? "FAILED" : Goal is null ? null : Met == true ? "met" : "not met";
}

/// <summary>
/// One M7 row's wrk figures: medians over its measured runs of the rate and the latency percentiles (over completed
/// requests), and totals over those runs of the requests and of every kind of failure.
/// </summary>
public sealed record HttpFigures(
    string Role, double RequestsPerSecond, double P50Ms, double P95Ms, double P99Ms, long Requests,
    long Non2xx, long SocketErrors, long Timeouts, int Runs, double SecondsPerRun);

/// <summary>Warm-up, then repeated samples; the table and bench-results.json.</summary>
public static class Measure
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Runs <paramref name="sample"/> <paramref name="warmups"/> times unrecorded, then <paramref name="repetitions"/> times.</summary>
    public static async Task<Result> RunAsync(string name, string unit, Func<Task<double>> sample, int repetitions = 5, int warmups = 1)
    {
        for (var i = 0; i < warmups; i++)
        {
            await sample();
        }

        var values = new List<double>(repetitions);
        for (var i = 0; i < repetitions; i++)
        {
            values.Add(await sample());
        }

        values.Sort();
        var median = values.Count % 2 == 1
            ? values[values.Count / 2]
            : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
        var result = new Result(name, unit, values[0], median, values[^1]);
        Console.WriteLine(Row(result));
        return result;
    }

    /// <summary>Operations per second of <paramref name="count"/> operations.</summary>
    public static async Task<double> RateAsync(int count, Func<int, Task> operation)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await operation(i);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Milliseconds one call takes.</summary>
    public static async Task<double> MillisecondsAsync(Func<Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await operation();
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Judges <paramref name="result"/> against a baseline's median: ratio = median / baseline median.</summary>
    public static Result Against(this Result result, Result baseline, string goal, Func<double, bool> met)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(met);
        var ratio = result.Median / baseline.Median;
        var judged = result with
        {
            Baseline = baseline.Name.Split(' ')[0],
            BaselineMedian = baseline.Median,
            Ratio = ratio,
            Goal = goal,
            Met = met(ratio),
        };
        Console.WriteLine($"    {judged.Name}: {ratio:0.00} × {judged.Baseline} (goal {goal}) {(judged.Met == true ? "met" : "NOT met")}");
        return judged;
    }

    /// <summary>Judges <paramref name="result"/> against an absolute goal on its median.</summary>
    public static Result Goal(this Result result, string goal, Func<double, bool> met)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(met);
        var judged = result with { Goal = goal, Met = result.Failure is null && met(result.Median) };
        Console.WriteLine($"    {judged.Name}: goal {goal} {(judged.Met == true ? "met" : judged.Failure is null ? "NOT met" : "FAILED: " + judged.Failure)}");
        return judged;
    }

    public static string Row(Result r) => string.Create(
        CultureInfo.InvariantCulture, $"{r.Name,-58} {r.Min,12:0.###} {r.Median,12:0.###} {r.Max,12:0.###}  {r.Unit}");

    public static async Task WriteAsync(string folder, IReadOnlyList<Result> results, object machine)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "bench-results.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { machine, results }, Json));
        Console.WriteLine();
        Console.WriteLine($"{"measurement",-58} {"min",12} {"median",12} {"max",12}  unit");
        foreach (var r in results)
        {
            Console.WriteLine(Row(r) + (r.Ratio is { } ratio ? $"  ({ratio:0.00} × {r.Baseline}; goal {r.Goal}: {(r.Met == true ? "met" : "NOT met")})" : r.Goal is null ? "" : $"  (goal {r.Goal}: {r.Status?.ToUpperInvariant()})")
                + (r.Failure is null ? "" : $"  {r.Failure}"));
        }

        Console.WriteLine($"wrote {path}");
    }

    /// <summary>The rows whose goal is not met or that failed; the bench exits non-zero when there are any.</summary>
    public static IReadOnlyList<Result> Missed(IEnumerable<Result> results) =>
        [.. results.Where(r => r.Failure is not null || r.Met == false)];
}
