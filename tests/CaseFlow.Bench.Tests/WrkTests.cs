using System.Net;
using System.Net.Sockets;
using CaseFlow.Bench;

namespace CaseFlow.Bench.Tests;

/// <summary>A fact that runs only where wrk is installed (the benchmark's machine; CI may not have it).</summary>
public sealed class WrkFactAttribute : FactAttribute
{
    public WrkFactAttribute()
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            Skip = "wrk is not installed (apt-get install wrk)";
        }
    }
}

public sealed class WrkTests
{
    private const string Output = """
        Running 2s test @ http://127.0.0.1:5000
          1 threads and 32 connections
          Thread Stats   Avg      Stdev     Max   +/- Stdev
            Latency    12.00ms    3.00ms  80.00ms   90.00%
          800 requests in 2.00s, 1.00MB read
          Socket errors: connect 0, read 1, write 2, timeout 7
          Non-2xx or 3xx responses: 4
        CASEFLOW-WRK {"requests":800,"durationUs":2000000,"non2xx":5,"connect":0,"read":1,"write":2,"timeout":7,"p50Us":11000,"p95Us":42500,"p99Us":61000,"maxUs":80000}
        Requests/sec:    400.00
        Transfer/sec:      0.50MB
        """;

    private static readonly double[] ThreeP95s = [30, 45, 70];

    private static readonly HttpMeasurements.Page Page = new("case-api", "GET /api/v1/cases/{id}", "manager", ["/api/v1/cases/1"], "county 基准县");

    [Fact]
    public void Parse_ReadsTheDoneHooksLine_InMillisecondsWithEveryKindOfError()
    {
        var run = WrkRun.Parse(Output);

        run.Requests.Should().Be(800);
        run.Seconds.Should().Be(2);
        run.RequestsPerSecond.Should().Be(400);
        run.P50Ms.Should().Be(11);
        run.P95Ms.Should().Be(42.5);
        run.P99Ms.Should().Be(61);
        run.MaxMs.Should().Be(80);
        run.Non2xx.Should().Be(5, "the script's own count, 3xx included, not wrk's 'Non-2xx or 3xx' line");
        run.SocketErrors.Should().Be(3);
        run.Timeouts.Should().Be(7);
        run.Errors.Should().Be(15);
    }

    [Fact]
    public void Parse_WithoutTheDoneHooksLine_Throws_RatherThanReadingZero()
    {
        var act = () => WrkRun.Parse("Running 2s test\n  0 requests in 2.00s\nRequests/sec: 0.00\n");

        act.Should().Throw<InvalidOperationException>().WithMessage("*CASEFLOW-WRK*");
    }

    [Fact]
    public void Judge_AnyTimeout_FailsTheRow_EvenWithAFastP95()
    {
        var clean = new WrkRun(1000, 2, 5, 20, 30, 40, 0, 0, 0, 0, 0);
        var timedOut = clean with { Timeouts = 1 };

        var result = HttpMeasurements.Judge(Page, [clean, timedOut, clean], TimeSpan.FromSeconds(2)).Goal(HttpMeasurements.PageGoal, p95 => p95 <= 50);

        result.Median.Should().Be(20);
        result.Met.Should().BeFalse();
        result.Status.Should().Be("FAILED");
        result.Failure.Should().Contain("1 timed out").And.Contain("3,000 answered in 3 runs");
        result.Http!.Timeouts.Should().Be(1);
        Measure.Missed([result]).Should().ContainSingle();
    }

    [Fact]
    public void Judge_Non2xxOrSocketErrors_FailTheRow()
    {
        var clean = new WrkRun(1000, 2, 5, 20, 30, 40, 0, 0, 0, 0, 0);

        HttpMeasurements.Judge(Page, [clean with { Non2xx = 2 }], TimeSpan.FromSeconds(2)).Failure.Should().Contain("2 not 2xx");
        HttpMeasurements.Judge(Page, [clean with { ConnectErrors = 1, ReadErrors = 1 }], TimeSpan.FromSeconds(2)).Failure.Should().Contain("2 socket errors");
        HttpMeasurements.Judge(Page, [clean with { Requests = 0 }], TimeSpan.FromSeconds(2)).Failure.Should().Contain("0 answered", "a page that answered nothing is no measurement");
    }

    [Fact]
    public void Judge_CleanRuns_AreMetOrNotByTheMedianP95()
    {
        var runs = ThreeP95s.Select(p95 => new WrkRun(1000, 2, 5, p95, p95 + 10, p95 + 20, 0, 0, 0, 0, 0)).ToList();

        var met = HttpMeasurements.Judge(Page, runs, TimeSpan.FromSeconds(2)).Goal(HttpMeasurements.PageGoal, p95 => p95 <= 50);
        var slower = HttpMeasurements.Judge(Page, [.. runs.Select(r => r with { P95Ms = r.P95Ms + 10 })], TimeSpan.FromSeconds(2)).Goal(HttpMeasurements.PageGoal, p95 => p95 <= 50);

        met.Failure.Should().BeNull();
        (met.Min, met.Median, met.Max).Should().Be((30, 45, 70));
        met.Met.Should().BeTrue();
        met.Http!.RequestsPerSecond.Should().Be(500);
        met.Http.Requests.Should().Be(3000);
        met.Key.Should().Be("M7.case-api");
        slower.Met.Should().BeFalse();
        slower.Status.Should().Be("not met");
    }

    [WrkFact]
    public async Task Script_CountsNon2xxAndTimeouts_AgainstARealServer()
    {
        using var server = new TinyServer();
        var folder = Directory.CreateTempSubdirectory("caseflow-wrk-test").FullName;
        try
        {
            var mixed = Path.Combine(folder, "mixed.lua");
            await File.WriteAllTextAsync(mixed, WrkRun.Script(["/ok", "/missing", "/moved"]));
            var slow = Path.Combine(folder, "slow.lua");
            await File.WriteAllTextAsync(slow, WrkRun.Script(["/slow"]));

            // The other test assemblies run beside this one: the server answers once before the run, so its first answers
            // are not compiled during it, and the run is long enough to count more than a few on a loaded machine.
            using (var client = new HttpClient())
            {
                (await client.GetAsync(server.BaseUrl + "/ok")).EnsureSuccessStatusCode();
            }

            var run = await WrkRun.RunAsync(server.BaseUrl, "session=x", mixed, TimeSpan.FromSeconds(3), seed: 1, connections: 2);
            // wrk counts a response slower than its timeout as a timeout when it arrives, so the run outlasts /slow's answer
            // by far: on a loaded machine the first answers can arrive seconds late, and a run that ends first counts none.
            var stalled = await WrkRun.RunAsync(server.BaseUrl, "session=x", slow, TimeSpan.FromSeconds(6), seed: 1, connections: 2, timeoutSeconds: 1);

            run.Requests.Should().BeGreaterThan(10);
            run.Non2xx.Should().BeGreaterThan(0, "404 and 302 are not 2xx").And.BeLessThan(run.Requests, "/ok answers 200");
            run.Timeouts.Should().Be(0);
            run.P95Ms.Should().BeGreaterThan(0);
            server.Cookies.Should().Contain("session=x");
            stalled.Timeouts.Should().BeGreaterThan(0, "/slow answers after wrk's 1 s timeout");
            stalled.P95Ms.Should().Be(0, "a timed-out response is in no percentile");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A loopback HTTP server: /ok 200, /moved 302, /slow 200 after 1.5 s, anything else 404.</summary>
    private sealed class TinyServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();

        public TinyServer()
        {
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(BaseUrl + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string BaseUrl { get; }

        public System.Collections.Concurrent.ConcurrentBag<string> Cookies { get; } = [];

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _ = Task.Run(async () =>
                {
                    try
                    {
                        Cookies.Add(context.Request.Headers["Cookie"] ?? "");
                        var path = context.Request.Url!.AbsolutePath;
                        if (path == "/slow")
                        {
                            await Task.Delay(TimeSpan.FromSeconds(1.5), _stop.Token);
                        }

                        context.Response.StatusCode = path switch { "/ok" or "/slow" => 200, "/moved" => 302, _ => 404 };
                        if (path == "/moved")
                        {
                            context.Response.RedirectLocation = "/ok";
                        }

                        var body = "ok"u8.ToArray();
                        context.Response.ContentLength64 = body.Length;
                        await context.Response.OutputStream.WriteAsync(body);
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                    {
                        // The test is over or wrk hung up.
                    }
                });
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
