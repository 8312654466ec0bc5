using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Operations;

public sealed class MetricsTests(OperationsApp app) : IClassFixture<OperationsApp>
{
    private static readonly string[] Listed =
    [
        "caseflow_open_cases", "caseflow_sweep_runs_total", "caseflow_sweep_lag_seconds", "caseflow_deadlines_due_unfired",
        "caseflow_outbox_messages", "http_requests_received_total", "http_request_duration_seconds", "caseflow_database_size_bytes",
        "caseflow_last_backup_age_seconds",
    ];

    [Fact]
    public async Task Metrics_ForTheAdmin_ServeEveryListedMetric_InPrometheusTextFormat()
    {
        var admin = await app.SignInAsync(await app.CreateUserAsync(Roles.Admin));

        var response = await admin.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var text = await response.Content.ReadAsStringAsync();
        Listed.Where(name => !text.Contains($"# TYPE {name} ", StringComparison.Ordinal)).Should().BeEmpty();
        long pending;
        await using (var connection = await app.Database.OpenAsync())
        {
            pending = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending'");
        }

        text.Should().Contain($"caseflow_outbox_messages{{status=\"pending\"}} {pending}", "the gauge counts the outbox table's pending rows");
    }

    [Fact]
    public async Task Metrics_CountOpenCasesByColourAndLevel_AndRequestsByRoute()
    {
        var township = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        await township.UseCsrfTokenAsync();
        var admin = await app.SignInAsync(await app.CreateUserAsync(Roles.Admin));
        var before = Sample(await admin.GetStringAsync("/metrics"), "caseflow_open_cases{color=\"yellow\",level=\"1\"}");

        var registered = await township.PostAsJsonAsync("/api/v1/cases", app.Dispute());
        registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var text = await admin.GetStringAsync("/metrics");

        Sample(text, "caseflow_open_cases{color=\"yellow\",level=\"1\"}").Should().Be(before + 1);
        text.Should().MatchRegex("http_requests_received_total\\{[^}]*endpoint=\"/api/v1/cases/?\"[^}]*\\} [1-9]");
        text.Should().MatchRegex("http_request_duration_seconds_count\\{[^}]*endpoint=\"/api/v1/cases/?\"");
    }

    [Fact]
    public async Task Metrics_ForAMediator_Answer403_AndTheRefusalIsAudited()
    {
        var username = await app.CreateUserAsync(Roles.Mediator, app.Org.Group);
        var mediator = await app.SignInAsync(username);

        var response = await mediator.GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("caseflow_open_cases");
        (await app.AuditRowsAsync("permission.denied", username)).Should().ContainSingle(r => r.EntityId == "/metrics");
    }

    [Fact]
    public async Task Metrics_WithoutASession_OutsideTheConfiguredNetworks_Answer401()
    {
        var response = await app.NewClient().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(401);
    }

    private static double Sample(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.Should().NotBeNull($"{series} is in the metrics");
        return double.Parse(line![(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The monitoring network: the test server's client address lies in it.</summary>
public sealed class MonitoringNetworkApp : OperationsApp
{
    protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
    {
        ["Metrics:AllowedNetworks:0"] = "203.0.113.0/24",
    };
}

public sealed class MetricsNetworkTests(MonitoringNetworkApp app) : IClassFixture<MonitoringNetworkApp>
{
    [Fact]
    public async Task Metrics_FromAConfiguredNetwork_AnswerWithoutASession()
    {
        var response = await app.NewClient().GetAsync("/metrics");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE caseflow_open_cases gauge");
    }

    [Fact]
    public async Task Metrics_FromAConfiguredNetwork_StillRefuseNothingElse_TheApiNeedsItsSession()
    {
        var response = await app.NewClient().GetAsync("/api/v1/cases");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32().Should().Be(401);
    }
}
