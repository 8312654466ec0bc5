using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The pages in headless Chromium against the real host with the demo data (county 1 on an Anji ladder).</summary>
public sealed partial class BrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string ValidIdNumber = "330523199001011238";

    [BrowserTheory]
    [InlineData("demo-mediator-a", "/cases", "#unit-cases, .empty")]
    [InlineData("demo-township-a", "/cases", "#unit-cases, .empty")]
    [InlineData("demo-manager", "/dashboard", "#kpis")]
    [InlineData("demo-auditor", "/audit", "#audit-rows")]
    [InlineData("demo-admin", "/audit", "#audit-rows")]
    public async Task SignIn_AsEachDemoRole_LandsOnThatRolesHomePage(string username, string home, string landmark)
    {
        var page = await app.SignInAsync(username);

        new Uri(page.Url).AbsolutePath.Should().Be(home);
        (await page.Locator(landmark).CountAsync()).Should().BeGreaterThan(0);
        (await page.TextContentAsync("#who-name")).Should().StartWith("演示");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task RegisterDispute_ShowsTheIdNumberError_ThenSaves_AndShowsTheColourWithItsReasons()
    {
        var page = await app.SignInAsync("demo-township-a");
        await page.GotoAsync("/cases");
        await app.ScreenshotAsync(page, "workbench");
        await page.ClickAsync("#register-link");

        await FillDisputeAsync(page, idNumber: "330523199001011234", months: "2.5");
        await page.ClickAsync("#save-case");
        var error = page.Locator("[id='err-workers[0].idNumber']");
        (await error.TextContentAsync()).Should().Be("身份证号码校验位不正确，请核对。");

        await page.FillAsync("#w0-id", ValidIdNumber);
        await page.ClickAsync("#save-case");
        await page.WaitForSelectorAsync("#registered");

        page.Url.Should().MatchRegex(@"/cases/\d+\?registered=1$");
        (await page.Locator("#case-number .badge").TextContentAsync()).Should().Be("红色");
        (await page.Locator("#grade-reasons li").AllTextContentsAsync()).Should().Contain(r => r.Contains("欠薪超过2个月", StringComparison.Ordinal));
        await app.ScreenshotAsync(page, "case");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task TownshipInbox_AcceptsARoutedRedCase_AssigningTheMediatorInOneStep()
    {
        var page = await app.SignInAsync("demo-township-a");
        await page.GotoAsync("/cases/new");
        await FillDisputeAsync(page, idNumber: ValidIdNumber, months: "3");
        await page.ClickAsync("#save-case");
        await page.WaitForSelectorAsync("#registered");
        var id = long.Parse(CaseId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);

        await page.ClickAsync("a[href='/inbox']");
        var row = page.Locator($"#inbox tr[data-case-id='{id}']");
        await row.WaitForAsync();
        await app.ScreenshotAsync(page, "inbox");
        await row.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "演示调解员 · " + await MediatorUnitAsync(row) });
        await row.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("#accepted");

        (await page.Locator($"#inbox tr[data-case-id='{id}']").CountAsync()).Should().Be(0);
        var detail = await app.Queries.GetAsync(id, "/");
        detail!.State.Should().Be(CaseState.Level3InMediation);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AMediatorOfTownA_CannotOpenACaseOfTownB()
    {
        var townB = await TownBCaseAsync();
        var page = await app.SignInAsync("demo-mediator-a");

        var response = await page.GotoAsync($"/cases/{townB}");

        response!.Status.Should().Be(404);
        (await page.Locator("#status-404").IsVisibleAsync()).Should().BeTrue();
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Dashboard_DrawsItsChartsBesideItsTables()
    {
        var page = await app.SignInAsync("demo-manager");

        await page.WaitForSelectorAsync("#chart-units canvas");

        (await page.Locator(".chart canvas").CountAsync()).Should().BeGreaterThanOrEqualTo(4);
        (await page.Locator("#table-units tbody tr").CountAsync()).Should().BeGreaterThan(0);
        (await page.Locator("#charts-unavailable").CountAsync()).Should().Be(0);
        await app.ScreenshotAsync(page, "dashboard");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task LanguageSwitch_TurnsThePagesEnglish_AndBack()
    {
        var page = await app.SignInAsync("demo-township-a");

        await page.ClickAsync("#lang-switch");
        var english = await page.TextContentAsync("h1");
        await page.ClickAsync("a[href='/inbox']");
        var inboxEnglish = await page.TextContentAsync("h1");
        await page.ClickAsync("#lang-switch");

        english.Should().Be("Mediation workbench");
        inboxEnglish.Should().Be("Cases awaiting acceptance");
        (await page.TextContentAsync("h1")).Should().Be("待受理案件");
        (await page.GetAttributeAsync("html", "lang")).Should().Be("zh-CN");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_TheWorkbenchRegisterFormAndDashboard_FitTheScreenWidth()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#kpis");

        foreach (var path in new[] { "/dashboard", "/cases", "/cases/new" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            overflow.Should().BeLessThanOrEqualTo(0, "{0} must not scroll sideways on a phone (wide tables scroll inside their own box)", path);
        }

        await app.ScreenshotAsync(page, "register-phone");
        await page.Context.CloseAsync();
    }

    private static async Task FillDisputeAsync(IPage page, string idNumber, string months)
    {
        await page.SelectOptionAsync("#channel", "hotline");
        await page.FillAsync("#enterpriseName", "安吉示例竹制品有限公司");
        // The first village of the town: the employer's location; level 3 of an Anji ladder is the town itself.
        var village = await page.Locator("#unitId option").Filter(new LocatorFilterOptions { HasText = "村/社区" }).First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#unitId", village!);
        await page.FillAsync("#w0-name", "张三");
        await page.FillAsync("#w0-id", idNumber);
        await page.FillAsync("#w0-phone", "13812345678");
        await page.FillAsync("#w0-amount", "18000");
        await page.FillAsync("#w0-months", months);
        await page.FillAsync("#description", "春节前拖欠工资");
    }

    private static async Task<string> MediatorUnitAsync(ILocator row)
    {
        var label = await row.Locator("select option").Filter(new LocatorFilterOptions { HasText = "演示调解员" }).First.TextContentAsync();
        return label!.Split(" · ", 2)[1].Trim();
    }

    /// <summary>A case of the second demo town, listed as that town's union sees it.</summary>
    private async Task<long> TownBCaseAsync()
    {
        var townB = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-b");
        var cases = await app.Queries.ListAsync(new CaseFilter { Limit = 1 }, townB!.Unit.Path);
        cases.Items.Should().NotBeEmpty("the demo seeds cases in every town");
        return cases.Items[0].Id;
    }

    [GeneratedRegex(@"/cases/(\d+)")]
    private static partial Regex CaseId();
}
