using System.Globalization;
using System.Text.RegularExpressions;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The everyday job as a person does it in Chromium: registering a collective dispute, what the pages say after an
/// action sends a case away, and pages that read well in Chinese, on a phone and whatever CJK font the machine has.
/// </summary>
public sealed partial class EverydayBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Phone = "390";

    /// <summary>
    /// Glyphs wider than Noto Sans CJK's (as WenQuanYi Micro Hei's Latin and digits are): a layout that only fits
    /// because of one font's metrics overflows under this.
    /// </summary>
    private const string WiderFont = "html body, html body * { font-family: 'Noto Serif CJK SC', 'DejaVu Serif', serif !important; letter-spacing: .08em !important; }";

    private static readonly string[] ValidIds = ["330523199001011238", "330523198502031232", "330523199207152343", "330523197809303453"];

    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task RegisterDispute_WithThreeWorkers_AddingRemovingAndPressingEnter_SavesExactlyThoseThree(int width)
    {
        var page = await SignInAsync("demo-township-a", width);
        await page.GotoAsync("/cases/new");
        await FillEmployerAsync(page, "安吉三人欠薪示例有限公司" + width.ToString(CultureInfo.InvariantCulture));
        await FillWorkerAsync(page, 0, "张一", ValidIds[0]);

        // Three more rows, the second of them removed again; every click is a round trip without JavaScript.
        await page.ClickAsync("#add-worker");
        await FillWorkerAsync(page, 1, "李二", ValidIds[1]);
        await page.ClickAsync("#add-worker");
        await FillWorkerAsync(page, 2, "王三", ValidIds[2]);
        await page.ClickAsync("#add-worker");
        await FillWorkerAsync(page, 3, "赵四", ValidIds[3]);
        await page.ClickAsync("#remove-worker-1");

        (await page.Locator("fieldset.worker").CountAsync()).Should().Be(3);
        (await page.InputValueAsync("#w1-name")).Should().Be("王三");
        (await page.InputValueAsync("#w2-name")).Should().Be("赵四");

        // Enter in a field saves (before, it pressed the first submit button: remove-worker-0).
        await page.PressAsync("#w2-months", "Enter");
        await page.WaitForSelectorAsync("#registered");

        var id = long.Parse(CaseId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        var saved = await app.Queries.GetAsync(id, "/");
        saved!.Workers.Select(w => w.Name).Should().Equal("张一", "王三", "赵四");
        (await page.Locator("#workers-masked tbody tr").CountAsync()).Should().Be(3);
        await AssertFitsAsync(page, width);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task EnterInAnyRegistrationField_SavesOrShowsTheErrors_AndNeverRemovesAWorker()
    {
        var page = await SignInAsync("demo-township-a", 1366);
        await page.GotoAsync("/cases/new");
        await page.ClickAsync("#add-worker");
        await page.FillAsync("#w0-name", "钱五");
        await page.FillAsync("#w1-name", "孙六");

        foreach (var field in new[] { "#enterpriseName", "#creditCode", "#w0-name", "#w1-phone", "#workersInvolved", "#receivedAt" })
        {
            await page.PressAsync(field, "Enter");
            await page.WaitForSelectorAsync("#form-errors");

            new Uri(page.Url).PathAndQuery.Should().Be("/cases/new", "Enter in {0} saves the form, at its own address", field);
            (await page.Locator("fieldset.worker").CountAsync()).Should().Be(2, "Enter in {0} must not remove a worker", field);
            (await page.InputValueAsync("#w0-name")).Should().Be("钱五");
            (await page.InputValueAsync("#w1-name")).Should().Be("孙六");
        }

        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("/cases/new", true)]
    [InlineData("/cases/new", false)]
    [InlineData("case", false)]
    [InlineData("/inbox", false)]
    [InlineData("/cases", false)]
    public async Task EveryFormWithSeveralButtons_PostsToItsOwnAddress_AndEnterPressesItsMainButton(string path, bool afterAddingAWorker)
    {
        var page = await SignInAsync("demo-township-a", 1366);
        if (path == "case")
        {
            var township = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a");
            var cases = await app.Queries.ListAsync(new CaseFilter { States = [CaseState.Level2InMediation, CaseState.Level3InMediation], Limit = 1 }, township!.Unit.Path);
            path = $"/cases/{cases.Items[0].Id}";
        }

        await page.GotoAsync(path);
        if (afterAddingAWorker)
        {
            await page.ClickAsync("#add-worker");
            await page.ClickAsync("#add-worker");
        }

        // Per form: its submit buttons in tree order (the first is the one Enter presses), its action, the first's formaction.
        var forms = await page.EvaluateAsync<FormShape[]>("""
            () => [...document.forms].map(f => {
                const submits = [...f.elements].filter(e => (e.tagName === 'BUTTON' || e.tagName === 'INPUT') && e.type === 'submit');
                return { id: f.id || f.getAttribute('action') || '', submits: submits.length,
                         action: f.getAttribute('action'), firstFormAction: submits.length ? submits[0].getAttribute('formaction') : null,
                         firstId: submits.length ? submits[0].id : '' };
            })
            """);

        forms.Should().NotBeEmpty();
        foreach (var form in forms.Where(f => f.Submits > 1))
        {
            form.Action.Should().NotBeNullOrEmpty("form {0} on {1} has {2} buttons: without an action, a later submit posts to the last button's handler", form.Id, path, form.Submits);
            form.FirstFormAction.Should().BeNull("Enter presses {0}'s first button ({1}), which must submit the form itself", form.Id, form.FirstId);
        }

        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task RegisteringACaseRoutedAboveTheMediator_NamesItsNumberAndUnit_WithALinkToIt()
    {
        var page = await SignInAsync("demo-mediator-a", 1366);
        await page.GotoAsync("/cases/new");
        await page.FillAsync("#enterpriseName", "调解小组所在红色示例公司");
        var unit = await page.Locator("#unitId option[value]:not([value=''])").First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#unitId", unit!);
        await FillWorkerAsync(page, 0, "周七", ValidIds[0], months: "3");
        await page.ClickAsync("#save-case");

        // The registrar follows the case it sent above its units: its page opens read-only and names the unit.
        await page.WaitForSelectorAsync("#followed");
        var id = long.Parse(CaseId().Match(page.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        var saved = await app.Queries.GetAsync(id, "/");
        (await page.TextContentAsync("#case-number")).Should().Contain(saved!.Number);
        (await page.TextContentAsync("#followed")).Should().Contain(saved.UnitName);
        (await page.Locator("[id^='action-']").CountAsync()).Should().Be(0, "the registrar no longer acts on a case above its units");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task EscalatingACaseOutOfMyUnits_NamesItsNumberAndTheUnitItWentTo_WithALink_AndShowsNoSystemActions()
    {
        var mediator = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-mediator-a");
        var cases = await app.Queries.ListAsync(
            new CaseFilter { States = [CaseState.Level1AwaitingAcceptance, CaseState.Level1InMediation], Limit = 1 }, mediator!.Unit.Path);
        cases.Items.Should().NotBeEmpty("the demo seeds level-1 cases at the mediator's group");
        var id = cases.Items[0].Id;
        var page = await SignInAsync("demo-mediator-a", 390);

        await page.GotoAsync($"/cases/{id}");
        (await page.Locator("#action-deadlineElapsed, #action-grade, #action-performanceOverdue").CountAsync()).Should().Be(0);
        (await page.Locator("#action-escalate summary").CountAsync()).Should().Be(1);
        await AssertFitsAsync(page, 390);
        await page.ClickAsync("#action-escalate summary");
        await page.FillAsync("#reason-escalate", "企业拒不到场");
        await page.ClickAsync("#submit-escalate");

        // The unit that escalated follows the case: its page stays open, read-only, naming the unit it went to.
        await page.WaitForSelectorAsync("#followed");
        var escalated = await app.Queries.GetAsync(id, "/");
        page.Url.Should().Contain($"/cases/{id}");
        (await page.TextContentAsync("#case-number")).Should().Contain(escalated!.Number);
        (await page.TextContentAsync("#followed")).Should().Contain(escalated.UnitName);
        (await page.Locator("[id^='action-']").CountAsync()).Should().Be(0, "a unit that follows the case no longer acts on it");
        await AssertFitsAsync(page, 390);
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("demo-manager", "/dashboard", false)]
    [InlineData("demo-manager", "/dashboard", true)]
    [InlineData("demo-manager", "/cases", true)]
    [InlineData("demo-manager", "/cases/new", true)]
    [InlineData("demo-manager", "/workflow", true)]
    [InlineData("demo-township-a", "/inbox", true)]
    [InlineData("demo-township-a", "case", false)]
    [InlineData("demo-township-a", "case", true)]
    [InlineData("demo-auditor", "/audit", false)]
    [InlineData("demo-auditor", "/audit", true)]
    public async Task OnAPhone_EveryPage_FitsTheScreenWidth_WhateverTheFontsMetrics(string username, string path, bool widerFont)
    {
        var page = await SignInAsync(username, 390);
        if (path == "case")
        {
            // A case with a long history: facts, timeline, deadlines and the action forms.
            var user = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync(username);
            var cases = await app.Queries.ListAsync(new CaseFilter { States = [CaseState.Level2InMediation, CaseState.Level3InMediation], Limit = 1 }, user!.Unit.Path);
            path = $"/cases/{cases.Items[0].Id}";
        }

        await page.GotoAsync(path);
        if (widerFont)
        {
            await page.AddStyleTagAsync(new PageAddStyleTagOptions { Content = WiderFont });
        }

        await AssertFitsAsync(page, 390, path);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AuditPage_ShowsEachDetailAsReadableChineseFields_NotJson()
    {
        var township = await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a");
        var cases = await app.Queries.ListAsync(new CaseFilter { Limit = 1 }, township!.Unit.Path);
        var page = await SignInAsync("demo-township-a", 1366);
        await page.GotoAsync($"/cases/{cases.Items[0].Id}");
        await page.FillAsync("#purpose", "<核对> 欠薪 & 身份");
        await page.ClickAsync("#reveal");
        await page.WaitForSelectorAsync("#revealed");
        await page.Context.CloseAsync();

        var auditor = await SignInAsync("demo-auditor", 390);
        await auditor.GotoAsync("/audit?action=case.reveal&user=demo-township-a");
        var row = auditor.Locator("#audit-rows tbody tr").First;
        var text = await row.InnerTextAsync();

        text.Should().Contain("查看完整号码").And.Contain("查看原因").And.Contain("<核对> 欠薪 & 身份").And.Contain("案号");
        text.Should().NotContain("\\u003C").And.NotContain("{").And.NotContain("case.reveal");
        await AssertFitsAsync(auditor, 390);
        await auditor.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task WorkflowPage_InChinese_ShowsNoEnglish()
    {
        var page = await SignInAsync("demo-mediator-a", 1366);
        await page.GotoAsync("/workflow");

        var text = await page.InnerTextAsync("main");
        var english = Latin().Matches(text).Select(m => m.Value).Where(w => w != "Mermaid").Distinct().ToList();

        english.Should().BeEmpty();
        (await page.TextContentAsync("#transitions")).Should().Contain("分流判断").And.Contain("期限届满").And.Contain("定为红色");
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(null, "/no-such-page", 404, "未找到")]
    [InlineData(null, "/admin/jobs", 401, "请先登录")]
    [InlineData("demo-mediator-a", "/admin/jobs", 403, "无权访问")]
    [InlineData("demo-mediator-a", "/cases/999999999", 404, "未找到")]
    public async Task ErrorPages_AreInTheUsersLanguage(string? username, string path, int status, string title)
    {
        var page = username is null ? await app.NewPageAsync(390, 844) : await SignInAsync(username, 390);

        var response = await page.GotoAsync(path);

        response!.Status.Should().Be(status);
        (await page.TextContentAsync($"#status-{status} h1")).Should().Contain(title);
        (await page.GetAttributeAsync("html", "lang")).Should().Be("zh-CN");
        await page.ClickAsync("#lang-switch");
        (await page.TextContentAsync("h1")).Should().NotMatchRegex(@"\p{IsCJKUnifiedIdeographs}");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task EveryPage_HasAFavicon()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");

        foreach (var href in await page.Locator("link[rel=icon]").EvaluateAllAsync<string[]>("links => links.map(l => l.href)"))
        {
            var icon = await page.APIRequest.GetAsync(href);
            icon.Status.Should().Be(200, href);
            icon.Headers["content-type"].Should().StartWith("image/");
        }

        (await page.Locator("link[rel=icon]").CountAsync()).Should().BeGreaterThan(0);
        (await page.APIRequest.GetAsync("/favicon.ico")).Status.Should().Be(200);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string username, int width)
    {
        var page = await app.NewPageAsync(width, width == 390 ? 844 : 768);
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#who-name");
        return page;
    }

    private static async Task AssertFitsAsync(IPage page, int width, string? what = null)
    {
        if (width.ToString(CultureInfo.InvariantCulture) != Phone)
        {
            return;
        }

        // The widest element, to name the cause when the page scrolls sideways.
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        var culprit = overflow > 0
            ? await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')]
                    .filter(e => !e.closest('.table-wrap, pre, .visually-hidden, .enter-saves')
                        && (e.getBoundingClientRect().right > window.innerWidth + 0.5
                            || (getComputedStyle(e).overflowX === 'visible' && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)))
                    .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + '/' + e.scrollWidth + '>' + e.clientWidth)
                    .slice(-8).join('; ')
                """)
            : "";
        overflow.Should().BeLessThanOrEqualTo(0, "{0} must not scroll sideways on a phone; too wide: {1}", what ?? page.Url, culprit);
    }

    private static async Task FillEmployerAsync(IPage page, string name)
    {
        await page.SelectOptionAsync("#channel", "walkIn");
        await page.FillAsync("#enterpriseName", name);
        var village = await page.Locator("#unitId option").Filter(new LocatorFilterOptions { HasText = "村/社区" }).First.GetAttributeAsync("value");
        await page.SelectOptionAsync("#unitId", village!);
        await page.FillAsync("#description", "三名工人被拖欠工资");
    }

    private static async Task FillWorkerAsync(IPage page, int index, string name, string idNumber, string months = "0.5")
    {
        await page.FillAsync($"#w{index}-name", name);
        await page.FillAsync($"#w{index}-id", idNumber);
        await page.FillAsync($"#w{index}-phone", "1381234567" + index.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#w{index}-amount", "3000");
        await page.FillAsync($"#w{index}-months", months);
    }

    /// <summary>A form as the page's script describes it (settable, as Playwright fills it in).</summary>
    public sealed class FormShape
    {
        public string Id { get; set; } = "";

        public int Submits { get; set; }

        public string? Action { get; set; }

        public string? FirstFormAction { get; set; }

        public string FirstId { get; set; } = "";
    }

    [GeneratedRegex(@"/cases/(\d+)")]
    private static partial Regex CaseId();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Latin();
}
