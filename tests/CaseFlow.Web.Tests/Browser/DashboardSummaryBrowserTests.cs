using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data;
using CaseFlow.Data.Cases;
using Dapper;
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
        var page = await SignInByKeyboardAsync(1366, 768);
        var open = await FigureAsync(page, "open");
        var red = await FigureAsync(page, "color:red");
        var recent = await page.Locator("#table-weeks tbody tr").Last.Locator("a[data-figure$=':closed']").GetAttributeAsync("data-figure");
        var closedThisWeek = await FigureAsync(page, recent!);
        red.Should().BeGreaterThan(0, "the demo has red cases");

        // One of the county's open red cases is withdrawn (Registered, in mediation, agreement reached or failed allow it); the dashboard, opened again from the menu, counts it closed.
        await WithdrawAnOpenRedCaseAsync();
        await page.ClickAsync("nav a[href='/dashboard']");
        await page.WaitForSelectorAsync("#kpis");
        (await FigureAsync(page, "open")).Should().Be(open - 1);
        (await FigureAsync(page, "color:red")).Should().Be(red - 1);
        (await FigureAsync(page, recent!)).Should().Be(closedThisWeek + 1, "the withdrawal closed it this week");
        await app.ScreenshotAsync(page, "dashboard-summary");

        await page.ClickAsync("a[data-figure='color:red']");
        await page.WaitForSelectorAsync("#case-total");
        (await TotalAsync(page)).Should().Be(red - 1, "the red figure opens the list of the red open cases");
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

    private async Task WithdrawAnOpenRedCaseAsync()
    {
        long id;
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            id = await connection.ExecuteScalarAsync<long>("""
                SELECT c.id FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
                WHERE c.closed_at IS NULL AND c.risk_color = 3 AND c.state NOT IN ('Referred', 'Resolved')
                  AND u.path GLOB (SELECT m.path FROM org_units AS m JOIN users AS x ON x.unit_id = m.id WHERE x.username = 'demo-manager') || '*'
                ORDER BY c.id LIMIT 1
                """);
        }

        id.Should().BeGreaterThan(0, "the demo county has an open red case that may still be withdrawn");
        await app.Services.GetRequiredService<CaseCommands>().ActAsync(id, null, CaseActor.System, (c, _, ctx) => c.Withdraw(ctx), "申请人撤回申请");
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
