using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The pages under the Content-Security-Policy, and the reveal that needs a reason, in headless Chromium.</summary>
public sealed class HardeningBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Every console message and page error of a page, to look for what the browser refused.</summary>
    private static List<string> Listen(IPage page)
    {
        var messages = new List<string>();
        page.Console += (_, message) => messages.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => messages.Add("pageerror: " + error);
        return messages;
    }

    private static IEnumerable<string> Violations(IEnumerable<string> messages) =>
        messages.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Refused to", StringComparison.Ordinal) || m.StartsWith("pageerror", StringComparison.Ordinal));

    [BrowserTheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task TheDashboard_DrawsItsChartsUnderTheContentSecurityPolicy_WithNoViolation(int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        var messages = Listen(page);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");

        var response = await page.GotoAsync("/dashboard");
        await page.WaitForSelectorAsync("#chart-units canvas");
        await page.WaitForSelectorAsync("#chart-weeks canvas");
        // A tooltip is drawn from HTML ECharts writes itself: hover each chart to have it drawn.
        foreach (var chart in await page.Locator(".chart").AllAsync())
        {
            await chart.ScrollIntoViewIfNeededAsync();
            await chart.HoverAsync();
        }

        await page.WaitForTimeoutAsync(300);

        (await response!.HeaderValueAsync("content-security-policy")).Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        (await page.Locator(".chart canvas").CountAsync()).Should().BeGreaterThanOrEqualTo(4);
        Violations(messages).Should().BeEmpty();
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("demo-township-a", new[] { "/cases", "/cases/new", "/inbox", "/workflow" })]
    [InlineData("demo-admin", new[] { "/audit", "/admin/jobs" })]
    public async Task EveryPage_LoadsUnderTheContentSecurityPolicy_WithNoViolation(string username, string[] paths)
    {
        var page = await app.SignInAsync(username);
        var messages = Listen(page);

        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            response!.Ok.Should().BeTrue(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // A case page too, with its action forms.
        if (username == "demo-township-a")
        {
            await page.GotoAsync("/cases");
            await page.Locator("#unit-cases a[href^='/cases/']").First.ClickAsync();
            await page.WaitForSelectorAsync("#timeline");
        }

        Violations(messages).Should().BeEmpty();
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task Reveal_WithoutAReason_IsRefusedOnThePage_AndWithOneTypedAndEnterPressed_ShowsTheNumbers(int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-township-a");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#who-name");
        await page.GotoAsync("/cases");
        await page.Locator("#unit-cases a[href^='/cases/']").First.ClickAsync();
        await page.WaitForSelectorAsync("#reveal-form");

        await page.ClickAsync("#reveal");
        await page.WaitForSelectorAsync("#reveal-form");
        var refusal = await page.Locator("#reveal-form").TextContentAsync();
        var clearBefore = await page.Locator(".clear-number").CountAsync();

        await page.FillAsync("#purpose", "电话联系劳动者核实欠薪");
        await page.PressAsync("#purpose", "Enter");
        await page.WaitForSelectorAsync(".clear-number");

        refusal.Should().Contain("此项为必填项。");
        clearBefore.Should().Be(0);
        (await page.Locator(".clear-number").First.TextContentAsync()).Should().MatchRegex(@"^\d{17}[\dX]$|^1\d{10}$");
        await page.Context.CloseAsync();
    }
}
