using System.Net;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Scheduling;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>Hangfire's dashboard at /admin/jobs behind CaseFlow's own sign-in, roles and antiforgery.</summary>
public sealed class JobsDashboardTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    private const string Recurring = JobsDashboard.Path + "/recurring";
    private const string Trigger = JobsDashboard.Path + "/recurring/trigger";

    private async Task<HttpClient> AsAsync(string role) => await app.SignInAsync(await app.CreateUserAsync(role));

    private static FormUrlEncodedContent TriggerSweep() => new([new("jobs[]", DeadlineSweepJob.Id)]);

    [Fact]
    public async Task Anonymous_Gets401_FromEveryDashboardAddress()
    {
        var client = app.NewClient();

        var page = await client.GetAsync(JobsDashboard.Path);
        var stats = await client.PostAsync(JobsDashboard.Path + "/stats", new FormUrlEncodedContent([]));

        (page.StatusCode, stats.StatusCode).Should().Be((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData(Roles.Mediator)]
    [InlineData(Roles.Township)]
    [InlineData(Roles.Manager)]
    public async Task OtherRoles_Get403_AndTheRefusalIsAudited(string role)
    {
        var username = await app.CreateUserAsync(role);
        var client = await app.SignInAsync(username);

        var response = await client.GetAsync(JobsDashboard.Path);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.AuditRowsAsync(AccessDenials.DeniedAction, username)).Should().ContainSingle(r => r.Detail!.Contains(JobsDashboard.Path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_Gets200_WithTheChineseTitle_TheLinkBackToCaseFlow_AndTheRecurringJobsToOperate()
    {
        var client = await AsAsync(Roles.Admin);

        var home = await client.PageAsync(JobsDashboard.Path);
        var recurring = await client.PageAsync(Recurring);

        home.Should().Contain("CaseFlow 后台任务").And.Contain("href=\"/\"");
        recurring.Should().Contain(DeadlineSweepJob.Id).And.Contain(RegradeOpenCasesJob.Id).And.Contain(DailyDigestJob.Id);
        recurring.Should().Contain("data-url=\"/admin/jobs/recurring/trigger\"", "the admin gets the trigger button");
        home.Should().NotContain("Data Source=", "the storage's connection string is never shown");
    }

    [Fact]
    public async Task Auditor_SeesTheDashboardReadOnly_ItsLiveStatsWork_AndItsCommandsAreRefusedEvenWithAToken()
    {
        var client = await AsAsync(Roles.Auditor);
        await client.UseCsrfTokenAsync();

        var recurring = await client.PageAsync(Recurring);
        var stats = await client.PostAsync(JobsDashboard.Path + "/stats", new FormUrlEncodedContent([new("metrics[]", "servers:count")]));
        var trigger = await client.PostAsync(Trigger, TriggerSweep());

        recurring.Should().Contain(DeadlineSweepJob.Id).And.NotContain("data-url=\"/admin/jobs/recurring/trigger\"", "read-only: no buttons");
        stats.StatusCode.Should().Be(HttpStatusCode.OK, "the dashboard polls its figures by POST, read-only or not");
        trigger.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "Hangfire's read-only mode refuses every command");
    }

    [Fact]
    public async Task APostFromTheDashboard_WithoutTheAntiforgeryToken_IsRefused_AndWithItGoesThrough()
    {
        var client = await AsAsync(Roles.Admin);
        await client.PageAsync(JobsDashboard.Path);

        var withoutToken = await client.PostAsync(Trigger, TriggerSweep());
        await client.UseCsrfTokenAsync();
        var withToken = await client.PostAsync(Trigger, TriggerSweep());

        withoutToken.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        withToken.IsSuccessStatusCode.Should().BeTrue("the same request with the session's token is the admin's trigger button ({0})", withToken.StatusCode);
    }

    [Fact]
    public async Task TheDashboardPage_CarriesTheTokenItsButtonsSend()
    {
        var client = await AsAsync(Roles.Admin);

        var html = await client.PageAsync(JobsDashboard.Path);

        html.Should().Contain($"<meta name=\"csrf-header\" content=\"{CsrfFilter.HeaderName}\"").And.MatchRegex("<meta name=\"csrf-token\" content=\"[^\"]{20,}\"");
    }

    [Theory]
    [InlineData(Roles.Admin, "/audit", true)]
    [InlineData(Roles.Auditor, "/audit", true)]
    [InlineData(Roles.Mediator, "/cases", false)]
    public async Task TheHeader_LinksToTheDashboard_ForTheRolesThatMayOpenIt(string role, string page, bool linked)
    {
        var client = await AsAsync(role);

        var html = await client.PageAsync(page);

        (PageClient.TextById(html, "nav-jobs") is not null).Should().Be(linked);
    }
}
