using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data;
using CaseFlow.Data.Calendars;
using CaseFlow.Web.Health;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Web.Tests.Health;

public sealed class HealthTests(HealthTests.ThrowingSchedulerApp app) : IClassFixture<HealthTests.ThrowingSchedulerApp>
{
    [Fact]
    public async Task Health_WithTheDatabaseUp_Answers200_WithProviderAndSchedulerStatus()
    {
        app.Scheduler.Fail = false;

        var response = await app.NewClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetRawText()
            .Should().Be("""{"status":"healthy","database":{"status":"up","provider":"sqlite"},"scheduler":{"status":"notConfigured"},"calendar":{"status":"ok","missingYears":[],"loadedYears":[2025,2026]},"outbox":{"status":"ok","pending":0,"oldestPendingAgeSeconds":null,"failed":0,"recentlyFailed":0,"stalePendingAfterSeconds":900,"failedWindowHours":24},"backup":{"status":"pending","lastAt":null,"ageHours":null,"degradedAfterHours":36,"file":null}}""");
    }

    [Fact]
    public async Task Health_FromTheFirstOfNovemberWithoutNextYearsCalendar_IsCalendarDegradedNamingTheYear()
    {
        var lateOctober = new FakeTimeProvider(new DateTimeOffset(2026, 10, 31, 15, 59, 0, TimeSpan.Zero)); // 23:59 China time

        var before = await HealthApi.CheckAsync(app.Database, new StubScheduler(SchedulerStatus.Running), new NoOutbox(), Calendars, lateOctober, NullLoggerFactory.Instance, CancellationToken.None);
        lateOctober.Advance(TimeSpan.FromMinutes(1)); // 1 November, China time
        var after = await HealthApi.CheckAsync(app.Database, new StubScheduler(SchedulerStatus.Running), new NoOutbox(), Calendars, lateOctober, NullLoggerFactory.Instance, CancellationToken.None);

        (before.Value!.Status, before.Value.Calendar.Status).Should().Be((HealthStatus.Healthy, CalendarStatus.Ok));
        (after.StatusCode, after.Value!.Status, after.Value.Calendar.Status).Should().Be((200, HealthStatus.Degraded, CalendarStatus.Degraded));
        after.Value.Calendar.MissingYears.Should().Equal(2027);
    }

    [Fact]
    public async Task Health_WithTheDatabaseDown_Answers503()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", Guid.NewGuid().ToString("N"));
        // Read-only on a file that does not exist: every open fails, as with a database that is gone.
        var down = new Database(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(folder, "missing.db")};Mode=ReadOnly" });
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Response.Body = new MemoryStream();

        var result = await HealthApi.CheckAsync(down, new StubScheduler(), new NoOutbox(), Calendars, app.Clock, NullLoggerFactory.Instance, CancellationToken.None);
        await result.ExecuteAsync(context);

        (result.StatusCode, result.Value!.Status, result.Value.Database.Status).Should().Be((503, HealthStatus.Unhealthy, DatabaseStatus.Down));
        context.Response.StatusCode.Should().Be(503);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Health_WithTheSchedulerStopped_IsDegradedButStill200()
    {
        var result = await HealthApi.CheckAsync(app.Database, new StubScheduler(SchedulerStatus.Stopped), new NoOutbox(), Calendars, app.Clock, NullLoggerFactory.Instance, CancellationToken.None);

        (result.StatusCode, result.Value!.Status).Should().Be((200, HealthStatus.Degraded));
    }

    [Fact]
    public async Task Health_WithTheSweepStalled_IsUnhealthyAnd503()
    {
        var result = await HealthApi.CheckAsync(app.Database, new StubScheduler(SchedulerStatus.Stalled), new NoOutbox(), Calendars, app.Clock, NullLoggerFactory.Instance, CancellationToken.None);

        (result.StatusCode, result.Value!.Status, result.Value.Database.Status).Should().Be((503, HealthStatus.Unhealthy, DatabaseStatus.Up));
    }

    private CalendarCache Calendars => app.Services.GetRequiredService<CalendarCache>();

    [Fact]
    public async Task AnUnhandledException_Answers500Problem_WithoutItsInternals()
    {
        app.Scheduler.Fail = true;

        var response = await app.NewClient().GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync();
        body.Should().Contain("服务器发生意外错误，请稍后重试。").And.NotContain("secret-connection-detail").And.NotContain("ThrowingScheduler");
        app.Scheduler.Fail = false;
    }

    /// <summary>The host with a scheduler health check the test can make throw.</summary>
    public sealed class ThrowingSchedulerApp : CaseFlowApp
    {
        public ThrowingScheduler Scheduler { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ISchedulerHealth>(Scheduler);
    }

    public sealed class ThrowingScheduler : ISchedulerHealth
    {
        public bool Fail { get; set; }

        public Task<SchedulerHealth> CheckAsync(CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("secret-connection-detail") : Task.FromResult(new SchedulerHealth(SchedulerStatus.NotConfigured));
    }

    private sealed class StubScheduler(SchedulerStatus status = SchedulerStatus.Running) : ISchedulerHealth
    {
        public Task<SchedulerHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(new SchedulerHealth(status));
    }
}
