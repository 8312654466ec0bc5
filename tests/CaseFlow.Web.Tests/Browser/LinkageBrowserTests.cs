using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// Cases that move between units and organisations, in headless Chromium against the demo data: the township assigns an
/// escalated case to a mediator below it, who then works it.
/// </summary>
public sealed class LinkageBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public async Task TownshipAcceptsAnEscalatedCase_AssignsAMediatorBelowIt_WhoFindsItInTheirCasesAndRecordsASession()
    {
        var id = await EscalatedToTownAAsync();
        var township = await app.SignInAsync("demo-township-a");
        await township.ClickAsync("a[href='/inbox']");
        var row = township.Locator($"#inbox tr[data-case-id='{id}']");
        await row.WaitForAsync();
        var select = row.Locator("select");
        (await select.InputValueAsync()).Should().BeEmpty("nobody is chosen until the township chooses");
        (await select.Locator("option").First.TextContentAsync()).Should().Be("请选择调解员");

        // Pressing the button with nobody chosen assigns nobody.
        await row.Locator("button[type=submit]").ClickAsync();
        (await township.Locator("#accepted").CountAsync()).Should().Be(0);
        var option = select.Locator("option").Filter(new LocatorFilterOptions { HasText = "演示调解员" });
        await select.SelectOptionAsync(new SelectOptionValue { Label = (await option.First.TextContentAsync())!.Trim() });
        await row.Locator("button[type=submit]").ClickAsync();
        await township.WaitForSelectorAsync("#accepted");
        await township.Context.CloseAsync();

        var mediator = await app.SignInAsync("demo-mediator-a");
        await mediator.ClickAsync("#tab-mine");
        await mediator.ClickAsync($"a[href='/cases/{id}']");
        await mediator.WaitForSelectorAsync("#case-number");
        await mediator.ClickAsync("#action-recordSession summary");
        await mediator.FillAsync("#summary", "双方到场，企业承诺月底前支付");
        await mediator.PressAsync("#summary", "Tab");
        await mediator.ClickAsync("#submit-recordSession");
        await mediator.WaitForSelectorAsync("#done");

        var detail = await app.Queries.GetAsync(id, "/");
        detail!.Sessions.Should().ContainSingle().Which.Summary.Should().Be("双方到场，企业承诺月底前支付");
        detail.State.Should().Be(CaseState.Level3InMediation);
        await mediator.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task AsDemoHrss_TheListShowsOnlySharedCases_AndANoteTypedOnACaseReachesItsTimeline(int width)
    {
        var hrss = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-hrss"))!;
        var shared = await app.Queries.ListAsync(new CaseFilter { Limit = 500, OpenOnly = true }, new CaseViewer(hrss.Id, hrss.Unit.Path, hrss.Partner!.Id));
        shared.Items.Should().NotBeEmpty("red and orange demo cases are shared with the bureau by graded response");
        shared.Items.Should().OnlyContain(i => i.RiskColor == RiskColor.Red || i.RiskColor == RiskColor.Orange);

        var page = await app.SignInAsync("demo-hrss");
        await page.SetViewportSizeAsync(width, 800);
        await page.WaitForSelectorAsync("#tab-unit");
        (await page.Locator("#tab-unit").TextContentAsync()).Should().Contain("共享给本单位的案件");
        (await page.Locator("#tab-mine").CountAsync()).Should().Be(0);
        (await page.Locator("#case-total").TextContentAsync()).Should().Contain($"共 {shared.Total} 件");
        var first = shared.Items[0].Id;
        await page.ClickAsync($"a[href='/cases/{first}']");
        await page.WaitForSelectorAsync("#read-only");
        (await page.Locator("#share-form").CountAsync()).Should().Be(0, "a partner does not share cases on");
        var note = $"人社局已约谈企业负责人（{width}）";
        await page.FillAsync("#note-text", note);
        await page.ClickAsync("#add-note");
        await page.WaitForSelectorAsync("#done");
        (await page.Locator("#timeline li.activity[data-kind='note']").Filter(new LocatorFilterOptions { HasText = note }).CountAsync()).Should().Be(1);
        // Nothing in the linkage card is wider than the card (the case page's own column width at 390 px is issue 13's item 11).
        var wide = await page.EvaluateAsync<bool>("() => { const c = document.querySelector('#shares'); return c.scrollWidth > c.clientWidth + 1; }");
        wide.Should().BeFalse("the shares and the note form fit their card");

        var unshared = (await app.Queries.ListAsync(new CaseFilter { Color = RiskColor.Yellow, OpenOnly = true, Limit = 50 }, "/")).Items
            .First(i => !shared.Items.Any(s => s.Id == i.Id)).Id;
        var response = await page.GotoAsync($"/cases/{unshared}");
        response!.Status.Should().Be(404);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// An orange case at a village of demo town A, accepted there and escalated to the town: waiting in the town's inbox
    /// at level 3, as it would be after the village gave up.
    /// </summary>
    private async Task<long> EscalatedToTownAAsync()
    {
        var town = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a"))!.Unit;
        var village = (await app.Services.GetRequiredService<OrgStore>().SubtreeAsync(town.Path)).First(u => u.Kind == UnitKind.Village);
        var commands = app.Services.GetRequiredService<CaseCommands>();
        var mediatorId = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-mediator-a"))!.Id;
        var villageActor = new CaseActor(null, "village", village.Path);
        var registered = await commands.RegisterAsync(
            new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-2),
                Enterprise = new EnterpriseRef(null, "递铺示例竹木加工厂" + Guid.NewGuid().ToString("N")[..6], null, village.Id),
                Workers = [new CaseWorker("王芳", "330523199001011238", "13812345678", 9000m, 1.5m)],
                Description = "拖欠工资一个半月",
            },
            villageActor);
        registered.Case.Level.Should().Be(2, "an orange case starts at level 2, the village on an Anji ladder");
        var accepted = await commands.ActAsync(registered.Case.Id, null, villageActor, (c, _, ctx) => c.Accept(mediatorId, ctx));
        await commands.ActAsync(registered.Case.Id, accepted.Version, villageActor, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场");
        return registered.Case.Id;
    }
}
