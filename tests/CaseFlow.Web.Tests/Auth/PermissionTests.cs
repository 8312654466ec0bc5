using System.Net;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Auth;

public sealed class PermissionTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Theory]
    [InlineData(Roles.Mediator)]
    [InlineData(Roles.Township)]
    [InlineData(Roles.Manager)]
    public async Task AuditLog_ForARoleThatMayNotReadIt_Answers403Problem_AndAuditsTheRefusalWithThePath(string role)
    {
        var username = await app.CreateUserAsync(role);
        var client = await app.SignInAsync(username);

        var response = await client.GetAsync("/api/v1/audit?action=auth.login");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.ReadProblemAsync()).GetProperty("detail").GetString().Should().Be("需要以下角色之一：审计员、系统管理员。");
        var audit = (await app.AuditRowsAsync(AccessDenials.DeniedAction, username)).Should().ContainSingle().Subject;
        (audit.Entity, audit.EntityId, audit.RemoteIp).Should().Be(("endpoint", "/api/v1/audit", app.RemoteIp));
        audit.Detail.Should().Contain("\"method\":\"GET\"").And.Contain("\"path\":\"/api/v1/audit\"");
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Admin)]
    public async Task AuditLog_ForAuditorsAndAdministrators_IsOpen(string role)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role));

        (await client.GetAsync("/api/v1/audit")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuditLog_WithoutASession_Answers401_AndIsNotAuditedAsARefusal()
    {
        var before = await app.AuditRowsAsync(AccessDenials.DeniedAction);

        var response = await app.NewClient().GetAsync("/api/v1/audit");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.AuditRowsAsync(AccessDenials.DeniedAction)).Should().HaveCount(before.Count);
    }
}
