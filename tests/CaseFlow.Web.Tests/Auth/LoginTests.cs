using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Web.Tests.Auth;

public sealed class LoginTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task Login_WithTheRightPassword_SetsAnHttpOnlySameSiteStrictSessionCookie()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);

        var response = await app.NewClient().PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.SessionCookieName + "=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
        // Plain HTTP here: Secure is set only for HTTPS requests. No expiry: the cookie dies with the browser session.
        cookie.Should().NotContainEquivalentOf("secure").And.NotContainEquivalentOf("expires");
    }

    [Fact]
    public async Task Login_OverHttps_MarksTheSessionCookieSecure()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });

        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.SessionCookieName + "=", StringComparison.Ordinal))
            .Should().ContainEquivalentOf("; secure");
    }

    [Fact]
    public async Task Login_WithTheRightPassword_AnswersTheUserWithRolesAndUnit_AndAuditsTheSignIn()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA, displayName: "杭垓镇工会");

        var response = await app.NewClient().PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });

        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        me.GetProperty("username").GetString().Should().Be(username);
        me.GetProperty("displayName").GetString().Should().Be("杭垓镇工会");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal(Roles.Township);
        me.GetProperty("unit").GetRawText().Should().Be($$"""{"id":{{app.Org.TownA}},"name":"杭垓镇","kind":"town"}""");
        var audit = (await app.AuditRowsAsync(LoginHandler.LoginAction, username)).Should().ContainSingle().Subject;
        (audit.Entity, audit.EntityId, audit.RemoteIp).Should().Be(("user", me.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), app.RemoteIp));
    }

    [Fact]
    public async Task Login_WithAWrongPassword_Answers401Problem_AndAuditsTheFailure()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);

        var response = await app.NewClient().PostAsJsonAsync("/api/v1/auth/login", new { username, password = "wrong" });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(401);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        var audit = (await app.AuditRowsAsync(LoginHandler.FailedAction, username)).Should().ContainSingle().Subject;
        audit.Detail.Should().Contain("\"reason\":\"bad_password\"").And.Contain("\"failedLoginCount\":1");
        audit.RemoteIp.Should().Be(app.RemoteIp);
    }

    [Fact]
    public async Task Login_AsSomeoneUnknown_AnswersTheSame401_AndAuditsTheNameTried()
    {
        var known = await app.CreateUserAsync(Roles.Mediator);
        var client = app.NewClient();

        var unknown = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody-here", password = "whatever" });
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = known, password = "whatever" });

        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadAsStringAsync()).Should().NotContain("nobody-here");
        (await unknown.ReadProblemAsync()).GetProperty("detail").GetString().Should().Be((await wrong.ReadProblemAsync()).GetProperty("detail").GetString());
        var audit = (await app.AuditRowsAsync(LoginHandler.FailedAction, "nobody-here")).Should().ContainSingle().Subject;
        (audit.UserId, audit.Detail).Should().Be(((long?)null, """{"reason":"unknown_user"}"""));
    }

    [Fact]
    public async Task Login_AfterFiveFailures_IsRefusedEvenWithTheRightPassword_AndAuditedAsLocked()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "wrong" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });

        right.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.AuditRowsAsync(LoginHandler.FailedAction, username)).Should().HaveCount(5)
            .And.Subject.Last().Detail.Should().Contain("\"failedLoginCount\":5").And.Contain("\"lockedUntil\":\"2026");
        (await app.AuditRowsAsync(LoginHandler.LockedAction, username)).Should().ContainSingle();
    }

    [Fact]
    public async Task Login_FifteenMinutesAfterTheLock_SucceedsAgain()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var client = app.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = "wrong" });
        }

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillLocked = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var unlocked = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });

        (stillLocked.StatusCode, unlocked.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.OK));
    }

    [Fact]
    public async Task Login_IgnoresFieldsItDoesNotKnow()
    {
        var username = await app.CreateUserAsync(Roles.Manager);

        var response = await app.NewClient().PostAsJsonAsync(
            "/api/v1/auth/login", new { username, password = CaseFlowApp.Password, rememberMe = true, client = new { v = 2 } });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"username": "a", "password": """)]
    [InlineData("""not json at all""")]
    [InlineData("""{"username": 5, "password": "x"}""")]
    [InlineData("""{"username": ["a"], "password": "x"}""")]
    [InlineData("""[]""")]
    public async Task Login_WithUnreadableJson_Answers400Problem_AndWritesNothing(string body)
    {
        var before = await AuditCountAsync();

        var response = await app.NewClient().PostJsonTextAsync("/api/v1/auth/login", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.ReadProblemAsync();
        problem.GetProperty("status").GetInt32().Should().Be(400);
        problem.GetRawText().Should().NotContain("Exception").And.NotContain("CaseFlow.Web");
        (await AuditCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Login_WithMissingFields_AnswersAValidationProblemInChineseByDefault()
    {
        var response = await app.NewClient().PostJsonTextAsync("/api/v1/auth/login", """{"username": "  "}""");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        errors.GetProperty("username")[0].GetString().Should().Be("此项为必填项。");
        errors.GetProperty("password")[0].GetString().Should().Be("此项为必填项。");
    }

    [Fact]
    public async Task Login_WithMissingFields_AnswersInEnglishWhenAskedTo()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB, zh-CN;q=0.5");

        var response = await client.PostJsonTextAsync("/api/v1/auth/login", "{}");

        (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("username")[0].GetString().Should().Be("This field is required.");
    }

    private async Task<long> AuditCountAsync()
    {
        await using var connection = await app.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM audit_log";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
