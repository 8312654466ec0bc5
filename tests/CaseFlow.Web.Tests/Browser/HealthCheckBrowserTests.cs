using System.Globalization;
using CaseFlow.Domain;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// As demo-manager of 安吉县 in headless Chromium: record a legal health check with a problem and follow-ups on a
/// flagged employer, see it on its page and on the overdue list, mark it done; edit the scoring scheme, first with
/// points that do not add up, then valid. At desktop and at phone width.
/// </summary>
public sealed class HealthCheckBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static string Day(int days) =>
        ChinaTime.DateOf(TimeProvider.System.GetUtcNow()).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task AManager_RecordsACheckOnAFlaggedEmployer_SeesItsOverdueFollowUpListed_AndMarksItDone()
    {
        var page = await app.SignInAsync("demo-manager");
        await page.ClickAsync("#nav-enterprises");
        await page.ClickAsync("#alert-filters a[href='/enterprises?alert=noRecentHealthCheck']");
        await page.WaitForSelectorAsync("#register");
        var first = page.Locator("#register tbody tr").First;
        var name = (await first.Locator("td a").TextContentAsync())!;
        await first.Locator("td a").ClickAsync();
        await page.WaitForSelectorAsync("#enterprise-name");
        (await page.Locator("#alerts li[data-alert='noRecentHealthCheck']").CountAsync()).Should().Be(1);

        await page.ClickAsync("#record-health-check");
        await page.WaitForSelectorAsync("#health-check-form");
        await page.FillAsync("#checked-on", Day(-10));
        await page.CheckAsync("#finding-labour-contracts-ok");
        await page.CheckAsync("#finding-wage-payments-problem");
        await page.FillAsync("#finding-wage-payments-note", "近三个月未建工资支付台账");
        await page.CheckAsync("#finding-social-insurance-ok");
        await page.CheckAsync("#finding-working-hours-ok");
        await page.FillAsync("#followup-0-item", "补建工资支付台账");
        await page.FillAsync("#followup-0-due", Day(-1));
        await page.FillAsync("#followup-1-item", "台账按月报送镇工会");
        await page.FillAsync("#followup-1-due", Day(20));
        await page.FillAsync("#checked-by", "县总工会法律服务团 赵律师");
        await page.PressAsync("#checked-by", "Enter");

        await page.WaitForSelectorAsync("#health-check-done");
        (await page.TextContentAsync("#enterprise-name")).Should().StartWith(name);
        var check = page.Locator("#health-checks article.health-check").First;
        (await check.Locator("li[data-item='wage-payments'][data-ok='no']").TextContentAsync()).Should().Contain("近三个月未建工资支付台账");
        (await check.Locator("tr[data-status='overdue']").TextContentAsync()).Should().Contain("补建工资支付台账");
        (await check.Locator("tr[data-status='open']").TextContentAsync()).Should().Contain("台账按月报送镇工会");
        (await page.Locator("#alerts li[data-alert='noRecentHealthCheck']").CountAsync()).Should().Be(0, "the employer now has a recent check");
        await app.ScreenshotAsync(page, "health-check-recorded");

        // The county's overdue list: the past-due item is there, the one due in 20 days is not.
        await page.ClickAsync("#nav-enterprises");
        await page.ClickAsync("#overdue-followups-link");
        await page.WaitForSelectorAsync("#followup-list");
        var rows = page.Locator("#followup-list tbody tr", new() { HasText = name });
        (await rows.AllTextContentsAsync()).Should().ContainSingle().Which.Should().Contain("补建工资支付台账");

        // Done from the employer's page, with a note: it leaves the overdue list.
        await rows.Locator("a").ClickAsync();
        await page.WaitForSelectorAsync("#health-checks");
        var overdue = page.Locator("#health-checks article.health-check").First.Locator("tr[data-status='overdue']");
        await overdue.Locator("input[name='note']").FillAsync("已补建并经镇工会核对");
        await overdue.Locator("button.mark-done").ClickAsync();
        await page.WaitForSelectorAsync("#health-check-done");
        (await page.Locator("#health-checks article.health-check").First.Locator("tr[data-status='done']").TextContentAsync()).Should().Contain("已补建并经镇工会核对");
        await page.GotoAsync("/health-checks/follow-ups");
        (await page.Locator("#followup-list tbody tr", new() { HasText = "补建工资支付台账" }).Locator("a", new() { HasText = name }).CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_AManagerEditsTheScheme_AnInvalidTotalShowsTheFieldError_AValidOneSavesANewVersion()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");

        // The demo's overdue follow-up is listed, and the list fits the phone.
        await page.GotoAsync("/health-checks/follow-ups");
        (await page.Locator("#followup-list tbody tr").CountAsync()).Should().BeGreaterThan(0);
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0);

        await page.ClickAsync("#nav-ranking");
        await page.ClickAsync("#edit-scheme");
        await page.WaitForSelectorAsync("#scheme-form");
        var version = int.Parse((await page.GetAttributeAsync("#scheme-versions tbody tr", "data-version"))!, CultureInfo.InvariantCulture);

        await page.FillAsync("#indicator-acceptance-on-time-points", "35");
        await page.PressAsync("#indicator-acceptance-on-time-points", "Enter");
        await page.WaitForSelectorAsync("#err-maxPoints");
        (await page.TextContentAsync("#err-maxPoints")).Should().Contain("205").And.Contain("200");
        (await page.InputValueAsync("#indicator-acceptance-on-time-points")).Should().Be("35", "what was typed stays");
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0, "the scheme form must not scroll sideways on a phone");
        await app.ScreenshotAsync(page, "scheme-invalid-phone");

        await page.FillAsync("#indicator-resolved-within-limits-points", "25");
        await page.PressAsync("#indicator-resolved-within-limits-points", "Enter");
        await page.WaitForSelectorAsync("#scheme-saved");
        (await page.TextContentAsync("#scheme-saved")).Should().Contain($"第 {version + 1} 版");
        (await page.GetAttributeAsync("#scheme-versions tbody tr", "data-version")).Should().Be((version + 1).ToString(CultureInfo.InvariantCulture));
        (await page.InputValueAsync("#indicator-acceptance-on-time-points")).Should().Be("35");

        await page.GotoAsync("/ranking");
        (await page.TextContentAsync("#ranking-about")).Should().Contain($"评分细则第 {version + 1} 版").And.Contain("满分 200.00");
        await page.Context.CloseAsync();
    }

    private static Task<int> Overflow(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
}
