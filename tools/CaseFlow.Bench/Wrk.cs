using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CaseFlow.Bench;

/// <summary>
/// What one <c>wrk</c> run measured, from the line its Lua <c>done</c> hook prints: every request wrk completed, the
/// ones that were not 2xx (3xx counts as an error here: a page that redirects is a page that was not served), the socket
/// errors and the timeouts (requests that got no answer within wrk's timeout: not in the latency figures at all).
/// </summary>
public sealed record WrkRun(
    long Requests, double Seconds, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    long Non2xx, long ConnectErrors, long ReadErrors, long WriteErrors, long Timeouts)
{
    /// <summary>The marker the Lua script writes before its JSON line.</summary>
    public const string Marker = "CASEFLOW-WRK ";

    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public long SocketErrors => ConnectErrors + ReadErrors + WriteErrors;

    /// <summary>Non-2xx responses, socket errors and timeouts: any of them fails the row.</summary>
    public long Errors => Non2xx + SocketErrors + Timeouts;

    /// <summary>The run's figures from wrk's standard output, or an exception naming what is missing.</summary>
    public static WrkRun Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var line = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no {Marker.Trim()} line (did the Lua script run?):{Environment.NewLine}{output}");
        using var json = JsonDocument.Parse(line[Marker.Length..]);
        var root = json.RootElement;
        long Long(string name) => root.GetProperty(name).GetInt64();
        double Ms(string name) => root.GetProperty(name).GetDouble() / 1000;
        return new WrkRun(
            Long("requests"), root.GetProperty("durationUs").GetDouble() / 1_000_000, Ms("p50Us"), Ms("p95Us"), Ms("p99Us"), Ms("maxUs"),
            Long("non2xx"), Long("connect"), Long("read"), Long("write"), Long("timeout"));
    }

    /// <summary>
    /// The Lua script for one page: each request a GET of one of <paramref name="paths"/> (picked at random, seeded
    /// by wrk's first script argument), each response's status counted per thread, and a <c>done</c> hook that prints
    /// the totals and the latency percentiles (µs) as one JSON line after <see cref="Marker"/>.
    /// </summary>
    public static string Script(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            throw new ArgumentException("A page needs at least one path.", nameof(paths));
        }

        var script = new StringBuilder();
        script.Append("-- Written by CaseFlow.Bench for one M7 row.\nlocal paths = {\n");
        foreach (var path in paths)
        {
            script.Append("  \"").Append(LuaString(path)).Append("\",\n");
        }

        script.Append("""
            }
            local threads = {}
            function setup(thread)
              table.insert(threads, thread)
            end
            function init(args)
              non2xx = 0
              math.randomseed(tonumber(args[1] or "1"))
            end
            function request()
              return wrk.format("GET", paths[math.random(#paths)])
            end
            function response(status, headers, body)
              if status < 200 or status > 299 then
                non2xx = non2xx + 1
              end
            end
            function done(summary, latency, requests)
              local bad = 0
              for _, thread in ipairs(threads) do
                bad = bad + (thread:get("non2xx") or 0)
              end
              local e = summary.errors
              io.write(string.format("
            """);
        script.Append(Marker);
        script.Append("""
            {\"requests\":%d,\"durationUs\":%d,\"non2xx\":%d,\"connect\":%d,\"read\":%d,\"write\":%d,\"timeout\":%d,\"p50Us\":%d,\"p95Us\":%d,\"p99Us\":%d,\"maxUs\":%d}\n",
                summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
                math.floor(latency:percentile(50)), math.floor(latency:percentile(95)), math.floor(latency:percentile(99)), math.floor(latency.max)))
            end

            """);
        return script.ToString();
    }

    /// <summary>
    /// Runs <c>wrk -t1 -c<paramref name="connections"/></c> for <paramref name="duration"/> with the script at
    /// <paramref name="scriptPath"/> against <paramref name="baseUrl"/>, signed in by <paramref name="cookie"/>.
    /// </summary>
    public static async Task<WrkRun> RunAsync(
        string baseUrl, string cookie, string scriptPath, TimeSpan duration, int seed, int connections = 32, int timeoutSeconds = 2)
    {
        string[] args =
        [
            "-t1", $"-c{connections}", $"-d{Math.Max(1, (int)Math.Round(duration.TotalSeconds))}s", $"--timeout", $"{timeoutSeconds}s",
            "-H", $"Cookie: {cookie}", "-s", scriptPath, baseUrl, "--", seed.ToString(CultureInfo.InvariantCulture),
        ];
        using var wrk = Process.Start(new ProcessStartInfo("/usr/bin/wrk", args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = wrk.StandardOutput.ReadToEndAsync();
        var error = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk exited {wrk.ExitCode}: {await error}{await output}");
        }

        return Parse(await output);
    }

    private static string LuaString(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
