using System.Net;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Auth;

public sealed class CsrfTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task Post_WithTheSessionCookieButNoToken_IsRefused_AndChangesNothing()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var client = await app.SignInAsync(username);

        var logout = await client.PostAsync("/api/v1/auth/logout", null);

        logout.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await logout.ReadProblemAsync()).GetProperty("title").GetString().Should().Be("缺少防跨站请求令牌（CSRF）或令牌无效。");
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the refused sign-out did not end the session");
        (await app.AuditRowsAsync(AuthApi.LogoutAction, username)).Should().BeEmpty();
    }

    [Fact]
    public async Task Post_WithAForgedToken_IsRefused()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator));
        await client.UseCsrfTokenAsync();
        client.DefaultRequestHeaders.Remove(HttpExtensions.CsrfHeader);
        client.DefaultRequestHeaders.Add(HttpExtensions.CsrfHeader, "CfDJ8-forged-token");

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WithTheTokenOfAnotherUsersSession_IsRefused()
    {
        var mallory = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator));
        var token = await mallory.UseCsrfTokenAsync();
        var victim = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator));
        victim.DefaultRequestHeaders.Add(HttpExtensions.CsrfHeader, token);

        (await victim.PostAsync("/api/v1/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WithATokenFetchedBeforeSigningIn_IsRefused_BecauseTokensAreBoundToTheUser()
    {
        var client = app.NewClient();
        await client.UseCsrfTokenAsync();
        var login = await client.PostAsync(
            "/api/v1/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { username = await app.CreateUserAsync(Roles.Mediator), password = CaseFlowApp.Password }));
        login.EnsureSuccessStatusCode();

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WithTheToken_Succeeds()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator));
        await client.UseCsrfTokenAsync();

        (await client.PostAsync("/api/v1/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task CsrfToken_SetsAnHttpOnlySameSiteStrictCookie()
    {
        var response = await app.NewClient().GetAsync("/api/v1/auth/csrf");

        response.Headers.GetValues("Set-Cookie").Should().ContainSingle(c => c.StartsWith(AuthSetup.AntiforgeryCookieName + "=", StringComparison.Ordinal))
            .Which.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
    }
}
