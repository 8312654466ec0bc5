using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Backups;
using CaseFlow.Data.Calendars;
using CaseFlow.Web.Health;
using CaseFlow.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Web.Tests.Operations;

public sealed class BackupHealthTests(OperationsApp app) : IClassFixture<OperationsApp>, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", "backup-health-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Health_OnSqlite_ShowsTheBackups_PendingBeforeTheFirst()
    {
        var body = await app.NewClient().GetFromJsonAsync<JsonElement>("/health");

        var backup = body.GetProperty("backup");
        backup.GetProperty("status").GetString().Should().BeOneOf("pending", "fresh");
        backup.GetProperty("degradedAfterHours").GetDouble().Should().Be(36);
    }

    [Fact]
    public async Task Health_IsDegraded_WhenTheLastGoodBackupIsOlderThan36Hours_AndHealthyAgainAfterOne()
    {
        var clock = new FakeTimeProvider(app.Clock.GetUtcNow());
        var reader = Reader(clock);
        // The calendar is checked at a date both shipped years cover, so only the backup can move the status.
        var calendars = app.Services.GetRequiredService<CalendarCache>();
        var midYear = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var scheduler = new RunningScheduler();
        File.WriteAllText(reader.Folder.PathFor(clock.GetUtcNow()), "x");

        clock.Advance(TimeSpan.FromHours(35));
        var fresh = (await HealthApi.CheckAsync(app.Database, scheduler, new NoOutbox(), calendars, midYear, NullLoggerFactory.Instance, CancellationToken.None, reader)).Value!;
        clock.Advance(TimeSpan.FromHours(2));
        var stale = (await HealthApi.CheckAsync(app.Database, scheduler, new NoOutbox(), calendars, midYear, NullLoggerFactory.Instance, CancellationToken.None, reader)).Value!;
        await SqliteBackup.BackupAsync(app.Database, reader.Folder.PathFor(clock.GetUtcNow()));
        var again = (await HealthApi.CheckAsync(app.Database, scheduler, new NoOutbox(), calendars, midYear, NullLoggerFactory.Instance, CancellationToken.None, reader)).Value!;

        (fresh.Status, fresh.Backup!.Status).Should().Be((HealthStatus.Healthy, BackupStatus.Fresh));
        (stale.Status, stale.Backup!.Status, stale.Backup.AgeHours).Should().Be((HealthStatus.Degraded, BackupStatus.Stale, 37d));
        (again.Status, again.Backup!.Status, again.Backup.AgeHours).Should().Be((HealthStatus.Healthy, BackupStatus.Fresh, 0d));
    }

    [Fact]
    public void Backups_WithNoneYet_TurnStale36HoursAfterTheHostStarted()
    {
        var clock = new FakeTimeProvider(app.Clock.GetUtcNow());
        var reader = Reader(clock);
        // The calendar is checked at a date both shipped years cover, so only the backup can move the status.
        var calendars = app.Services.GetRequiredService<CalendarCache>();
        var midYear = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        var early = reader.Check();
        clock.Advance(TimeSpan.FromHours(37));

        (early.Status, early.LastAt).Should().Be((BackupStatus.Pending, null));
        reader.Check().Status.Should().Be(BackupStatus.Stale);
    }

    [Fact]
    public async Task TheBackupJob_WritesAVerifiedDatedCopy_AndKeepsOnlyTheConfiguredCount()
    {
        var reader = app.Services.GetRequiredService<BackupStatusReader>();
        for (var i = 0; i < 16; i++)
        {
            Directory.CreateDirectory(reader.Folder.Folder);
            File.WriteAllText(reader.Folder.PathFor(app.Clock.GetUtcNow().AddDays(-30 - i)), "old");
        }

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
        }

        var files = reader.Folder.List();
        files.Should().HaveCount(14);
        files[0].TakenAt.Should().Be(app.Clock.GetUtcNow().AddTicks(-(app.Clock.GetUtcNow().Ticks % TimeSpan.TicksPerSecond)));
        (await DatabaseFileCheck.VerifyAsync(files[0].Path)).SchemaNumber.Should().BeGreaterThan(0);
        reader.Check().Status.Should().Be(BackupStatus.Fresh);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private BackupStatusReader Reader(TimeProvider clock)
    {
        Directory.CreateDirectory(_folder);
        return new(
            app.Database, clock, Options.Create(new BackupOptions { Folder = _folder }), app.Services.GetRequiredService<IHostEnvironment>());
    }

    private sealed class RunningScheduler : ISchedulerHealth
    {
        public Task<SchedulerHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(new SchedulerHealth(SchedulerStatus.Running));
    }
}
