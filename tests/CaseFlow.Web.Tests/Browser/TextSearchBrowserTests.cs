using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The workbench's text search in headless Chromium as the county manager (demo-manager) uses it, at desktop and phone
/// width: the box says how names are matched; one character is refused beside the box; a search matching too many
/// enterprises says so above what it found; a worker's name typed from the surname and sent with Enter finds their cases.
/// </summary>
public sealed class TextSearchBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task TheManager_SearchesByEnterpriseAndWorker_AndIsToldWhenASearchIsTooShortOrTooBroad(int width)
    {
        var manager = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-manager"))!;
        var viewer = new CaseViewer(manager.Id, manager.Unit.Path);
        var open = new CaseFilter { OpenOnly = true, Limit = CaseFlow.Web.Pages.Cases.IndexModel.PageSize };
        var broad = await app.Queries.ListAsync(open with { Text = "有限公司" }, viewer);
        broad.SearchTooBroad.Should().BeTrue("the demo county has more than the bound of enterprises named 有限公司");
        var worker = (await app.Queries.ListAsync(open, viewer)).Items[0];
        string name;
        await using (var connection = await app.Services.GetRequiredService<CaseFlow.Data.Database>().OpenAsync())
        {
            name = await Dapper.SqlMapper.ExecuteScalarAsync<string>(
                connection, "SELECT name FROM case_parties WHERE case_id = @Id AND kind = 'worker' ORDER BY id LIMIT 1", new { worker.Id }) ?? "";
        }

        name.Length.Should().BeGreaterThanOrEqualTo(CaseQueries.MinTextLength);
        var byName = await app.Queries.ListAsync(open with { Text = name }, viewer);

        var page = await app.NewPageAsync(width, 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForURLAsync(address => !address.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/cases");
        await page.WaitForSelectorAsync("#unit-cases");
        (await page.Locator("#f-text-help").TextContentAsync()).Should().Contain("从姓开始").And.Contain("至少 2 个字");

        await page.FillAsync("#f-text", "有");
        await page.PressAsync("#f-text", "Enter");
        await page.WaitForSelectorAsync("#err-text");
        (await page.Locator("#err-text").TextContentAsync()).Should().Contain("请至少输入 2 个字");
        (await page.Locator("#unit-cases tbody tr").CountAsync()).Should().Be(0);

        await page.FillAsync("#f-text", "有限公司");
        await page.PressAsync("#f-text", "Enter");
        await page.WaitForSelectorAsync("#search-too-broad");
        (await page.Locator("#search-too-broad").TextContentAsync()).Should().Contain("结果较多，请输入更完整的名称");
        await ShowsTheListAsync(page, broad, () => app.Queries.ListAsync(open with { Text = "有限公司" }, viewer));
        var box = await page.Locator("#search-too-broad").BoundingBoxAsync();
        box!.X.Should().BeGreaterThanOrEqualTo(0);
        (box.X + box.Width).Should().BeLessThanOrEqualTo(width, "the message fits the screen");
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0, "the workbench must not scroll sideways");
        await app.ScreenshotAsync(page, $"search-too-broad-{width}");

        await page.FillAsync("#f-text", name);
        await page.PressAsync("#f-text", "Enter");
        await page.WaitForURLAsync(address => Uri.UnescapeDataString(address).Contains("text=" + name, StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#unit-cases");
        (await page.Locator("#search-too-broad").CountAsync()).Should().Be(byName.SearchTooBroad ? 1 : 0);
        (await ShowsTheListAsync(page, byName, () => app.Queries.ListAsync(open with { Text = name }, viewer))).Should().Contain(worker.Id);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The page lists what the query gave before it loaded, or, if the host's own jobs (the deadline sweep) changed a
    /// case in between, what the query gives after: the list as the data stood at some moment while the page loaded.
    /// </summary>
    private static async Task<List<long>> ShowsTheListAsync(IPage page, Page<CaseListItem> before, Func<Task<Page<CaseListItem>>> after)
    {
        var shown = await ShownAsync(page);
        shown.Should().NotBeEmpty();
        var expected = before.Items.Select(i => i.Id).ToList();
        if (!shown.SequenceEqual(expected))
        {
            expected = [.. (await after()).Items.Select(i => i.Id)];
        }

        shown.Should().Equal(expected);
        return shown;
    }

    private static async Task<List<long>> ShownAsync(IPage page) =>
        [.. (await page.Locator("#unit-cases tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.caseId)")).Select(id => long.Parse(id, CultureInfo.InvariantCulture))];

    private static Task<int> Overflow(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
}
