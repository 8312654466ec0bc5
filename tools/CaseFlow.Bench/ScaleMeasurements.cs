using System.Diagnostics;
using CaseFlow.Data.Cases;
using Dapper;

namespace CaseFlow.Bench;

/// <summary>M9, M5, M6: seeding a county-to-province database, then the dashboard and the first list page over it.</summary>
public static class ScaleMeasurements
{
    /// <summary>
    /// M9: <c>caseflow seed</c>, run as the operator runs it, into <paramref name="bench"/>'s file; the last run's
    /// database stays for M5–M8. With a <paramref name="cache"/>, a seed the same code made before is copied in
    /// instead (unless not <paramref name="reuse"/>) and M9 reports that seed's own figure (its note says so); a fresh
    /// seed is kept in the cache.
    /// </summary>
    public static async Task<Result> SeedAsync(BenchDatabase bench, int cases, int repetitions, SeedCache? cache = null, bool reuse = true)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var name = $"M9 caseflow seed --cases {cases:N0} (2 counties)";
        string[] seedArgs = ["--cases", cases.ToString(System.Globalization.CultureInfo.InvariantCulture), "--counties", "2", "--seed", "2026"];
        var key = cache is null ? null : SeedCache.Key(Repository.Root, string.Join(' ', seedArgs) + " +number hashes with the bench key");
        if (cache is not null && key is not null && reuse)
        {
            var copying = Stopwatch.GetTimestamp();
            if (await cache.TryRestoreAsync(key, bench.FilePath) is { } cached)
            {
                var reused = new Result(name, "cases/s", cached.CasesPerSecond, cached.CasesPerSecond, cached.CasesPerSecond)
                {
                    Note = $"reused: seeded {cached.SeededAt} by the same migrations and seeding code (cache {key}, {cached.Seconds:0} s then); "
                        + $"copied in {Stopwatch.GetElapsedTime(copying).TotalSeconds:0} s. --fresh-seed seeds again",
                };
                Console.WriteLine(Measure.Row(reused) + "  (reused from the seed cache)");
                return reused;
            }
        }

        var samples = new List<double>();
        var seconds = 0.0;
        for (var rep = 0; rep < repetitions; rep++)
        {
            await bench.ResetFileAsync();
            await RunCliAsync("db", "migrate", "--connection", bench.FilePath);
            var started = Stopwatch.GetTimestamp();
            await RunCliAsync(["seed", "--connection", bench.FilePath, .. seedArgs]);
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            samples.Add(cases / seconds);
        }

        // The CLI seeds without the number-search key; the web host would hash every party at its first start (minutes
        // at a million cases, before it listens). Done here once, with the bench's key, so the cached seed has them.
        var hashing = Stopwatch.GetTimestamp();
        var hashed = await new PartyNumberBackfill(bench.Db, new PartyNumbers(HttpMeasurements.NumberHashKey)).RunAsync();
        var hashSeconds = Stopwatch.GetElapsedTime(hashing).TotalSeconds;
        Console.WriteLine($"    number hashes of {hashed:N0} parties filled in {hashSeconds:0.#} s (the web host's first start does it otherwise)");

        samples.Sort();
        var result = new Result(name, "cases/s", samples[0], samples[samples.Count / 2], samples[^1])
        {
            Note = (repetitions == 1 ? "one run at this size: a run takes minutes; " : "")
                + $"then the number hashes of {hashed:N0} parties, {hashSeconds:0} s, not in the figure",
        };
        Console.WriteLine(Measure.Row(result));
        if (cache is not null && key is not null)
        {
            await cache.StoreAsync(key, bench.FilePath, cases, samples[samples.Count / 2], seconds, TimeProvider.System.GetUtcNow());
            Console.WriteLine($"    kept the seeded database in {Path.Combine(cache.Folder, key)} for the next run of this code");
        }

        return result;
    }

    /// <summary>
    /// M5: the dashboard query (colour × level × unit, overdue, money, trend) over every case in the database, counted
    /// anew on every call: the bench's queries reuse no dashboard (no <see cref="Data.Cases.DashboardOptions"/>).
    /// </summary>
    public static async Task<Result> DashboardAsync(BenchDatabase bench, int cases) =>
        await Measure.RunAsync($"M5 dashboard over {cases:N0} cases", "ms", () => Measure.MillisecondsAsync(() => bench.Queries.DashboardAsync("/")))
        with { Note = "counted anew on every call (the host reuses a root's dashboard for Dashboard:FiguresSeconds; this measures the count)" };

    /// <summary>M6: the first page of the urgency-sorted case list for the busiest town, with its total.</summary>
    public static async Task<Result> FirstPageAsync(BenchDatabase bench)
    {
        string town;
        await using (var connection = await bench.Db.OpenAsync())
        {
            town = await connection.ExecuteScalarAsync<string>("""
                SELECT t.path FROM org_units AS t
                WHERE t.kind = 'town'
                ORDER BY (SELECT COUNT(*) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE u.path GLOB t.path || '*') DESC, t.id
                LIMIT 1
                """) ?? throw new InvalidOperationException("The seeded database has no town.");
        }

        return await Measure.RunAsync("M6 first page of a town's cases, most urgent first", "ms", () =>
            Measure.MillisecondsAsync(() => bench.Queries.ListAsync(new CaseFilter { Limit = 20 }, town)));
    }

    /// <summary>
    /// M6 as the workbench reads it now: the busiest town's open cases, first page and the page after it (keyset), and a
    /// text search over them that matches nothing (the worst case: every open case of the town is looked at).
    /// </summary>
    public static async Task<IReadOnlyList<Result>> OpenPagesAsync(BenchDatabase bench)
    {
        string town;
        await using (var connection = await bench.Db.OpenAsync())
        {
            town = await connection.ExecuteScalarAsync<string>("""
                SELECT t.path FROM org_units AS t
                WHERE t.kind = 'town'
                ORDER BY (SELECT COUNT(*) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE u.path GLOB t.path || '*') DESC, t.id
                LIMIT 1
                """) ?? throw new InvalidOperationException("The seeded database has no town.");
        }

        var open = new CaseFilter { Limit = 20, OpenOnly = true };
        var first = await bench.Queries.ListAsync(open, town);
        var after = CaseCursor.TryParse(first.Next, out var cursor) ? cursor : null;
        return
        [
            await Measure.RunAsync("M6 first page of a town's open cases (keyset)", "ms", () =>
                Measure.MillisecondsAsync(() => bench.Queries.ListAsync(open, town))),
            await Measure.RunAsync("M6 next page of a town's open cases (keyset)", "ms", () =>
                Measure.MillisecondsAsync(() => bench.Queries.ListAsync(open with { After = after }, town))),
            await Measure.RunAsync("M6 text search of a town's open cases, no match", "ms", () =>
                Measure.MillisecondsAsync(() => bench.Queries.ListAsync(open with { Text = "无此企业" }, town))),
        ];
    }

    /// <summary>Runs the built <c>caseflow</c> of the same configuration as this benchmark.</summary>
    public static async Task RunCliAsync(params string[] args)
    {
        var cli = Repository.Built("tools/CaseFlow.Cli", "caseflow.dll");
        using var process = Process.Start(new ProcessStartInfo("dotnet", ["exec", cli, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"caseflow {string.Join(' ', args)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}

/// <summary>Where the repository and the other built projects are, from this benchmark's own output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this benchmark was built in (Release, normally).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>The built file <paramref name="file"/> of the project in <paramref name="projectFolder"/>.</summary>
    public static string Built(string projectFolder, string file)
    {
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", file);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is not built; build the solution in {Configuration} first.", path);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CaseFlow.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CaseFlow.sln not found above the benchmark's folder.");
    }
}
