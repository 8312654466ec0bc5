using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The workbench paged by keyset, in headless Chromium as demo-mediator-a works it: the first page, "next page" to the
/// second, back to the first, and a search typed into the filter box that starts again from the first page.
/// </summary>
public sealed partial class PagingBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task AMediator_WalksTheWorkbenchToPageTwoAndBack_AndASearchStartsAgainAtTheTop(int width)
    {
        var mediator = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-mediator-a"))!;
        var viewer = new CaseViewer(mediator.Id, mediator.Unit.Path);
        var open = new CaseFilter { OpenOnly = true, Limit = CaseFlow.Web.Pages.Cases.IndexModel.PageSize };
        var first = await app.Queries.ListAsync(open, viewer);
        if (first.Next is null)
        {
            // The demo mediator's own employer gets enough new disputes, registered by her, for a second page.
            // The employer whose own mediation group she sits in: disputes registered there by the town's union are
            // received at her group (the ladder's first level), so they are hers to work.
            long employer;
            await using (var connection = await app.Services.GetRequiredService<CaseFlow.Data.Database>().OpenAsync())
            {
                employer = await Dapper.SqlMapper.ExecuteScalarAsync<long>(
                    connection, "SELECT id FROM enterprises WHERE mediation_unit_id = @Unit ORDER BY id LIMIT 1", new { Unit = mediator.Unit.Id });
            }

            employer.Should().BePositive("the demo mediator's group belongs to an employer");
            var township = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a"))!;
            var actor = new CaseActor(township.Id, township.Username, township.Unit.Path);
            var commands = app.Services.GetRequiredService<CaseCommands>();
            for (var i = first.Items.Count; i <= open.Limit; i++)
            {
                await commands.RegisterAsync(
                    new CaseRegistration
                    {
                        Channel = CaseFlow.Domain.Cases.Channel.WalkIn,
                        ReceivedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
                        Enterprise = new EnterpriseRef(employer, null, null, null),
                        Workers = [new CaseFlow.Domain.Cases.CaseWorker("翻页测试", "330523199001011238", "13812345678", 2000m + i, 0.5m)],
                    },
                    actor);
            }

            first = await app.Queries.ListAsync(open, viewer);
        }

        first.Next.Should().NotBeNull("the mediator has more open cases than one page holds");
        CaseCursor.TryParse(first.Next, out var after).Should().BeTrue();
        var second = await app.Queries.ListAsync(open with { After = after }, viewer);

        var page = await app.NewPageAsync(width, 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-mediator-a");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#unit-cases");

        (await ShownAsync(page)).Should().Equal(first.Items.Select(i => i.Id));
        var total = first.TotalIsCapped
            ? string.Create(CultureInfo.InvariantCulture, $"共 {first.Total:N0}+ 件")
            : string.Create(CultureInfo.InvariantCulture, $"共 {first.Total} 件");
        (await page.Locator("#case-total").TextContentAsync()).Should().Contain(total);
        (await page.Locator("#first-page").CountAsync()).Should().Be(0, "the first page has no way back");
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0, "the workbench must not scroll sideways");

        await page.ClickAsync("#next-page");
        await page.WaitForURLAsync(AfterInAddress());
        await page.WaitForSelectorAsync("#first-page");
        var shownSecond = await ShownAsync(page);
        shownSecond.Should().Equal(second.Items.Select(i => i.Id));
        shownSecond.Should().NotIntersectWith(first.Items.Select(i => i.Id));
        (await page.Locator("#case-total").TextContentAsync()).Should().Contain(total, "the total is the list's, not the page's");
        await app.ScreenshotAsync(page, $"workbench-page-2-{width}");

        await page.ClickAsync("#first-page");
        // Waits for the first page itself: page two has a "next page" link too, and clicking it mid-navigation is lost.
        await page.WaitForURLAsync(address => !address.Contains("after=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#next-page");
        page.Url.Should().NotContain("after=");
        (await ShownAsync(page)).Should().Equal(first.Items.Select(i => i.Id));

        // From page 2 again, a search typed into the box and sent with Enter lists from the top of its own results.
        await page.ClickAsync("#next-page");
        await page.WaitForURLAsync(AfterInAddress());
        var enterprise = first.Items.First(i => i.EnterpriseName is not null).EnterpriseName!;
        await page.FillAsync("#f-text", enterprise);
        await page.PressAsync("#f-text", "Enter");
        await page.WaitForURLAsync(new Regex("text="));
        page.Url.Should().NotContain("after=");
        var found = await app.Queries.ListAsync(open with { Text = enterprise }, viewer);
        (await ShownAsync(page)).Should().Equal(found.Items.Select(i => i.Id)).And.NotBeEmpty();
        await page.Context.CloseAsync();
    }

    private static async Task<List<long>> ShownAsync(IPage page) =>
        [.. (await page.Locator("#unit-cases tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.caseId)")).Select(id => long.Parse(id, CultureInfo.InvariantCulture))];

    private static Task<int> Overflow(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    [GeneratedRegex("after=")]
    private static partial Regex AfterInAddress();
}
