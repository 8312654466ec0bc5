using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Auth;

public sealed class SessionTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task Me_WithoutASession_Answers401Problem_NotARedirect()
    {
        var response = await app.NewClient().GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.Location.Should().BeNull();
        (await response.ReadProblemAsync()).GetProperty("title").GetString().Should().Be("请先登录。");
    }

    [Fact]
    public async Task Me_WhenSignedIn_AnswersTheUser()
    {
        var username = await app.CreateUserAsync(Roles.Mediator, app.Org.Group);
        var client = await app.SignInAsync(username);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        me.GetProperty("username").GetString().Should().Be(username);
        me.GetProperty("unit").GetProperty("kind").GetString().Should().Be("enterprise");
    }

    [Fact]
    public async Task Session_AfterThirtyIdleMinutes_HasExpired()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager));

        app.Clock.Advance(TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(1));
        var response = await client.GetAsync("/api/v1/me");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Session_InUse_SlidesPastThirtyMinutes()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(20));
            statuses.Add((await client.GetAsync("/api/v1/me")).StatusCode);
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK, "every request renews a session more than half-way to its end");
    }

    [Fact]
    public async Task Logout_EndsTheSession_AndIsAudited()
    {
        var username = await app.CreateUserAsync(Roles.Auditor);
        var client = await app.SignInAsync(username);
        await client.UseCsrfTokenAsync();

        var logout = await client.PostAsync("/api/v1/auth/logout", null);
        var me = await client.GetAsync("/api/v1/me");

        (logout.StatusCode, me.StatusCode).Should().Be((HttpStatusCode.NoContent, HttpStatusCode.Unauthorized));
        (await app.AuditRowsAsync(AuthApi.LogoutAction, username)).Should().ContainSingle().Which.RemoteIp.Should().Be(app.RemoteIp);
    }
}
