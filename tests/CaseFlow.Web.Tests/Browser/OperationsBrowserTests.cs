using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The operations page as the administrator uses it: the last good backup's age, and a backup taken by hand.</summary>
public sealed class OperationsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task TheAdmin_OpensOperationsFromTheHeader_BacksUpNow_AndSeesTheFreshBackup()
    {
        var page = await app.SignInAsync("demo-admin");

        await page.ClickAsync("#nav-operations");
        await page.WaitForSelectorAsync("#backups");
        (await page.TextContentAsync("h1")).Should().Be("运行维护");
        await page.ClickAsync("#backup-now");
        await page.WaitForSelectorAsync("#backup-message");

        (await page.TextContentAsync("#backup-message")).Should().StartWith("已完成备份：caseflow-");
        (await page.GetAttributeAsync("#backup-status", "data-status")).Should().Be("Fresh");
        (await page.TextContentAsync("#backup-status")).Should().Be("正常");
        (await page.TextContentAsync("#backup-age")).Should().Contain("分钟前");
        (await page.Locator("#backup-files tbody tr").CountAsync()).Should().BeGreaterThanOrEqualTo(1);
        await app.ScreenshotAsync(page, "operations");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_TheOperationsPageFitsTheWidth_AndTheBackupButtonWorksFromTheKeyboard()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login?lang=en");
        await page.FillAsync("#username", "demo-admin");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#who-name");
        await page.GotoAsync("/admin/operations");
        var before = await page.Locator("#backup-files tbody tr").CountAsync();

        await page.FocusAsync("#backup-now");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#backup-message");

        (await page.TextContentAsync("#backup-message")).Should().StartWith("Backed up: caseflow-");
        (await page.Locator("#backup-files tbody tr").CountAsync()).Should().Be(before + 1);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "the operations page must not scroll sideways on a phone");
        await app.ScreenshotAsync(page, "operations-phone");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AMediator_WhoOpensTheOperationsPage_GetsTheNotAllowedPage()
    {
        var page = await app.SignInAsync("demo-mediator-a");

        var response = await page.GotoAsync("/admin/operations");

        response!.Status.Should().Be(403);
        (await page.Locator("#status-403").CountAsync()).Should().Be(1);
        (await page.Locator("#nav-operations").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }
}
