using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Health;
using CaseFlow.Web.Operations;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Scheduling;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Operations;

/// <summary>The host with everything it logs captured, and a /health that fails while <see cref="Fail"/> is set.</summary>
public sealed class LoggedApp : OperationsApp
{
    public LogCapture Logs { get; } = new();

    public bool Fail { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // At the levels appsettings.json ships: ASP.NET Core's own request lines (with query strings) stay below Warning.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs)
            .AddFilter<LogCapture>(null, LogLevel.Information)
            .AddFilter<LogCapture>("Microsoft.AspNetCore", LogLevel.Warning));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IBackupHealth>(new FailingBackups(this));

    private sealed class FailingBackups(LoggedApp app) : IBackupHealth
    {
        // The message carries a number in clear, as a careless message might.
        public BackupHealth? Check() => app.Fail ? throw new InvalidOperationException("backup lookup for 13812345678 failed") : null;
    }
}

public sealed class RequestLogTests(LoggedApp app) : IClassFixture<LoggedApp>
{
    private const string IdNumber = "11010519491231002X";
    private const string Phone = "13812345678";

    [Fact]
    public async Task Requests_AreLoggedOneLineEach_WithUserCaseAndTraceId_AndNeverANumberInClear()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var township = await app.SignInAsync(username);
        await township.UseCsrfTokenAsync();
        var created = await township.PostAsJsonAsync("/api/v1/cases", app.Dispute(IdNumber, Phone));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        await township.GetStringAsync($"/api/v1/cases/{id}");
        await township.GetStringAsync($"/api/v1/cases?text={Phone}");
        await township.GetStringAsync($"/api/v1/cases?text={IdNumber}");
        await township.GetAsync($"/cases?text={Phone}");
        await township.GetAsync($"/cases/{id}");
        (await township.PostAsJsonAsync($"/api/v1/cases/{id}/reveal", new { purpose = "联系当事人" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await township.GetAsync($"/api/v1/cases/{IdNumber}");
        await township.GetAsync($"/lookup/{Phone}");

        var everything = string.Join("\n", app.Logs.Entries.Select(e => e.Message + " " + string.Join(" ", e.Values.Values)));
        everything.Should().NotContain(Phone).And.NotContain(IdNumber);
        everything.Should().Contain("138****5678", "a path with a number is logged masked");

        var line = app.Logs.Entries.Where(e => e.Category == "CaseFlow.Requests" && Equals(e.Values["CaseId"], id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        line.Should().Contain(e => Equals(e.Values["Method"], "GET") && Equals(e.Values["User"], username) && Equals(e.Values["Status"], 200));
        line.Should().OnlyContain(e => !string.IsNullOrEmpty(e.Values["TraceId"] as string));
        app.Logs.Entries.Count(e => e.Category == "CaseFlow.Requests" && Equals(e.Values["Path"], $"/api/v1/cases/{id}") && Equals(e.Values["Method"], "GET"))
            .Should().Be(1, "one request, one line");
    }

    [Fact]
    public async Task AnUnhandledError_OnTheApi_IsLoggedOnce_WithTheTraceIdTheProblemShows()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        app.Fail = true;
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/health");
        }
        finally
        {
            app.Fail = false;
        }

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var traceId = (await response.ReadProblemAsync()).GetProperty("traceId").GetString();
        traceId.Should().NotBeNullOrEmpty();
        var errors = app.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Message.Contains(traceId!, StringComparison.Ordinal)).ToList();
        errors.Should().ContainSingle();
        errors[0].Message.Should().Contain("138****5678").And.NotContain(Phone).And.Contain("InvalidOperationException");
    }

    [Fact]
    public async Task AnUnhandledError_OnAPage_ShowsTheErrorPageWithTheTraceId_LoggedOnce()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        app.Fail = true;
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync("/health");
        }
        finally
        {
            app.Fail = false;
        }

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        var traceId = Regex.Match(html, "<code id=\"trace-id\">([^<]+)</code>").Groups[1].Value;
        traceId.Should().NotBeEmpty();
        html.Should().Contain("出错了");
        app.Logs.Entries.Where(e => e.Level >= LogLevel.Error && e.Message.Contains(traceId, StringComparison.Ordinal)).Should().ContainSingle();
        app.Logs.Entries.Where(e => e.Category == "CaseFlow.Requests" && Equals(e.Values["TraceId"], traceId)).Should().ContainSingle()
            .Which.Values["Status"].Should().Be(500);
    }
}

/// <summary>The request line of a request that threw, with and without its client still there.</summary>
public sealed class RequestLogOutcomeTests
{
    [Theory]
    [InlineData(false, 500, LogLevel.Warning)]
    [InlineData(true, RequestLog.ClientClosedRequest, LogLevel.Information)]
    public async Task ARequestThatThrows_IsLogged500_UnlessItsClientHadGoneAway_ThenAs499(bool clientGone, int status, LogLevel level)
    {
        using var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        using var gone = new CancellationTokenSource();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = gone.Token };
        context.Request.Method = "GET";
        context.Request.Path = "/cases";
        var log = new RequestLog(
            _ =>
            {
                if (clientGone)
                {
                    gone.Cancel();
                    throw new OperationCanceledException(gone.Token);
                }

                throw new InvalidOperationException("broken");
            },
            loggers,
            TimeProvider.System);

        var run = () => log.InvokeAsync(context);

        await run.Should().ThrowAsync<Exception>();
        var line = logs.Entries.Should().ContainSingle(e => e.Category == RequestLog.Category).Which;
        line.Values["Status"].Should().Be(status);
        line.Level.Should().Be(level);
    }
}
