using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CaseFlow.Data.Users;
using Dapper;

namespace CaseFlow.Bench;

/// <summary>
/// M7 and M8: the web host (Release, Production, scheduler off so the load is reads only) on the seeded database,
/// signed in as a county manager, loaded by <c>wrk</c> over loopback; then the host's peak resident memory.
/// </summary>
public static partial class HttpMeasurements
{
    private const string Password = "bench-password-123";

    public static async Task<IReadOnlyList<Result>> RunAsync(BenchDatabase bench, TimeSpan duration, int repetitions)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Console.WriteLine("M7/M8 skipped: wrk is not installed (apt-get install wrk)");
            return [new Result("M7 skipped: wrk is not installed (apt-get install wrk)", "", 0, 0, 0)];
        }

        var (countyPath, ids) = await PrepareAsync(bench);
        var port = FreePort();
        using var host = StartHost(bench, port);
        var baseUrl = $"http://127.0.0.1:{port}";
        var cookie = await SignInAsync(baseUrl, host);
        var script = Path.Combine(bench.Folder, "cases.lua");
        await File.WriteAllTextAsync(script, LuaScript(ids));

        var results = new List<Result>();
        foreach (var (name, path, lua) in new[]
        {
            ("M7 GET /api/v1/cases/{id} (random ids)", "/", script),
            ("M7 GET /api/v1/dashboard", "/api/v1/dashboard", (string?)null),
        })
        {
            var rates = new List<double>();
            var p99s = new List<double>();
            for (var rep = 0; rep <= repetitions; rep++)
            {
                var (rate, p99) = await WrkAsync(baseUrl + path, cookie, lua, rep == 0 ? TimeSpan.FromSeconds(3) : duration);
                if (rep > 0)
                {
                    rates.Add(rate);
                    p99s.Add(p99);
                }
            }

            rates.Sort();
            p99s.Sort();
            var rateResult = new Result($"{name}", "req/s", rates[0], rates[rates.Count / 2], rates[^1]) { Note = $"scope {countyPath}, wrk -t1 -c32 over loopback on the same 2 cores" };
            Console.WriteLine(Measure.Row(rateResult));
            results.Add(path == "/" ? rateResult.Goal("≥ 3,000 req/s on 2 cores", m => m >= 3000) : rateResult);
            var p99Result = new Result($"{name} p99 latency", "ms", p99s[0], p99s[p99s.Count / 2], p99s[^1]);
            Console.WriteLine(Measure.Row(p99Result));
            results.Add(p99Result);
        }

        var peak = PeakResidentMegabytes(host.Id);
        var memory = new Result("M8 web host peak resident memory after M7", "MB", peak, peak, peak).Goal("≤ 300 MB", m => m <= 300);
        Console.WriteLine(Measure.Row(memory));
        results.Add(memory);
        host.Kill(entireProcessTree: true);
        return results;
    }

    /// <summary>A county manager to sign in as, and random case ids in that county.</summary>
    private static async Task<(string CountyPath, IReadOnlyList<long> Ids)> PrepareAsync(BenchDatabase bench)
    {
        await using var connection = await bench.Db.OpenAsync();
        var county = await connection.QueryFirstAsync<(long Id, string Path)>("SELECT id, path FROM org_units WHERE kind = 'county' ORDER BY id LIMIT 1");
        var hash = new Passwords().Hash(Password);
        await bench.Db.InTransactionAsync((c, t) => bench.Users.CreateAsync(c, t, new NewUser("bench-manager", "基准管理员", hash, county.Id, ["manager"])));
        var ids = (await connection.QueryAsync<long>(
            "SELECT c.id FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id WHERE u.path GLOB @Pattern ORDER BY random() LIMIT 20000",
            new { Pattern = county.Path + "*" })).AsList();
        return (county.Path, ids);
    }

    /// <summary>The built web host on the benchmark's database, its scheduler off unless <paramref name="settings"/> say otherwise.</summary>
    internal static Process StartHost(BenchDatabase bench, int port, IReadOnlyDictionary<string, string>? settings = null)
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

        // Production refuses to start without the number-search key; the bench's synthetic data gets a fresh one. Plain
        // HTTP on loopback, so the session cookie must not be Secure-only.
        start.Environment["PersonalData__NumberHashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Hosting__RequireHttps"] = "false";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> SignInAsync(string baseUrl, Process host)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(baseUrl) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "bench-manager", password = Password });
                response.EnsureSuccessStatusCode();
                break;
            }
            catch (HttpRequestException) when (attempt < 120 && !host.HasExited)
            {
                await Task.Delay(500);
            }
        }

        return string.Join("; ", cookies.GetCookies(new Uri(baseUrl)).Select(c => $"{c.Name}={c.Value}"));
    }

    private static async Task<(double Rate, double P99Milliseconds)> WrkAsync(string url, string cookie, string? script, TimeSpan duration)
    {
        List<string> args = ["-t1", "-c32", $"-d{(int)duration.TotalSeconds}s", "--latency", "-H", $"Cookie: {cookie}"];
        if (script is not null)
        {
            args.AddRange(["-s", script]);
        }

        args.Add(url);
        using var wrk = Process.Start(new ProcessStartInfo("/usr/bin/wrk", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rate = RequestsPerSecond().Match(output);
        var p99 = Percentile99().Match(output);
        if (!rate.Success || !p99.Success || NonSuccess().Match(output) is { Success: true } bad && bad.Groups[1].Value != "0")
        {
            throw new InvalidOperationException($"wrk did not measure successful requests:{Environment.NewLine}{output}");
        }

        var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        var milliseconds = p99.Groups[2].Value switch { "us" => value / 1000, "ms" => value, "s" => value * 1000, _ => value * 60_000 };
        return (double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), milliseconds);
    }

    private static string LuaScript(IReadOnlyList<long> ids) =>
        "local ids = {" + string.Join(",", ids) + "}\n" +
        "request = function()\n  return wrk.format(\"GET\", \"/api/v1/cases/\" .. ids[math.random(#ids)])\nend\n";

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

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\s99%\s+([\d.]+)(us|ms|s|m)")]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
