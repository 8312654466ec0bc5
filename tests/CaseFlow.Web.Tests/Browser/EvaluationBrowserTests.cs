using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The ranking page and the enterprise register in headless Chromium, as demo-manager of 安吉县 would use them.</summary>
public sealed partial class EvaluationBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task Ranking_ShowsEveryUnitOutOf200WithStars_AnIndicatorOpensItsCases_AndTheExportHasTheSameScores()
    {
        var page = await app.SignInAsync("demo-manager");
        await page.ClickAsync("#nav-ranking");
        await page.WaitForSelectorAsync("#ranking");
        await app.ScreenshotAsync(page, "ranking");

        var rows = page.Locator("#ranking tbody tr");
        (await rows.CountAsync()).Should().BeGreaterThan(5);
        (await page.Locator("#ranking tbody td.score").AllTextContentsAsync()).Should().OnlyContain(t => t.Contains("/ 200.00", StringComparison.Ordinal));
        (await page.Locator("#ranking tbody td.stars").AllTextContentsAsync()).Should().OnlyContain(t => t.Contains('★') && t.Contains('星'));
        var firstUnit = (await rows.First.Locator("a.unit-link").TextContentAsync())!;
        var firstScore = (await rows.First.Locator("td.score strong").TextContentAsync())!;

        // The xlsx export, fetched with the page's own session, holds the same first row.
        var href = await page.GetAttributeAsync("#export-xlsx", "href");
        var download = await page.Context.APIRequest.GetAsync(href!);
        using (var stream = new MemoryStream(await download.BodyAsync()))
        using (var document = SpreadsheetDocument.Open(stream, isEditable: false))
        {
            var workbook = document.WorkbookPart!;
            var first = workbook.Workbook.Descendants<Sheet>().First();
            var sheet = (WorksheetPart)workbook.GetPartById(first.Id!.Value!);
            var cells = sheet.Worksheet.Descendants<Row>().ElementAt(2).Elements<Cell>().ToList();
            cells[1].InnerText.Should().Be(firstUnit);
            decimal.Parse(cells[3].CellValue!.Text, CultureInfo.InvariantCulture).Should().Be(decimal.Parse(firstScore, CultureInfo.InvariantCulture));
        }

        // Sorting by name puts the units in name order.
        await page.ClickAsync("#sort-name");
        await page.WaitForURLAsync(new Regex("sort=name"));
        var names = await page.Locator("#ranking tbody a.unit-link").AllTextContentsAsync();
        names.Should().BeInAscendingOrder(StringComparer.Ordinal);

        // An indicator's points open the cases behind it: as many rows as the indicator measured.
        await page.GotoAsync("/ranking");
        await page.Locator("#ranking tbody tr").First.Locator("a[data-indicator='acceptance-on-time']").ClickAsync();
        await page.WaitForSelectorAsync("#indicator-title");
        (await page.TextContentAsync("#indicator-title")).Should().StartWith(firstUnit);
        var counts = Counts().Match((await page.TextContentAsync("#indicator-value"))!);
        counts.Success.Should().BeTrue();
        var measured = int.Parse(counts.Groups["of"].Value, CultureInfo.InvariantCulture);
        measured.Should().BeGreaterThan(0, "the top unit has accepted cases in the demo year");
        (await page.Locator("#indicator-cases tbody tr").CountAsync()).Should().Be(measured);
        (await page.Locator("#indicator-cases tbody tr[data-met='yes']").CountAsync()).Should().Be(int.Parse(counts.Groups["met"].Value, CultureInfo.InvariantCulture));
        await app.ScreenshotAsync(page, "ranking-indicator-cases");

        await page.Locator("#indicator-cases tbody a").First.ClickAsync();
        await page.WaitForSelectorAsync("#case-number");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_TheRegisterFlagsARepeatOffender_ItsPageListsItsCases_AndEachCaseLinksBack()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-manager");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#kpis");

        await page.ClickAsync("#nav-enterprises");
        await page.WaitForSelectorAsync("#alert-filters");
        await page.ClickAsync("#alert-filters a[href='/enterprises?alert=repeatOffender']");
        await page.WaitForSelectorAsync("#register");
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0, "the register must not scroll sideways on a phone");
        var first = page.Locator("#register tbody tr").First;
        var name = (await first.Locator("td a").TextContentAsync())!;
        await first.Locator("td a").ClickAsync();

        await page.WaitForSelectorAsync("#enterprise-name");
        (await page.TextContentAsync("#enterprise-name")).Should().StartWith(name);
        (await page.Locator("#alerts li[data-alert='repeatOffender']").CountAsync()).Should().Be(1);
        var disputes = int.Parse((await page.TextContentAsync("#disputes"))!, CultureInfo.InvariantCulture);
        disputes.Should().BeGreaterThanOrEqualTo(2);
        (await page.Locator("#enterprise-cases tbody tr").CountAsync()).Should().Be(disputes, "the county manager sees every case of the county's employers");
        (await Overflow(page)).Should().BeLessThanOrEqualTo(0, "the enterprise page must not scroll sideways on a phone");
        await app.ScreenshotAsync(page, "enterprise-phone");

        await page.Locator("#enterprise-cases tbody a").First.ClickAsync();
        await page.WaitForSelectorAsync("#case-number");
        await page.ClickAsync("#enterprise-link");
        await page.WaitForSelectorAsync("#enterprise-name");
        (await page.TextContentAsync("#enterprise-name")).Should().StartWith(name);
        await page.Context.CloseAsync();
    }

    private static Task<int> Overflow(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");

    [GeneratedRegex(@"（(?<met>\d+) / (?<of>\d+)）")]
    private static partial Regex Counts();
}
