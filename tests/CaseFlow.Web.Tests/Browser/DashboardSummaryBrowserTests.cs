using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The risk dashboard, read from the per-unit summary, as demo-manager uses it in headless Chromium: its figures open
/// lists of exactly as many cases, and a case withdrawn meanwhile leaves the open figures at once.
/// </summary>
public sealed partial class DashboardSummaryBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task TheManagersDashboard_FollowsAWithdrawal_AndItsRedFigureOpensAListOfAsManyCases()
    {
        var red = await RegisterARedCaseAsync();
        var page = await SignInByKeyboardAsync(1366, 768);
        var open = await FigureAsync(page, "open");
        var redFigure = await FigureAsync(page, "color:red");
        var recent = await page.Locator("#table-weeks tbody tr").Last.Locator("a[data-figure$=':closed']").GetAttributeAsync("data-figure");
        var closedThisWeek = await FigureAsync(page, recent!);
        redFigure.Should().BeGreaterThan(0, "the red case registered above is open");

        // The red case is withdrawn by its applicant; the dashboard, opened again from the menu, counts it closed.
        await app.Services.GetRequiredService<CaseCommands>().ActAsync(red, null, CaseActor.System, (c, _, ctx) => c.Withdraw(ctx), "申请人撤回申请");
        await page.ClickAsync("nav a[href='/dashboard']");
        await page.WaitForSelectorAsync("#kpis");
        (await FigureAsync(page, "open")).Should().Be(open - 1);
        (await FigureAsync(page, "color:red")).Should().Be(redFigure - 1);
        (await FigureAsync(page, recent!)).Should().Be(closedThisWeek + 1, "the withdrawal closed it this week");
        await app.ScreenshotAsync(page, "dashboard-summary");

        await page.ClickAsync("a[data-figure='color:red']");
        await page.WaitForSelectorAsync("#case-total");
        (await TotalAsync(page)).Should().Be(redFigure - 1, "the red figure opens the list of the red open cases");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_TheDashboardFitsTheScreen_AndItsOpenAndAfterMediationFiguresOpenListsOfAsManyCases()
    {
        var page = await SignInByKeyboardAsync(390, 844);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"))
            .Should().BeLessThanOrEqualTo(0, "the dashboard must not scroll sideways on a phone");
        (await page.Locator("#counted-at").IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("#counted-at").TextContentAsync()).Should().MatchRegex(@"统计于 \d{2}:\d{2}:\d{2}", "the page says when its figures were counted");
        var open = await FigureAsync(page, "open");
        var afterMediation = await FigureAsync(page, "level:none");

        await page.ClickAsync("#kpi-open");
        await page.WaitForSelectorAsync("#case-total");
        (await TotalAsync(page)).Should().Be(open);
        await page.GoBackAsync();
        await page.WaitForSelectorAsync("#kpis");
        await page.ClickAsync("a[data-figure='level:none']");
        await page.WaitForSelectorAsync("#case-total");
        (await TotalAsync(page)).Should().Be(afterMediation, "the cases after mediation (agreement, failed, referred) are listed");
        await app.ScreenshotAsync(page, "dashboard-summary-phone");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInByKeyboardAsync(int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync("/login");
        await page.Locator("#username").PressSequentiallyAsync("demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");
        return page;
    }

    private static async Task<long> FigureAsync(IPage page, string key)
    {
        var text = await page.Locator($"a[data-figure='{key}']").First.TextContentAsync();
        return long.Parse(Digits().Match(text!.Replace(",", "", StringComparison.Ordinal)).Value, CultureInfo.InvariantCulture);
    }

    private static async Task<long> TotalAsync(IPage page) =>
        long.Parse(Digits().Match((await page.TextContentAsync("#case-total"))!).Value, CultureInfo.InvariantCulture);

    /// <summary>
    /// A collective-action dispute at a village of demo town A, red from its facts: the test's own case, so that what the
    /// demo's open red cases have come to by the day it runs does not matter.
    /// </summary>
    private async Task<long> RegisterARedCaseAsync()
    {
        var town = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a"))!.Unit;
        var village = (await app.Services.GetRequiredService<OrgStore>().SubtreeAsync(town.Path)).First(u => u.Kind == UnitKind.Village);
        var registered = await app.Services.GetRequiredService<CaseCommands>().RegisterAsync(
            new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-1),
                Enterprise = new EnterpriseRef(null, "递铺示例服装厂" + Guid.NewGuid().ToString("N")[..6], null, village.Id),
                Workers = [new CaseWorker("王五", "330523199001011238", "13812345678", 9000m, 1m)],
                Description = "集体讨薪",
                Signals = RiskSignals.CollectiveAction,
            },
            new CaseActor(null, "village", village.Path));
        registered.Case.RiskColor.Should().Be(RiskColor.Red, "a collective action is graded red");
        return registered.Case.Id;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
