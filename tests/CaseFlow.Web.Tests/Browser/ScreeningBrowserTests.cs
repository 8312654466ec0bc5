using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Users;
using CaseFlow.Web.Demo;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// Grid screening (三级摸排、逐级上报) in headless Chromium on the demo data of 安吉县: the village grid worker screens
/// and reports, the town sees who reported and who has not, the manager sees the employer coloured on the watch list
/// before any case, and a case is opened from the record.
/// </summary>
public sealed class ScreeningBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task TheGridReportsAnEnterpriseInArrears_TheTownSeesItAndTheMissingGrids_TheManagerSeesItOrangeWithNoCase_AndACaseOpensFromTheRecord(int width)
    {
        var grid = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync(DemoScreening.GridUsername))!;
        // The grid worker's enterprise with no case but the one opened from its screening (by the other width's run).
        long target;
        long gridEnterprises;
        await using (var connection = await app.Services.GetRequiredService<Database>().OpenAsync())
        {
            target = await connection.ExecuteScalarAsync<long>(
                """
                SELECT MIN(e.id) FROM enterprises AS e
                WHERE e.unit_id = @Unit AND NOT EXISTS (SELECT 1 FROM cases AS c WHERE c.enterprise_id = e.id
                                                        AND NOT EXISTS (SELECT 1 FROM screening_records AS r WHERE r.case_id = c.id))
                """, new { Unit = grid.Unit.Id });
            gridEnterprises = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM enterprises WHERE unit_id = @Unit", new { Unit = grid.Unit.Id });
        }

        target.Should().BeGreaterThan(0, "the demo puts its grid worker in a village with an employer that has no case");

        // The grid worker screens every enterprise of the village: the target in arrears, typed and sent with Enter.
        var page = await SignInAsync(DemoScreening.GridUsername, width);
        await page.ClickAsync("#nav-screening");
        await page.Locator("#rounds a.round-link").First.ClickAsync();
        await page.WaitForSelectorAsync("#grid-enterprises");
        (await page.Locator("#grid-enterprises .screen-enterprise").CountAsync()).Should().Be((int)gridEnterprises);
        var card = page.Locator($"#enterprise-{target}");
        var screened = await card.GetAttributeAsync("data-status");
        if (screened == "none")
        {
            // The desktop run screens and reports; the phone run finds the grid reported already when it runs second.
            await card.Locator("select[name=status]").SelectOptionAsync("inArrears");
            await card.Locator("input[name=monthsOwed]").FillAsync("2");
            await card.Locator("input[name=workersOwed]").FillAsync("15");
            await card.Locator("input[name=amountOwed]").FillAsync("abc");
            await card.Locator("input[name=amountOwed]").PressAsync("Enter");
            await page.WaitForSelectorAsync($"#err-amount-{target}");
            (await page.TextContentAsync($"#err-amount-{target}")).Should().Be("格式不正确。");
            card = page.Locator($"#enterprise-{target}");
            (await card.Locator("input[name=workersOwed]").InputValueAsync()).Should().Be("15", "what was typed stays in the form");
            await card.Locator("input[name=amountOwed]").FillAsync("60000");
            await card.Locator("input[name=note]").FillAsync("工人反映两个月未发工资");
            await card.Locator("input[name=amountOwed]").PressAsync("Enter");
            await page.WaitForSelectorAsync($"#enterprise-{target}[data-status='inArrears']");
            (await page.Locator($"#enterprise-{target} .badge").GetAttributeAsync("data-color")).Should().Be("orange", "2 months for 15 workers, ¥4,000 each: orange by the months and by the collective dispute");

            var unscreened = page.Locator("#grid-enterprises .screen-enterprise[data-status='none']");
            while (await unscreened.CountAsync() > 0)
            {
                var next = unscreened.First;
                var id = await next.GetAttributeAsync("data-enterprise-id");
                await next.Locator("select[name=status]").SelectOptionAsync("normal");
                await next.Locator("button[type=submit]").ClickAsync();
                await page.WaitForSelectorAsync($"#enterprise-{id}[data-status='normal']");
            }

            await page.ClickAsync("#report");
            await page.WaitForSelectorAsync("#own-report[data-reported='yes']");
        }

        (await page.Locator("#own-report").GetAttributeAsync("data-reported")).Should().Be("yes");
        await AssertFitsAsync(page, "the grid's round page");
        await app.ScreenshotAsync(page, $"screening-grid-{width}");

        // The town sees the grid's report, the village the demo reported, and the grids still missing.
        var town = await SignInAsync("demo-township-a", width);
        await town.ClickAsync("#nav-screening");
        await town.Locator("#rounds a.round-link").First.ClickAsync();
        await town.WaitForSelectorAsync("#below");
        (await town.Locator($"#below tr[data-unit-id='{grid.Unit.Id}']").GetAttributeAsync("data-reported")).Should().Be("yes");
        (await town.Locator("#below tr[data-reported='yes']").CountAsync()).Should().BeGreaterThanOrEqualTo(2);
        var missing = await town.Locator("#missing .missing-unit").CountAsync();
        missing.Should().BeGreaterThan(0).And.Be(await town.Locator("#below tr[data-reported='no']").CountAsync());
        (await town.Locator($"#at-risk tr[data-enterprise-id='{target}']").CountAsync()).Should().Be(1);
        await AssertFitsAsync(town, "the town's round page");
        await app.ScreenshotAsync(town, $"screening-town-{width}");
        await town.Context.CloseAsync();

        // The manager: orange on the watch list with no dispute, and on the dashboard's screened-at-risk list.
        var manager = await SignInAsync("demo-manager", width);
        await manager.ClickAsync("#nav-enterprises");
        await manager.ClickAsync("#alert-filters a[href='/enterprises?alert=screenedAtRisk']");
        var row = manager.Locator($"#register tr[data-enterprise-id='{target}']");
        await row.WaitForAsync();
        var opened = await row.Locator("td.num").First.TextContentAsync() != "0（0）";
        (await row.Locator(".badge").GetAttributeAsync("data-color")).Should().BeOneOf("orange", "red");
        await AssertFitsAsync(manager, "the watch list");
        if (!opened)
        {
            await manager.GotoAsync("/dashboard");
            await manager.WaitForSelectorAsync($"#screened-at-risk-list li[data-enterprise-id='{target}']");
            await app.ScreenshotAsync(manager, $"screening-dashboard-{width}");
        }

        await manager.Context.CloseAsync();

        // The grid worker opens a case from the record: the form comes prefilled from it, the case links back.
        await page.GotoAsync("/screening");
        await page.Locator("#rounds a.round-link").First.ClickAsync();
        var riskRow = page.Locator($"#at-risk tr[data-enterprise-id='{target}']");
        await riskRow.WaitForAsync();
        if (await riskRow.Locator("a.open-case").CountAsync() == 1)
        {
            await riskRow.Locator("a.open-case").ClickAsync();
            await page.WaitForSelectorAsync("#open-case-form");
            (await page.InputValueAsync("#worker-months")).Should().Be("2");
            (await page.InputValueAsync("#worker-amount")).Should().Be("4000", "¥60,000 for 15 workers");
            (await page.InputValueAsync("#case-description")).Should().Contain("15人").And.Contain("工人反映两个月未发工资");
            await AssertFitsAsync(page, "the open-a-case form");
            await page.FillAsync("#worker-name", "李建国");
            await page.SelectOptionAsync("#worker-id-type", "none");
            await page.FillAsync("#worker-phone", "13905721234");
            await page.PressAsync("#worker-phone", "Enter");
            await page.WaitForSelectorAsync("#case-number");
            var heading = (await page.TextContentAsync("#case-number"))!.Trim();
            await app.ScreenshotAsync(page, $"screening-case-{width}");

            await page.GotoAsync("/screening");
            await page.Locator("#rounds a.round-link").First.ClickAsync();
            riskRow = page.Locator($"#at-risk tr[data-enterprise-id='{target}']");
            await riskRow.WaitForAsync();
            var number = (await riskRow.Locator("a.record-case").TextContentAsync())!.Trim();
            number.Should().NotBeEmpty();
            heading.Should().StartWith(number, "the record links the case it opened");
        }
        else
        {
            (await riskRow.Locator("a.record-case").CountAsync()).Should().Be(1, "the other width's run opened the case, and the record shows it");
        }

        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string username, int width)
    {
        var page = await app.NewPageAsync(width: width, height: width < 600 ? 844 : 768);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#who-name");
        return page;
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "{0} must not scroll sideways", what);
    }
}
