using CaseFlow.Data.Audit;
using CaseFlow.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// demo-manager at work on the dashboard while an administrator deactivates the account in this process: the next
/// click lands on the sign-in page and the API answers 401, although the signed-in account is otherwise reused for
/// a few seconds (<see cref="UserStore.SessionAccountLifetime"/>). At desktop and phone width.
/// </summary>
public sealed class SessionEndBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public Task ADeactivatedManager_IsSignedOutOnTheirNextClick_OnADesktop() => DeactivatedWhileSignedInAsync(1366, 768, "session-end");

    [BrowserFact]
    public Task ADeactivatedManager_IsSignedOutOnTheirNextClick_OnAPhone() => DeactivatedWhileSignedInAsync(390, 844, "session-end-phone");

    private async Task DeactivatedWhileSignedInAsync(int width, int height, string screenshot)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var audit = app.Services.GetRequiredService<AuditWriter>();
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync("/login");
        await page.Locator("#username").PressSequentiallyAsync("demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");
        (await ApiStatusAsync(page)).Should().Be(200);
        var manager = (await users.FindByUsernameAsync("demo-manager"))!;

        try
        {
            await users.SetActiveAsync(manager.Id, active: false, new AuditActor(null, "admin"), audit);

            // Still on the dashboard; the manager's next click lands on the sign-in page, and the session is gone.
            await page.ClickAsync("#kpi-open");
            await page.WaitForSelectorAsync("#username");
            page.Url.Should().Contain("/login");
            (await ApiStatusAsync(page)).Should().Be(401);
            await app.ScreenshotAsync(page, screenshot);

            // Nor can the account sign in again.
            await page.Locator("#username").PressSequentiallyAsync("demo-manager");
            await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
            await page.PressAsync("#password", "Enter");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            (await page.Locator("#kpis").CountAsync()).Should().Be(0);
        }
        finally
        {
            await users.SetActiveAsync(manager.Id, active: true, new AuditActor(null, "admin"), audit);
        }

        // Reactivated: the manager signs in and works again.
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");
        (await ApiStatusAsync(page)).Should().Be(200);
        await page.Context.CloseAsync();
    }

    private static Task<int> ApiStatusAsync(IPage page) =>
        page.EvaluateAsync<int>("async () => (await fetch('/api/v1/dashboard', { credentials: 'same-origin' })).status");
}
