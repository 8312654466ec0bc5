extern alias cli;

using System.Net.Http.Json;
using cli::CaseFlow.Cli;
using CaseFlow.Web.Demo;
using CaseFlow.Web.Scheduling;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Scheduling;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Operations;

/// <summary>The demo host as <c>dotnet run</c> starts it: Development, the demo seed, the nightly backup job registered.</summary>
public sealed class DemoHostApp : OperationsApp
{
    protected override string EnvironmentName => "Development";

    public override Task InitializeAsync() => Task.CompletedTask;
}

public sealed class DemoBackupRestoreTests(DemoHostApp app) : IClassFixture<DemoHostApp>, IDisposable
{
    private readonly string _restored = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", "demo-restored-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TheBackupJob_OnARunningDemoHost_WritesAVerifiedCopy_ThatCaseflowDbRestoreTurnsIntoAHostServingTheSameCases()
    {
        var township = await SignInAsync(app, "demo-township-a");
        var reader = app.Services.GetRequiredService<BackupStatusReader>();

        app.Services.GetRequiredService<IRecurringJobManager>().Trigger(BackupJob.Id);
        var written = await SchedulingHost.EventuallyAsync(() => Task.FromResult(reader.Folder.Latest() is not null), TimeSpan.FromSeconds(60));

        written.Should().BeTrue("the triggered backup job writes its file");
        var backup = reader.Folder.Latest()!;
        var live = app.Database.SqliteFile!;
        var refused = Cli("db", "restore", backup.Path, "--connection", live);
        refused.Exit.Should().Be(1);
        refused.Error.Should().Contain("host has").And.Contain(live);

        var target = Path.Combine(_restored, "caseflow.db");
        var restored = Cli("db", "restore", backup.Path, "--connection", target);
        restored.Exit.Should().Be(0, restored.Error);
        long cases;
        await using (var connection = await app.Database.OpenAsync())
        {
            cases = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM cases");
        }

        cases.Should().BeGreaterThan(600, "the demo's generated cases and its walk-through cases");
        restored.Output.Should().MatchRegex($"restored .*caseflow.db: {cases} cases, last event \\d{{4}}-\\d\\d-\\d\\d");

        await using var host = new RestoredApp(_restored);
        var original = await RestoreDrillTests.Cases(township);
        var served = await RestoreDrillTests.Cases(await SignInAsync(host, "demo-township-a"));
        served.Should().NotBeEmpty().And.BeEquivalentTo(original);
    }

    public void Dispose()
    {
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_restored))
        {
            Directory.Delete(_restored, recursive: true);
        }
    }

    private static async Task<HttpClient> SignInAsync(CaseFlowApp app, string username)
    {
        var client = app.NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = DemoSeeder.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static (int Exit, string Output, string Error) Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CaseFlowCli.Invoke(args, output, error, CliEnvironment.Captured());
        return (exit, output.ToString(), error.ToString());
    }
}
