using System.Net;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Users;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Auth;

/// <summary>
/// Every request checks that its user is still active, from an account reused for <see cref="UserStore.SessionAccountLifetime"/>:
/// a deactivation in this process is refused on the very next request, one made elsewhere once that time is over.
/// </summary>
public sealed class SessionAccountTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task AUserDeactivatedInThisProcess_IsRefusedOnTheirNextRequest_ApiAndPagesAlike()
    {
        var username = await app.CreateUserAsync(Roles.Manager);
        var api = await app.SignInAsync(username);
        var pages = await app.SignInAsync(username);
        (await api.GetAsync("/api/v1/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await pages.GetAsync("/dashboard")).StatusCode.Should().Be(HttpStatusCode.OK);

        var id = await DeactivateAsync(username);

        (await api.GetAsync("/api/v1/dashboard")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var page = await pages.GetAsync("/dashboard");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().StartWith("/login");
        (await app.AuditRowsAsync("user.deactivate")).Should().Contain(r => r.EntityId == id);
    }

    [Fact]
    public async Task AUserDeactivatedOutsideThisProcess_IsRefusedOnceTheSessionAccountLifetimeIsOver()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var client = await app.SignInAsync(username);
        (await client.GetAsync("/api/v1/cases")).StatusCode.Should().Be(HttpStatusCode.OK);

        // As the CLI on another process, or another node, would: the row changes, this process is not told.
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE users SET is_active = 0 WHERE username = @Username", new { Username = username });
        }

        app.Clock.Advance(UserStore.SessionAccountLifetime);
        (await client.GetAsync("/api/v1/cases")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session ended with the refusal");
    }

    [Fact]
    public async Task AnActiveUser_KeepsWorking_AcrossManyRequestsAndTheLifetime()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/dashboard")).StatusCode);
            app.Clock.Advance(UserStore.SessionAccountLifetime);
        }

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
    }

    private async Task<string> DeactivateAsync(string username)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var account = await users.FindByUsernameAsync(username);
        (await users.SetActiveAsync(account!.Id, active: false, new AuditActor(null, "admin"), app.Services.GetRequiredService<AuditWriter>())).Should().BeTrue();
        return account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
