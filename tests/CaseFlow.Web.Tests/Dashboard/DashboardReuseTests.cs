using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;

namespace CaseFlow.Web.Tests.Dashboard;

/// <summary>The test host with the dashboard reused for 10 s, as shipped.</summary>
public sealed class DashboardReuseApp : LadderApp
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Dashboard:FiguresSeconds"] = "10",
    };
}

/// <summary>
/// One root's dashboard is counted once and reused until it is <c>Dashboard:FiguresSeconds</c> old: every figure is
/// as of the instant it states, and a change shows once that instant is that old.
/// </summary>
public sealed class DashboardReuseTests(DashboardReuseApp app) : IClassFixture<DashboardReuseApp>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task ADashboard_IsReusedWithinItsLifetime_AndCountedAgainOnceThatOld_EachWithTheInstantItWasCountedAt()
    {
        var manager = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager, app.Org.County));
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        await CasesThroughTheApi.RegisterAsync(
            township, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("李四", "330523199001011238", "13812345678", 8000m)));

        var first = await DashboardAsync(manager);
        var countedAt = app.Clock.GetUtcNow();
        first.CountedAt.Should().Be(countedAt);

        // A case registered 9 s later is not in the figures reused until 10 s have passed, nor is the instant moved.
        app.Clock.Advance(TimeSpan.FromSeconds(9));
        await CasesThroughTheApi.RegisterAsync(
            township, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("王五", "330523199001011246", "13812345679", 6000m)));
        var reused = await DashboardAsync(manager);
        reused.OpenCases.Should().Be(first.OpenCases);
        reused.CountedAt.Should().Be(countedAt);
        var page = await manager.PageAsync("/dashboard");
        page.Should().Contain($"datetime=\"{countedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"", "the page says when its figures were counted")
            .And.Contain("每 10 秒内重新统计");

        // At 10 s old they are counted again, with the new case and the new instant.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var recounted = await DashboardAsync(manager);
        recounted.OpenCases.Should().Be(first.OpenCases + 1);
        recounted.CountedAt.Should().Be(app.Clock.GetUtcNow());
    }

    private static async Task<Figures> DashboardAsync(HttpClient manager)
    {
        var dashboard = await manager.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Web);
        return new(dashboard.GetProperty("openCases").GetInt64(), dashboard.GetProperty("countedAt").GetDateTimeOffset());
    }

    private sealed record Figures(long OpenCases, DateTimeOffset CountedAt);
}
