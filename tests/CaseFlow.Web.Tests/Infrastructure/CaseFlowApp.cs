using System.Net;
using System.Net.Http.Json;
using CaseFlow.Data;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using Microsoft.Extensions.Time.Testing;
using CaseFlow.Web.Auth;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaseFlow.Web.Tests.Infrastructure;

/// <summary>
/// The whole host on a SQLite database in a temporary folder of its own, with a clock the test moves. One per test
/// class; tests create their own users so they do not see each other's sign-in failures or sessions.
/// </summary>
public class CaseFlowApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct-horse-battery";
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>The key of the search by number in every test host (32 bytes, Base64); production reads its own.</summary>
    public const string NumberHashKey = "Y2FzZWZsb3ctdGVzdHMtbnVtYmVyLWhhc2gta2V5LTAx";

    private static int _users;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>A small tree: county → town A (with a village and an enterprise mediation group) and town B.</summary>
    public TestOrg Org { get; private set; } = null!;

    /// <summary>The address the test server reports for every client.</summary>
    public string RemoteIp => "203.0.113.7";

    protected virtual string EnvironmentName => "Testing";

    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public Database Database => Services.GetRequiredService<Database>();

    public virtual async Task InitializeAsync()
    {
        var orgs = Services.GetRequiredService<OrgStore>();
        Org = await Database.InTransactionAsync(async (c, t) =>
        {
            var county = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "安吉县", "AJ"));
            var townA = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "杭垓镇"));
            var townB = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "报福镇"));
            var village = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(townA, UnitKind.Village, "吴村村"));
            var group = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(village, UnitKind.Enterprise, "安吉竹业有限公司调解小组"));
            return new TestOrg(county, townA, townB, village, group);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>A new user with a unique name and <see cref="Password"/>; at the county unless told otherwise.</summary>
    public async Task<string> CreateUserAsync(string role, long? unitId = null, string displayName = "测试用户")
    {
        var username = $"{role}-{Interlocked.Increment(ref _users)}";
        var hash = Services.GetRequiredService<Passwords>().Hash(Password);
        var users = Services.GetRequiredService<UserStore>();
        await Database.InTransactionAsync((c, t) =>
            users.CreateAsync(c, t, new NewUser(username, displayName, hash, unitId ?? Org.County, [role])));
        return username;
    }

    /// <summary>A client with its own cookie jar that does not follow redirects.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="username"/>.</summary>
    public async Task<HttpClient> SignInAsync(string username, string password = Password)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        response.StatusCode.Should().Be(HttpStatusCode.OK, "signing in as {0} is the test's premise", username);
        return client;
    }

    /// <summary>The audit rows with this action (and username, if given), oldest first.</summary>
    public async Task<IReadOnlyList<AuditRow>> AuditRowsAsync(string action, string? username = null)
    {
        await using var connection = await Database.OpenAsync();
        var rows = await connection.QueryAsync<AuditRow>(
            """
            SELECT user_id AS UserId, username AS Username, action AS Action, entity AS Entity, entity_id AS EntityId,
                   detail AS Detail, remote_ip AS RemoteIp
            FROM audit_log
            WHERE action = @Action AND (@Username IS NULL OR username = @Username)
            ORDER BY id
            """,
            new { Action = action, Username = username });
        return rows.AsList();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Sqlite:DataFolder"] = _folder,
            // Every test client shares one address and signs in many users a minute; the sign-in limits have their
            // own tests (SignInThrottleTests), which set them back.
            ["Auth:SignInPermitsPerAddressPerMinute"] = "100000",
            ["Auth:SignInPermitsPerAccountPerMinute"] = "100000",
            // Plain HTTP here, so cookies keep SameAsRequest; the production headers have their own test host.
            ["Hosting:RequireHttps"] = "false",
            ["PersonalData:NumberHashKey"] = NumberHashKey,
            // Tests read the dashboard right after the changes they make; its reuse for a few seconds has its own
            // tests (DashboardReuseTests), which set it back.
            ["Dashboard:FiguresSeconds"] = "0",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));

        // Also as host settings: Program reads some sections while it registers services (Scheduling:Enabled
        // decides whether Hangfire is added at all), before the app configuration above is applied.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new RemoteAddressFilter(IPAddress.Parse(RemoteIp)));
            ConfigureServices(services);
        });
    }

    /// <summary>Replaces or adds services after the application's own registrations.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

/// <summary>The units <see cref="CaseFlowApp"/> creates.</summary>
public sealed record TestOrg(long County, long TownA, long TownB, long Village, long Group);

/// <summary>An audit_log row as the tests read it.</summary>
public sealed class AuditRow
{
    public long? UserId { get; init; }

    public string? Username { get; init; }

    public string Action { get; init; } = "";

    public string Entity { get; init; } = "";

    public string? EntityId { get; init; }

    public string? Detail { get; init; }

    public string? RemoteIp { get; init; }
}
