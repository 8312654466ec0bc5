using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Calendars;
using CaseFlow.Domain.Calendar;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Web.Tests.Calendars;

public sealed class CalendarRefreshTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task AYearLoadedElsewhere_ReachesTheRunningHostWithinAMinute_WithoutARestart()
    {
        var client = app.NewClient();
        (await LoadedYearsAsync(client)).Should().NotContain(2027);

        // Another node (or the command line) loads 2027 into the shared database.
        var elsewhere = new CalendarStore(app.Database, new FakeTimeProvider(app.Clock.GetUtcNow()));
        await elsewhere.ImportAsync(2027, [new CalendarDay(new DateOnly(2027, 1, 1), true, "元旦（测试）")], "test-2027.csv", new AuditActor(null, "other-node"));
        (await LoadedYearsAsync(client)).Should().NotContain(2027, "the host checks the version once a minute");

        app.Clock.Advance(CalendarCache.CheckInterval);

        await SchedulingHost.EventuallyAsync(async () => (await LoadedYearsAsync(client)).Contains(2027), TimeSpan.FromSeconds(10));
        (await LoadedYearsAsync(client)).Should().Contain(2027);
        app.Services.GetRequiredService<DeadlineCalculator>().Calendar.HasYear(2027).Should().BeTrue("limits are computed on the new snapshot");
    }

    private static async Task<IReadOnlyList<int>> LoadedYearsAsync(HttpClient client)
    {
        // The body is the same whatever the status: moving the fake clock on can make the sweep look stalled (503).
        using var response = await client.GetAsync("/health");
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. health.GetProperty("calendar").GetProperty("loadedYears").EnumerateArray().Select(y => y.GetInt32())];
    }
}
