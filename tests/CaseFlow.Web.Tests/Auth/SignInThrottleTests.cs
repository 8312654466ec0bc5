using System.Net;
using System.Net.Http.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Auth;

/// <summary>The test host with the sign-in limits as shipped, and each request's client address taken from a test header.</summary>
public sealed class SignInLimitsApp : CaseFlowApp
{
    public const string AddressHeader = "X-Test-Client-Address";

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Auth:SignInPermitsPerAddressPerMinute"] = "20",
        ["Auth:SignInPermitsPerAccountPerMinute"] = "10",
    };

    /// <summary>A client that every request comes from <paramref name="address"/> for.</summary>
    public HttpClient From(string address)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter>(new AddressFromHeader());

    private sealed class AddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class SignInThrottleTests(SignInLimitsApp app) : IClassFixture<SignInLimitsApp>
{
    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { username, password });

    [Fact]
    public async Task FiveWrongPasswordsFromOneAddress_LockOnlyThatAddress_SoTheOwnerStillSignsIn_AndTheLockoutIsAudited()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var attacker = app.From("198.51.100.1");
        for (var i = 0; i < 5; i++)
        {
            (await LoginAsync(attacker, username, "guess-" + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var attackerWithTheRightPassword = await LoginAsync(attacker, username, CaseFlowApp.Password);
        var owner = await LoginAsync(app.From("192.0.2.10"), username, CaseFlowApp.Password);

        attackerWithTheRightPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        owner.StatusCode.Should().Be(HttpStatusCode.OK);
        var lockout = (await app.AuditRowsAsync(LoginHandler.LockoutAction, username)).Should().ContainSingle().Subject;
        lockout.RemoteIp.Should().Be("198.51.100.1");
        lockout.Detail.Should().Contain("\"failedLoginCount\":5").And.Contain("\"lockedUntil\":\"2026").And.Contain("\"address\":\"198.51.100.1\"");
        (await app.AuditRowsAsync(LoginHandler.LockedAction, username)).Should().ContainSingle().Which.RemoteIp.Should().Be("198.51.100.1");
    }

    [Fact]
    public async Task OneAddressTryingManyAccounts_Gets429AfterItsLimit_InChineseWithRetryAfter_AndOtherAddressesDoNot()
    {
        var sprayer = app.From("198.51.100.2");
        for (var i = 0; i < 20; i++)
        {
            (await LoginAsync(sprayer, $"spray-{i}", "123456")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var limited = await LoginAsync(sprayer, "spray-20", "123456");
        var elsewhere = await LoginAsync(app.From("198.51.100.3"), "spray-20", "123456");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.Should().NotBeNull();
        (await limited.ReadProblemAsync()).GetProperty("title").GetString().Should().Be("登录尝试过于频繁，请稍后再试。");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.AuditRowsAsync(LoginHandler.FailedAction, "spray-20")).Should().ContainSingle("the refused attempt never reached the password check");
    }

    [Fact]
    public async Task ManyAddressesTryingOneAccount_Get429AfterTheAccountsLimit_WithoutLockingIt()
    {
        var username = await app.CreateUserAsync(Roles.Township);
        for (var i = 0; i < 10; i++)
        {
            (await LoginAsync(app.From($"203.0.113.{100 + i}"), username, "guess")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var limited = await LoginAsync(app.From("203.0.113.200"), username, "guess");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await app.AuditRowsAsync(LoginHandler.FailedAction, username)).Should().HaveCount(10);
        (await app.AuditRowsAsync(LoginHandler.LockoutAction, username)).Should().BeEmpty();
    }

    [Fact]
    public async Task TheSignInPage_IsLimitedPerAddressToo()
    {
        var client = app.From("198.51.100.4");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            var response = await client.SubmitAsync("/login", "/login", [new("Username", $"page-{i}"), new("Password", "123456")]);
            statuses.Add(response.StatusCode);
        }

        statuses.Take(20).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        statuses[20].Should().Be(HttpStatusCode.TooManyRequests);
    }
}
