using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Audit;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Audit;

public sealed class AuditApiTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task List_ForAnAuditor_ReturnsTheMatchingRowsNewestFirst_WithTheTotal()
    {
        var target = await app.CreateUserAsync(Roles.Mediator);
        await FailAsync(target);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await FailAsync(target);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await app.SignInAsync(target);
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));

        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?user={target}");

        page.GetProperty("total").GetInt64().Should().Be(3);
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString())
            .Should().Equal("auth.login", "auth.login_failed", "auth.login_failed");
        var newest = page.GetProperty("items")[0];
        (newest.GetProperty("username").GetString(), newest.GetProperty("entity").GetString(), newest.GetProperty("remoteIp").GetString())
            .Should().Be((target, "user", app.RemoteIp));
        page.GetProperty("items")[1].GetProperty("detail").GetProperty("reason").GetString().Should().Be("bad_password");
    }

    [Fact]
    public async Task List_PagesThroughTheRows()
    {
        var target = await app.CreateUserAsync(Roles.Mediator);
        for (var i = 0; i < 3; i++)
        {
            await FailAsync(target);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));

        var first = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?user={target}&pageSize=2&page=1");
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?user={target}&pageSize=2&page=2");

        (first.GetProperty("items").GetArrayLength(), second.GetProperty("items").GetArrayLength()).Should().Be((2, 1));
        (first.GetProperty("total").GetInt64(), second.GetProperty("total").GetInt64()).Should().Be((3, 3));
        second.GetProperty("items")[0].GetProperty("id").GetInt64().Should().BeLessThan(first.GetProperty("items")[1].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task List_FiltersByActionEntityAndTime()
    {
        var target = await app.CreateUserAsync(Roles.Mediator);
        await FailAsync(target);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var from = app.Clock.GetUtcNow();
        await app.SignInAsync(target);
        await FailAsync(target);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var to = app.Clock.GetUtcNow();
        await FailAsync(target);
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));

        var page = await auditor.GetFromJsonAsync<JsonElement>(
            $"/api/v1/audit?user={target}&action=auth.login_failed&entity=user&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}");

        page.GetProperty("total").GetInt64().Should().Be(1);
        page.GetProperty("items")[0].GetProperty("at").GetDateTimeOffset().Should().Be(from);
    }

    [Fact]
    public async Task List_ByEntityId_FindsWhatHappenedToOneUser()
    {
        var target = await app.CreateUserAsync(Roles.Mediator);
        var me = await (await app.SignInAsync(target)).GetFromJsonAsync<JsonElement>("/api/v1/me");
        var id = me.GetProperty("id").GetInt64();
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Admin));

        var page = await auditor.GetFromJsonAsync<JsonElement>($"/api/v1/audit?entity=user&entityId={id}");

        page.GetProperty("items").EnumerateArray().Should().ContainSingle().Which.GetProperty("userId").GetInt64().Should().Be(id);
    }

    [Fact]
    public async Task List_IsItselfAudited()
    {
        var auditorName = await app.CreateUserAsync(Roles.Auditor);
        var auditor = await app.SignInAsync(auditorName);

        await auditor.GetAsync("/api/v1/audit?action=auth.locked");

        (await app.AuditRowsAsync(AuditApi.SearchAction, auditorName)).Should().ContainSingle().Which.Detail.Should().Contain("\"action\":\"auth.locked\"");
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    public async Task List_WithBadPaging_AnswersAValidationProblemForTheField(string query, string field)
    {
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));

        var response = await auditor.GetAsync($"/api/v1/audit?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadProblemAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("page=two")]
    public async Task List_WithAnUnreadableQueryValue_Answers400Problem(string query)
    {
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));

        var response = await auditor.GetAsync($"/api/v1/audit?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(400);
    }

    private async Task FailAsync(string username) =>
        (await app.NewClient().PostAsJsonAsync("/api/v1/auth/login", new { username, password = "wrong" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
}
