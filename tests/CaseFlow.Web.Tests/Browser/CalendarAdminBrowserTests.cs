using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The yearly calendar step in headless Chromium, as an administrator does it (its own host and database).</summary>
public sealed class CalendarAdminBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caseflow-calendar-").FullName;

    [BrowserFact]
    public async Task AnAdministrator_FixesABadFileAndLoadsNextYear_AndTheWarningGoes()
    {
        // The host runs on the real clock; from 1 November on, a missing next year is warned about on every page.
        var nextYear = DateTime.UtcNow.AddHours(8).Year + 1;
        var page = await app.SignInAsync("demo-admin");
        await page.GotoAsync("/admin/calendars");
        var warnedBefore = await page.Locator("#calendar-warning").CountAsync();

        await page.FillAsync("#upload-year", nextYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SetInputFilesAsync("#upload-file", Write("bad.csv", $"date,is_off_day,name\n{nextYear}-01-01,true,元旦\n{nextYear - 1}-12-31,true,元旦\n"));
        await page.PressAsync("#upload-year", "Enter");
        await page.WaitForSelectorAsync("#calendar-errors");

        (await page.TextContentAsync("#calendar-errors")).Should().Contain("第 3 行").And.Contain("不在所导入的年份内");
        (await page.Locator("#calendar-years").TextContentAsync()).Should().NotContain(nextYear.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await page.SetInputFilesAsync("#upload-file", Write($"cn-{nextYear}.csv", $"# test fixture, not an official arrangement\ndate,is_off_day,name\n{nextYear}-01-01,true,元旦（测试）\n"));
        await page.ClickAsync("#upload-submit");
        await page.WaitForSelectorAsync("#calendar-loaded");

        (await page.TextContentAsync("#calendar-loaded")).Should().Contain($"{nextYear} 年日历已导入");
        (await page.TextContentAsync("#calendar-years")).Should().Contain(nextYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await page.TextContentAsync("#calendar-days")).Should().Contain("元旦（测试）");
        await page.GotoAsync("/audit");
        (await page.Locator("#calendar-warning").CountAsync()).Should().Be(0, "the year is loaded now (was warned: {0})", warnedBefore);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task OnAPhone_TheCalendarPage_FitsTheScreenWidth()
    {
        var page = await app.NewPageAsync(width: 390, height: 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-admin");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#who-name");

        await page.GotoAsync("/admin/calendars");
        await page.ClickAsync("#calendar-years a >> nth=0");
        await page.WaitForSelectorAsync("#calendar-days");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "the calendar page must not scroll sideways on a phone");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AMediator_IsRefusedTheCalendarPage()
    {
        var page = await app.SignInAsync("demo-mediator-a");

        var response = await page.GotoAsync("/admin/calendars");

        response!.Status.Should().Be(403);
        (await page.Locator("#nav-calendars").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
