using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Backups;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Scheduling;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Operations;

/// <summary>
/// The restore drill: a backup taken while registrations and actions pour in, restored into a fresh folder, holds
/// every write acknowledged before the backup began; and a host started on the restored copy serves the same cases.
/// </summary>
public sealed class RestoreDrillTests(OperationsApp app) : IClassFixture<OperationsApp>, IDisposable
{
    private const int Workers = 4;

    private readonly string _restored = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", "restored-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ABackupDuringLoad_RestoredIntoAFreshFolder_HoldsEveryWriteAcknowledgedBeforeItBegan_AndServesTheSameCases()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var clients = new List<HttpClient>();
        for (var i = 0; i < Workers; i++)
        {
            var client = await app.SignInAsync(username);
            await client.UseCsrfTokenAsync();
            clients.Add(client);
        }

        var acknowledged = new List<(long CaseId, int Events)>();
        var gate = new Lock();
        using var stop = new CancellationTokenSource();
        var load = clients.Select(client => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var created = await client.PostAsJsonAsync("/api/v1/cases", app.Dispute());
                created.StatusCode.Should().Be(HttpStatusCode.Created);
                var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                var version = created.Headers.ETag!;
                lock (gate)
                {
                    acknowledged.Add((id, 1));
                }

                // Two escalations: level 1 → level 2 → level 3, each one more event on the case.
                for (var events = 2; events <= 3 && !stop.IsCancellationRequested; events++)
                {
                    using var escalate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/escalate")
                    {
                        Content = JsonContent.Create(new { reason = "企业拒不到场" }),
                    };
                    escalate.Headers.IfMatch.Add(version);
                    var escalated = await client.SendAsync(escalate);
                    escalated.StatusCode.Should().Be(HttpStatusCode.OK, await escalated.Content.ReadAsStringAsync());
                    version = escalated.Headers.ETag!;
                    lock (gate)
                    {
                        acknowledged.Add((id, events));
                    }
                }
            }
        })).ToList();

        var sinceStart = Stopwatch.StartNew();
        while (Count(acknowledged, gate) < 30 && sinceStart.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(50);
        }

        List<(long CaseId, int Events)> beforeBackup;
        lock (gate)
        {
            beforeBackup = [.. acknowledged];
        }

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(CancellationToken.None);
        }

        var duringBackup = Count(acknowledged, gate) - beforeBackup.Count;
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var backup = app.Services.GetRequiredService<BackupStatusReader>().Folder.Latest()!;
        var target = Path.Combine(_restored, "caseflow.db");
        var report = await SqliteBackup.RestoreAsync(backup.Path, target, app.Clock);

        beforeBackup.Should().HaveCountGreaterThanOrEqualTo(30);
        report.ReplacedKeptAt.Should().BeNull("the folder was fresh");
        await using (var restored = new SqliteConnection($"Data Source={target};Pooling=False"))
        {
            var events = (await restored.QueryAsync<(long CaseId, long Events)>("SELECT case_id, COUNT(*) FROM case_events GROUP BY case_id"))
                .ToDictionary(r => r.CaseId, r => r.Events);
            var missing = beforeBackup.Where(w => events.GetValueOrDefault(w.CaseId) < w.Events).ToList();
            missing.Should().BeEmpty($"every write acknowledged before the backup began is in it ({beforeBackup.Count} writes, {duringBackup} more during the backup)");
        }

        // The restored copy, under a host of its own: the same user sees the same cases.
        await using var host = new RestoredApp(_restored);
        var original = await Cases(await app.SignInAsync(username));
        var client2 = await host.SignInAsync(username);
        var restoredCases = await Cases(client2);
        var inBackup = report.Restored.Cases;
        restoredCases.Should().HaveCount((int)inBackup).And.BeSubsetOf(original);
        restoredCases.Should().Contain(beforeBackup.Select(w => w.CaseId).Distinct());
    }

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_restored))
        {
            Directory.Delete(_restored, recursive: true);
        }
    }

    private static int Count(List<(long, int)> list, Lock gate)
    {
        lock (gate)
        {
            return list.Count;
        }
    }

    internal static async Task<List<long>> Cases(HttpClient client)
    {
        var ids = new List<long>();
        for (var page = 1; ; page++)
        {
            var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases?pageSize=100&page={page}");
            var items = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
            ids.AddRange(items);
            if (items.Count < 100)
            {
                return ids;
            }
        }
    }
}

/// <summary>A host on a database folder that already holds CaseFlow's data (a restored copy): nothing is added to it.</summary>
public sealed class RestoredApp(string folder) : CaseFlowApp
{
    public override Task InitializeAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
            config, new Dictionary<string, string?> { ["Database:Sqlite:DataFolder"] = folder, ["Scheduling:Enabled"] = "false" }));
    }
}
