using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Cases;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Pages;

public sealed partial class PageTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private async Task<HttpClient> AsAsync(string role, long? unitId = null) => await app.SignInAsync(await app.CreateUserAsync(role, unitId));

    /// <summary>Registers through the form and answers the new case's id (from the redirect to its page).</summary>
    private async Task<long> RegisterAsync(HttpClient client, DisputeForm form)
    {
        var response = await client.SubmitAsync("/cases/new", "/cases/new", form.Fields);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var location = response.Headers.Location!.ToString();
        location.Should().MatchRegex(@"^/cases/\d+\?registered=1$");
        return long.Parse(CaseId().Match(location).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<long> CountCasesAsync()
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
    }

    [Theory]
    [InlineData(Roles.Mediator, "/cases")]
    [InlineData(Roles.Mediator, "/cases/new")]
    [InlineData(Roles.Mediator, "/inbox")]
    [InlineData(Roles.Township, "/cases")]
    [InlineData(Roles.Township, "/inbox")]
    [InlineData(Roles.Manager, "/dashboard")]
    [InlineData(Roles.Manager, "/cases")]
    [InlineData(Roles.Auditor, "/audit")]
    [InlineData(Roles.Admin, "/audit")]
    [InlineData(Roles.Auditor, "/workflow")]
    public async Task EachPage_RendersForItsRoles_WithTheUserInTheHeader(string role, string path)
    {
        var client = await AsAsync(role, app.Org.TownA);

        var html = await client.PageAsync(path);

        PageClient.TextById(html, "who-name").Should().Be("测试用户");
        html.Should().Contain("<html lang=\"zh-CN\">");
    }

    [Theory]
    [InlineData(Roles.Mediator, "/dashboard")]
    [InlineData(Roles.Township, "/audit")]
    [InlineData(Roles.Auditor, "/inbox")]
    [InlineData(Roles.Auditor, "/cases/new")]
    [InlineData(Roles.Admin, "/dashboard")]
    public async Task APageForAnotherRole_Is403_AndTheRefusalIsAudited(string role, string path)
    {
        var username = await app.CreateUserAsync(role, app.Org.County);
        var client = await app.SignInAsync(username);

        var html = await client.PageAsync(path, HttpStatusCode.Forbidden);

        html.Should().Contain("id=\"status-403\"");
        (await app.AuditRowsAsync(AccessDenials.DeniedAction, username)).Should().ContainSingle(r => r.Detail!.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutASession_PagesRedirectToSignIn_WithTheirAddress()
    {
        var response = await app.NewClient().GetAsync(new Uri("/cases?color=red", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/login?returnUrl=%2Fcases%3Fcolor%3Dred");
    }

    [Fact]
    public async Task SignInForm_StartsASession_AndAWrongPasswordIsRefusedAndAudited()
    {
        var username = await app.CreateUserAsync(Roles.Manager);
        var client = app.NewClient();

        var wrong = await client.SubmitAsync("/login", "/login", [new("Username", username), new("Password", "wrong")]);
        var right = await client.SubmitAsync("/login", "/login?returnUrl=%2Fdashboard", [new("Username", username), new("Password", CaseFlowApp.Password)]);

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("id=\"login-refused\"");
        (await app.AuditRowsAsync("auth.login_failed", username)).Should().ContainSingle();
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        right.Headers.Location!.ToString().Should().Be("/dashboard");
        (await app.AuditRowsAsync("auth.login", username)).Should().ContainSingle();
        await client.PageAsync("/dashboard");
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndIsAudited()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var client = await app.SignInAsync(username);

        var response = await client.SubmitAsync("/cases", "/logout", []);

        response.Headers.Location!.ToString().Should().Be("/login");
        (await app.AuditRowsAsync(AuthApi.LogoutAction, username)).Should().ContainSingle();
        (await client.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Theory]
    [InlineData("/cases/new")]
    [InlineData("/login")]
    [InlineData("/logout")]
    [InlineData("/inbox?handler=Accept")]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefused(string action)
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var before = await CountCasesAsync();

        var response = await client.SubmitAsync("/cases", action, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).Fields, withToken: false);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await CountCasesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Register_WithABadIdNumber_ShowsTheApiMessageNextToTheField_AndSavesNothing()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var before = await CountCasesAsync();
        var form = DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).With("Form.Workers[0].IdNumber", "330523199001011234");

        var response = await client.SubmitAsync("/cases/new", "/cases/new", form.Fields);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        PageClient.TextById(html, "err-workers[0].idNumber").Should().Be("身份证号码校验位不正确，请核对。");
        html.Should().Contain("value=\"330523199001011234\"", "what was typed stays in the form");
        (await CountCasesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Register_WithTextWhereANumberBelongs_SaysSoForThatField_AndSavesNothing()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var before = await CountCasesAsync();
        var form = DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).With("Form.WorkersInvolved", "many");

        var response = await client.SubmitAsync("/cases/new", "/cases/new", form.Fields);

        var html = await response.Content.ReadAsStringAsync();
        PageClient.TextById(html, "err-workersInvolved").Should().Be("格式不正确。");
        (await CountCasesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Register_InEnglish_ShowsEnglishMessages()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        await client.PageAsync("/cases?lang=en");
        var form = DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).With("Form.Workers[0].Phone", "12812345678");

        var response = await client.SubmitAsync("/cases/new", "/cases/new", form.Fields);

        PageClient.TextById(await response.Content.ReadAsStringAsync(), "err-workers[0].phone").Should().Be("A mobile number starts with 13 to 19.");
    }

    [Fact]
    public async Task AddAndRemoveWorker_WorkWithoutJavaScript_AndKeepWhatWasTyped()
    {
        var client = await AsAsync(Roles.Mediator, app.Org.TownA);
        var form = DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).With("Form.Workers[0].Name", "李四");

        var added = await (await client.SubmitAsync("/cases/new", "/cases/new?handler=AddWorker", form.Fields)).Content.ReadAsStringAsync();
        var removed = await (await client.SubmitAsync(
            "/cases/new", "/cases/new?handler=RemoveWorker&index=0",
            form.With("Form.Workers[1].Name", "王五").Fields)).Content.ReadAsStringAsync();

        added.Should().Contain("id=\"worker-1\"").And.Contain("value=\"李四\"");
        removed.Should().NotContain("id=\"worker-1\"").And.Contain("value=\"王五\"").And.NotContain("value=\"李四\"");
    }

    [Fact]
    public async Task Register_Saves_AndTheCasePageShowsTheColourAndItsReasons()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);

        var id = await RegisterAsync(client, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).With("Form.Workers[0].MonthsOwed", "1.5"));
        var html = await client.PageAsync($"/cases/{id}?registered=1");

        html.Should().Contain("id=\"registered\"");
        PageClient.TextById(html, "grade-reasons").Should().Contain("欠薪1至2个月");
        html.Should().Contain("data-color=\"orange\">橙色</span>");
        html.Should().Contain("330523********1238").And.NotContain(DisputeForm.IdNumber, "numbers are masked until revealed");
    }

    [Fact]
    public async Task CasePage_OfAnotherTown_Is404()
    {
        var townA = await AsAsync(Roles.Township, app.Org.TownA);
        var mediatorB = await AsAsync(Roles.Mediator, app.Org.TownB);
        var id = await RegisterAsync(townA, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));

        var html = await mediatorB.PageAsync($"/cases/{id}", HttpStatusCode.NotFound);

        html.Should().Contain("id=\"status-404\"").And.NotContain("张三");
    }

    [Fact]
    public async Task Reveal_ShowsTheClearNumbersInItsResponseOnly_AndWritesItsAuditRow()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var client = await app.SignInAsync(username);
        var id = await RegisterAsync(client, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));

        var response = await client.SubmitAsync($"/cases/{id}", $"/cases/{id}?handler=Reveal", [new("purpose", "核对身份")]);
        var later = await client.PageAsync($"/cases/{id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PageClient.TextById(await response.Content.ReadAsStringAsync(), "revealed").Should().Contain(DisputeForm.IdNumber).And.Contain("13812345678");
        later.Should().NotContain(DisputeForm.IdNumber);
        var audit = await app.AuditRowsAsync("case.reveal", username);
        audit.Should().ContainSingle().Which.EntityId.Should().Be(id.ToString(CultureInfo.InvariantCulture));
        audit[0].Detail.Should().Contain("核对身份");
    }

    [Fact]
    public async Task Reveal_ByAnAuditor_Is403_AndRevealsNothing()
    {
        var township = await AsAsync(Roles.Township, app.Org.TownA);
        var id = await RegisterAsync(township, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));
        var auditor = await app.CreateUserAsync(Roles.Auditor);
        var client = await app.SignInAsync(auditor);

        var page = await client.PageAsync($"/cases/{id}");
        var response = await client.SubmitAsync($"/cases/{id}", $"/cases/{id}?handler=Reveal", []);

        page.Should().NotContain("id=\"reveal-form\"");
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain(DisputeForm.IdNumber);
        (await app.AuditRowsAsync("case.reveal", auditor)).Should().BeEmpty();
    }

    [Fact]
    public async Task CasePage_ShowsEveryActionAPersonMayTake_AllowedAsFormsAndRefusedWithTheirReasons_AndNoSystemAction()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var id = await RegisterAsync(client, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));

        var html = await client.PageAsync($"/cases/{id}");

        html.Should().Contain("<details class=\"action\" id=\"action-withdraw\"");
        html.Should().MatchRegex("<div class=\"action disabled\" id=\"action-riskRaised\">\\s*<button type=\"button\" disabled title=\"仅县级管理人员可以调高预警颜色。\"");
        html.Should().NotContain("id=\"action-deadlineElapsed\"").And.NotContain("id=\"action-grade\"").And.NotContain("id=\"action-performanceOverdue\"");
    }

    [Fact]
    public async Task AnAction_WithAMissingRequiredField_ShowsTheMessageInItsOpenForm()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var id = await RegisterAsync(client, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));

        var response = await client.SubmitAsync($"/cases/{id}", $"/cases/{id}?handler=Act", [new("action", "withdraw"), new("version", "1")]);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("<details class=\"action\" id=\"action-withdraw\" open=\"open\">");
        PageClient.TextById(html, "err-reason").Should().Be("此项为必填项。");
    }

    [Fact]
    public async Task AnAction_OnAStaleVersion_Is409_WithTheApiMessage_AndTheFreshCase()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);
        var id = await RegisterAsync(client, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));
        var first = new KeyValuePair<string, string>[] { new("action", "escalate"), new("version", "1"), new("Form.Reason", "村调解委员会无法受理") };
        (await client.SubmitAsync($"/cases/{id}", $"/cases/{id}?handler=Act", first)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var stale = await client.SubmitAsync($"/cases/{id}", $"/cases/{id}?handler=Act", [new("action", "withdraw"), new("version", "1"), new("Form.Reason", "已协商")]);

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var html = await stale.Content.ReadAsStringAsync();
        PageClient.TextById(html, "action-problem").Should().Contain("该案件已被他人修改，请刷新后重试。");
        html.Should().Contain("name=\"version\" value=\"2\"", "the fresh case is drawn with its new version");
    }

    [Fact]
    public async Task Inbox_ListsARedCaseAtTheTown_AndAcceptAssignsTheMediatorInOneStep()
    {
        var township = await AsAsync(Roles.Township, app.Org.TownA);
        var mediatorName = await app.CreateUserAsync(Roles.Mediator, app.Org.TownA, displayName: "收件箱调解员");
        var id = await RegisterAsync(township, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).Red());
        var inbox = await township.PageAsync("/inbox");
        var mediatorId = Regex.Match(inbox, "<option value=\"(\\d+)\">收件箱调解员").Groups[1].Value;

        var response = await township.SubmitAsync("/inbox", "/inbox?handler=Accept", [new("id", id.ToString(CultureInfo.InvariantCulture)), new("version", "1"), new("mediatorId", mediatorId)]);

        inbox.Should().Contain($"data-case-id=\"{id}\"");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var detail = await app.Services.GetRequiredService<CaseQueries>().GetAsync(id, "/");
        detail!.State.Should().Be(Domain.Cases.CaseState.Level3InMediation);
        detail.MediatorUserId.Should().Be(long.Parse(mediatorId, CultureInfo.InvariantCulture));
        (await township.PageAsync("/inbox")).Should().NotContain($"data-case-id=\"{id}\"");
        mediatorName.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Workbench_FiltersByColour_AndMineListsOnlyMyAssignedCases()
    {
        var township = await AsAsync(Roles.Township, app.Org.TownA);
        var red = await RegisterAsync(township, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).Red());
        var yellow = await RegisterAsync(township, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()));

        var reds = await township.PageAsync("/cases?color=red");
        var mine = await township.PageAsync("/cases?tab=mine");

        reds.Should().Contain($"data-case-id=\"{red}\"").And.NotContain($"data-case-id=\"{yellow}\"");
        mine.Should().NotContain($"data-case-id=\"{red}\"", "nobody has accepted it yet");
    }

    [Fact]
    public async Task Workbench_WithABadFilter_ShowsTheApiMessage()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);

        var html = await client.PageAsync("/cases?level=7");

        html.Should().Contain("必须在 1 到 3 之间。");
    }

    [Fact]
    public async Task LanguageSwitch_SetsACookie_AndLaterPagesStayInEnglishUntilSwitchedBack()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownA);

        var english = await client.PageAsync("/cases?lang=en");
        var stillEnglish = await client.PageAsync("/inbox");
        var chinese = await client.PageAsync("/inbox?lang=zh");

        english.Should().Contain("<html lang=\"en\">").And.Contain("Mediation workbench");
        stillEnglish.Should().Contain("Cases awaiting acceptance");
        chinese.Should().Contain("<html lang=\"zh-CN\">").And.Contain("待受理案件");
    }

    [Fact]
    public async Task Header_ShowsTheInboxCount_ForTownshipUsers()
    {
        var client = await AsAsync(Roles.Township, app.Org.TownB);

        var html = await client.PageAsync("/cases");

        PageClient.TextById(html, "inbox-count").Should().Be("0");
    }

    [Fact]
    public async Task Dashboard_ShowsItsFiguresAsTablesWithLinksToTheCaseList()
    {
        var township = await AsAsync(Roles.Township, app.Org.TownA);
        await RegisterAsync(township, DisputeForm.At(app.Org.Village, app.Clock.GetUtcNow()).Red());
        var manager = await AsAsync(Roles.Manager);

        var html = await manager.PageAsync("/dashboard");

        html.Should().Contain("id=\"table-colours\"").And.Contain("href=\"/cases?open=true&amp;color=red\"");
        html.Should().Contain($"href=\"/cases?open=true&amp;unit={app.Org.TownA}\"");
        html.Should().Contain("id=\"table-weeks\"");
        var chartsInstalled = File.Exists(Path.Combine(WebProjectDirectory(), "wwwroot", "lib", "echarts", "echarts.min.js"));
        html.Contains("id=\"chart-units\"", StringComparison.Ordinal).Should().Be(chartsInstalled);
        html.Contains("id=\"charts-unavailable\"", StringComparison.Ordinal).Should().Be(!chartsInstalled);
    }

    [Fact]
    public async Task AuditPage_ListsTheLog_AndItsSearchIsAuditedToo()
    {
        var username = await app.CreateUserAsync(Roles.Auditor);
        var client = await app.SignInAsync(username);

        var html = await client.PageAsync($"/audit?user={username}&action=auth.login");

        html.Should().Contain("title=\"auth.login\"");
        (await app.AuditRowsAsync("audit.search", username)).Should().ContainSingle();
    }

    [Fact]
    public async Task WorkflowPage_ListsTheTransitions_AndTheMermaidSource()
    {
        var client = await AsAsync(Roles.Mediator, app.Org.Group);

        var html = await client.PageAsync("/workflow");

        html.Should().Contain("stateDiagram-v2");
        PageClient.TextById(html, "transitions").Should().Contain("一级待受理").And.Contain("受理");
    }

    private static string WebProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CaseFlow.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "src", "CaseFlow.Web");
    }

    [GeneratedRegex(@"^/cases/(\d+)")]
    private static partial Regex CaseId();
}
