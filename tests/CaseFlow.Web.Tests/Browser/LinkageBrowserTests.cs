using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
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
