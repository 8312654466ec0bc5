using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CaseFlow.Data.Users;
using Dapper;

namespace CaseFlow.Bench;

/// <summary>How long each M7 page is loaded: a warm-up run, then <see cref="Runs"/> measured runs.</summary>
public sealed record HttpSizes(TimeSpan WarmUp, TimeSpan Duration, int Runs);

/// <summary>
/// M7 and M8: the web host (Release, Production, scheduler off so the load is reads only) on the seeded database,
/// each page and API a user opens daily loaded by <c>wrk</c> over loopback, signed in as the role that opens it; then
/// the host's peak resident memory over the whole M7 run.
/// </summary>
public static class HttpMeasurements
{
    /// <summary>The goal of every page: p95 of completed requests, and no request that failed or timed out.</summary>
    public const string PageGoal = "p95 ≤ 50 ms, no errors";

    private const string Password = "bench-password-123";

    /// <summary>The number-search key of the bench's synthetic data (no real person's number is ever hashed with it).</summary>
    internal static byte[] NumberHashKey { get; } = System.Security.Cryptography.SHA256.HashData("caseflow-bench synthetic parties"u8);

    /// <summary>One row: a page or API, who opens it, and the addresses wrk picks from at random.</summary>
    public sealed record Page(string Key, string Label, string Role, IReadOnlyList<string> Paths, string Scope);

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchDatabase bench, HttpSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(bench);
        ArgumentNullException.ThrowIfNull(sizes);
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine("M7/M8 FAILED: wrk is not installed (apt-get install wrk)");
            return [new Result("M7 every page over HTTP", "", 0, 0, 0) { Goal = PageGoal, Met = false, Failure = "wrk is not installed (apt-get install wrk)" }];
        }

        var (pages, users) = await PrepareAsync(bench);
        var port = FreePort();
        var hostOutput = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var host = StartHost(bench, port, output: hostOutput);
        var results = new List<Result>();
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            var cookies = new Dictionary<string, string>();
            foreach (var (role, username) in users)
            {
                cookies[role] = await SignInAsync(baseUrl, host, username, hostOutput);
            }

            foreach (var page in pages)
            {
                var script = Path.Combine(bench.Folder, $"m7-{page.Key}.lua");
                await File.WriteAllTextAsync(script, WrkRun.Script(page.Paths));
                var warm = await WrkRun.RunAsync(baseUrl, cookies[page.Role], script, sizes.WarmUp, seed: 1);
                var runs = new List<WrkRun>();
                for (var run = 0; run < sizes.Runs; run++)
                {
                    runs.Add(await WrkRun.RunAsync(baseUrl, cookies[page.Role], script, sizes.Duration, seed: run + 2));
                }

                var result = Judge(page, runs, sizes.Duration, warm);
                Console.WriteLine(Measure.Row(result) + $"  {result.Http!.RequestsPerSecond:0.#} req/s, p50 {result.Http.P50Ms:0.##} ms, p99 {result.Http.P99Ms:0.##} ms");
                results.Add(result.Goal(PageGoal, p95 => p95 <= 50));
            }

            // VmHWM is the peak over the process's life: every page above, the sign-ins and the start-up.
            var peak = PeakResidentMegabytes(host.Id);
            var memory = new Result("M8 web host peak resident memory over the whole M7 run", "MB", peak, peak, peak)
            {
                Note = "VmHWM of the host process, read after the last M7 run",
            };
            Console.WriteLine(Measure.Row(memory));
            results.Add(memory.Goal("≤ 300 MB", m => m <= 300));
        }
        finally
        {
            host.Kill(entireProcessTree: true);
        }

        return results;
    }

    /// <summary>
    /// One page's row: min / median / max of the runs' p95, the other figures in <see cref="Result.Http"/>, and a
    /// failure when any measured request was not 2xx, hit a socket error or timed out.
    /// </summary>
    public static Result Judge(Page page, IReadOnlyList<WrkRun> runs, TimeSpan duration, WrkRun? warmUp = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("At least one measured run.", nameof(runs));
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var p95 = runs.Select(r => r.P95Ms).Order().ToList();
        var requests = runs.Sum(r => r.Requests);
        var non2xx = runs.Sum(r => r.Non2xx);
        var socket = runs.Sum(r => r.SocketErrors);
        var timeouts = runs.Sum(r => r.Timeouts);
        var failure = non2xx + socket + timeouts == 0 && requests > 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{timeouts:N0} timed out, {non2xx:N0} not 2xx, {socket:N0} socket errors; {requests:N0} answered in {runs.Count} runs");
        var warmNote = warmUp is { Errors: > 0 } w
            ? string.Create(CultureInfo.InvariantCulture, $"; the warm-up run had {w.Timeouts:N0} timeouts, {w.Non2xx:N0} not 2xx, {w.SocketErrors:N0} socket errors")
            : "";
        return new Result($"M7 {page.Label} ({page.Role}), p95", "ms", p95[0], Median(p95), p95[^1])
        {
            Key = "M7." + page.Key,
            Failure = failure,
            Note = $"{page.Scope}; {page.Paths.Count:N0} address(es) at random; wrk -t1 -c32 --timeout 2s over loopback on the same cores{warmNote}",
            Http = new HttpFigures(
                page.Role, Median(runs.Select(r => r.RequestsPerSecond)), Median(runs.Select(r => r.P50Ms)), Median(p95), Median(runs.Select(r => r.P99Ms)),
                requests, non2xx, socket, timeouts, runs.Count, duration.TotalSeconds),
        };
    }

    /// <summary>
    /// Signs the roles in: a county manager (case detail, dashboard, case list with a text search), a mediator and a
    /// township user of the town with the most cases awaiting acceptance at the town itself (workbench, inbox), an
    /// auditor of the county (audit list); and draws each page's addresses from the data.
    /// </summary>
    private static async Task<(IReadOnlyList<Page> Pages, IReadOnlyList<(string Role, string Username)> Users)> PrepareAsync(BenchDatabase bench)
    {
        await using var connection = await bench.Db.OpenAsync();
        var county = await connection.QueryFirstAsync<(long Id, string Path, string Name)>(
            "SELECT id, path, name FROM org_units WHERE kind = 'county' ORDER BY id LIMIT 1");
        var pattern = county.Path + "*";
        var town = await connection.QueryFirstOrDefaultAsync<(long Id, string Path, string Name)?>("""
            SELECT u.id, u.path, u.name FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE u.kind = 'town' AND u.path GLOB @Pattern
              AND c.state IN ('Level1AwaitingAcceptance', 'Level2AwaitingAcceptance', 'Level3AwaitingAcceptance')
            GROUP BY u.id, u.path, u.name ORDER BY COUNT(*) DESC, u.id LIMIT 1
            """, new { Pattern = pattern })
            ?? await connection.QueryFirstAsync<(long Id, string Path, string Name)>(
                "SELECT id, path, name FROM org_units WHERE kind = 'town' AND path GLOB @Pattern ORDER BY id LIMIT 1", new { Pattern = pattern });

        var hash = new Passwords().Hash(Password);
        (string Role, string Username, long Unit)[] users =
        [
            ("manager", "bench-manager", county.Id),
            ("mediator", "bench-mediator", town.Id),
            ("township", "bench-township", town.Id),
            ("auditor", "bench-auditor", county.Id),
        ];
        foreach (var (role, username, unit) in users)
        {
            await bench.Db.InTransactionAsync((c, t) => bench.Users.CreateAsync(c, t, new NewUser(username, "基准" + role, hash, unit, [role])));
        }

        var ids = (await connection.QueryAsync<long>(
            "SELECT c.id FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE u.path GLOB @Pattern ORDER BY random() LIMIT 20000",
            new { Pattern = pattern })).AsList();
        if (ids.Count == 0)
        {
            throw new InvalidOperationException($"The seeded county {county.Name} has no cases.");
        }

        // What a user types into the search box: a whole enterprise name or a party's name, drawn from the county.
        var enterprises = await connection.QueryAsync<string>(
            "SELECT e.name FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id WHERE u.path GLOB @Pattern ORDER BY random() LIMIT 25",
            new { Pattern = pattern });
        var parties = await connection.QueryAsync<string>(
            "SELECT name FROM case_parties WHERE case_id IN @Ids AND kind = 'worker' ORDER BY id LIMIT 25", new { Ids = ids.Take(25) });
        var terms = enterprises.Concat(parties).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct().ToList();
        if (terms.Count == 0)
        {
            throw new InvalidOperationException($"The seeded county {county.Name} has no enterprise or party names to search for.");
        }

        var countyScope = $"county {county.Name} ({county.Path})";
        var townScope = $"town {town.Name} ({town.Path})";
        var search = terms.Select(Uri.EscapeDataString).ToList();
        IReadOnlyList<Page> pages =
        [
            new("case-api", "GET /api/v1/cases/{id}", "manager", [.. ids.Select(id => $"/api/v1/cases/{id}")], countyScope + ", random case ids in it"),
            new("case-page", "GET /cases/{id}", "manager", [.. ids.Select(id => $"/cases/{id}")], countyScope + ", random case ids in it"),
            new("workbench-page", "GET /cases (mediator workbench)", "mediator", ["/cases"], townScope),
            new("inbox-page", "GET /inbox", "township", ["/inbox"], townScope),
            new("inbox-api", "GET /api/v1/inbox", "township", ["/api/v1/inbox"], townScope),
            new("dashboard-api", "GET /api/v1/dashboard", "manager", ["/api/v1/dashboard"], countyScope + ", its figures reused for Dashboard:FiguresSeconds (10 s, as shipped)"),
            new("dashboard-page", "GET /dashboard", "manager", ["/dashboard"], countyScope + ", its figures reused for Dashboard:FiguresSeconds (10 s, as shipped)"),
            new("list-page-text", "GET /cases?text=… (case list, text search)", "manager", [.. search.Select(t => "/cases?text=" + t)], countyScope + $", {terms.Count} enterprise and party names"),
            new("list-api-text", "GET /api/v1/cases?text=… (text search)", "manager", [.. search.Select(t => "/api/v1/cases?text=" + t)], countyScope + $", {terms.Count} enterprise and party names"),
            new("audit-page", "GET /audit (audit list)", "auditor", ["/audit"], countyScope),
        ];
        return (pages, [.. users.Select(u => (u.Role, u.Username))]);
    }

    /// <summary>The built web host on the benchmark's database, its scheduler off unless <paramref name="settings"/> say otherwise.</summary>
    internal static Process StartHost(
        BenchDatabase bench, int port, IReadOnlyDictionary<string, string>? settings = null, System.Collections.Concurrent.ConcurrentQueue<string>? output = null)
    {
        var web = Repository.Built("src/CaseFlow.Web", "CaseFlow.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(web)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Sqlite__DataFolder"] = bench.Folder;
        start.Environment["Database__Sqlite__FileName"] = Path.GetFileName(bench.FilePath);
        start.Environment["Scheduling__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        // Production refuses to start without the number-search key: the bench's synthetic data has a fixed one, so the
        // hashes filled in before the seed was cached are the host's (else each start hashes every party anew). Plain
        // HTTP on loopback, so the session cookie must not be Secure-only.
        start.Environment["PersonalData__NumberHashKey"] = Convert.ToBase64String(NumberHashKey);
        start.Environment["Hosting__RequireHttps"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        void Keep(string? line)
        {
            if (line is not null && output is not null)
            {
                output.Enqueue(line);
                while (output.Count > 200 && output.TryDequeue(out _))
                {
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>
    /// Signs <paramref name="username"/> in once the host answers. A host on a big database may take minutes to start
    /// (migrations, the number backfill); one that exits fails the run with its own last words.
    /// </summary>
    private static async Task<string> SignInAsync(string baseUrl, Process host, string username, IEnumerable<string> hostOutput)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(baseUrl) };
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = Password });
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"Signing in as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                break;
            }
            catch (HttpRequestException) when (!host.HasExited && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(15))
            {
                await Task.Delay(500);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException(
                    $"The web host did not answer ({(host.HasExited ? $"it exited with {host.ExitCode}" : "15 minutes")}): {e.Message}{Environment.NewLine}{string.Join(Environment.NewLine, hostOutput.TakeLast(40))}", e);
            }
        }

        return string.Join("; ", cookies.GetCookies(new Uri(baseUrl)).Select(c => $"{c.Name}={c.Value}"));
    }

    private static double PeakResidentMegabytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        throw new InvalidOperationException("VmHWM not found in /proc status.");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
