using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Users;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>The bell and the notification list, and the printable agreement and receipt, in Chromium on the demo data.</summary>
public sealed partial class NoticeAndPaperBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Database Database => app.Services.GetRequiredService<Database>();

    /// <summary>Three fresh unread notices to the demo account's unit; answers the account's unread count afterwards.</summary>
    private async Task<long> NoticesForAsync(string username)
    {
        var account = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync(username))!;
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var connection = await Database.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at) VALUES (@UnitId, NULL, NULL, 'reminder', @Text, @At)",
                new { UnitId = account.Unit.Id, Text = $"浏览器测试通知 {i}：本级时限将至，请尽快办理", At = now.AddSeconds(i) });
        }

        return await connection.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM notifications AS n
            WHERE (n.user_id = @Id OR (n.user_id IS NULL AND n.unit_id = @UnitId))
              AND NOT EXISTS (SELECT 1 FROM notification_reads AS r WHERE r.notification_id = n.id AND r.user_id = @Id)
            """,
            new { account.Id, UnitId = account.Unit.Id });
    }

    private static async Task<long> BellAsync(IPage page) =>
        await page.Locator("#bell-count").CountAsync() == 0
            ? 0
            : long.Parse((await page.TextContentAsync("#bell-count"))!.Replace(",", "", StringComparison.Ordinal).TrimEnd('+'), CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task TheBell_ShowsTheUnreadCount_OpensTheList_AndMarkingReadLowersIt()
    {
        var unread = await NoticesForAsync("demo-township-a");
        unread.Should().BeLessThan(NotificationStore.BellCap, "the demo township's bell shows an exact count, so one notice read lowers it");
        var page = await app.SignInAsync("demo-township-a");

        (await BellAsync(page)).Should().Be(unread);
        await page.ClickAsync("#bell");
        await page.WaitForSelectorAsync("#notices");
        new Uri(page.Url).AbsolutePath.Should().Be("/notifications");
        (await page.Locator("#notices li").First.Locator(".notice-text").TextContentAsync()).Should().StartWith("浏览器测试通知 2", "newest first");
        await app.ScreenshotAsync(page, "notifications");

        await page.Locator("#notices li.unread .mark-read").First.ClickAsync();
        await page.WaitForURLAsync("**/notifications");
        (await BellAsync(page)).Should().Be(unread - 1);
        (await page.Locator("#notices li").First.GetAttributeAsync("class")).Should().Contain("read").And.NotContain("unread");

        await page.ClickAsync("#read-all");
        await page.WaitForSelectorAsync("#notices");
        (await page.Locator("#bell-count").CountAsync()).Should().Be(0);
        (await page.Locator("#notices li.unread").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task TheNotificationList_FitsAPhone_AndFiltersByKind_AndMarksReadThere()
    {
        var unread = await NoticesForAsync("demo-township-b");
        var page = await app.NewPageAsync(390, 844);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", "demo-township-b");
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.PressAsync("#password", "Enter");
        await page.WaitForSelectorAsync("#who-name");

        await page.ClickAsync("#bell");
        await page.WaitForSelectorAsync("#notices");
        await page.SelectOptionAsync("#n-kind", "reminder");
        await page.ClickAsync("#apply-notice-filters");
        await page.WaitForURLAsync(new Regex("kind=reminder"));
        (await page.Locator("#notices li").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.kind)")).Should().OnlyContain(k => k == "reminder");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        width.Should().BeLessThanOrEqualTo(390, "the list does not scroll sideways on a phone");
        await app.ScreenshotAsync(page, "notifications-phone");

        await page.Locator("#notices li.unread .mark-read").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("kind=reminder"));
        (await BellAsync(page)).Should().Be(Math.Min(unread - 1, NotificationStore.BellCap - 1));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task TheCasePage_OpensThePrintableAgreement_WithTheFullNumbers_AndPrintsOnlyThePaper_AndTheReceipt()
    {
        long id;
        string idNumber;
        await using (var connection = await Database.OpenAsync())
        {
            id = await connection.ExecuteScalarAsync<long>(
                "SELECT MIN(c.id) FROM cases AS c JOIN agreements AS a ON a.case_id = c.id WHERE c.state = 'AgreementReached'");
            idNumber = await connection.ExecuteScalarAsync<string>(
                "SELECT id_number FROM case_parties WHERE case_id = @id AND kind = 'worker' ORDER BY id LIMIT 1", new { id }) ?? "";
        }

        idNumber.Should().NotBeEmpty("the demo has an agreed case with a worker");
        var page = await app.SignInAsync("demo-manager");
        await page.GotoAsync($"/cases/{id}");
        (await page.ContentAsync()).Should().NotContain(idNumber, "the case page masks the numbers");

        await page.ClickAsync("#print-agreement");
        await page.ClickAsync("#open-agreement");
        await page.WaitForSelectorAsync("#agreement-paper");

        (await page.TextContentAsync("#paper-workers")).Should().Contain(idNumber);
        (await page.TextContentAsync("#agreement-paper h1")).Should().MatchRegex("^(人民)?调解协议书$");
        (await page.Locator("#paper-signatures .signature-line").CountAsync()).Should().BeGreaterThanOrEqualTo(3);
        await app.ScreenshotAsync(page, "agreement");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        (await page.Locator(".site-header").IsVisibleAsync()).Should().BeFalse("the header is not printed");
        (await page.Locator("#print").IsVisibleAsync()).Should().BeFalse("nor is the print button");
        (await page.Locator("#agreement-paper").IsVisibleAsync()).Should().BeTrue();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await page.GotoAsync($"/cases/{id}");
        await page.ClickAsync("#print-receipt");
        await page.WaitForSelectorAsync("#receipt-paper");
        (await page.TextContentAsync("#receipt-arbitration")).Should().Contain("十五日内未达成调解协议");
        (await page.TextContentAsync("#receipt-case-number")).Should().NotBeNullOrWhiteSpace();
        await page.Context.CloseAsync();
    }
}
