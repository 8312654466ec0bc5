using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Supervision;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Organisation;
using CaseFlow.Domain.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The case page and the workbench drawn from their one-connection reads (issue 17), in headless Chromium on the demo
/// data at desktop and phone width: demo-manager finds a referral past its acknowledgement time on the workbench, opens
/// the case from there and sees the referral, the supervision on it and its employer, then shares it with a partner by
/// typing the reason and pressing Enter.
/// </summary>
public sealed class CasePageReadsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task Manager_FindsAnOverdueReferralOnTheWorkbench_OpensTheCaseWithItsPanels_AndSharesItWithEnter(int width)
    {
        var requirement = $"请三日内约谈企业负责人（{width}）";
        var id = await ReferredAndSupervisedCaseAsync(requirement);

        var manager = await app.SignInAsync("demo-manager");
        await manager.SetViewportSizeAsync(width, 800);
        await manager.GotoAsync("/cases");
        var overdue = manager.Locator($"#overdue-referrals li[data-case-id='{id}']");
        await overdue.WaitForAsync();
        (await overdue.GetAttributeAsync("data-overdue")).Should().Be("acknowledgement");
        await overdue.Locator("a").ClickAsync();
        await manager.WaitForSelectorAsync("#case-number");
        manager.Url.Should().EndWith($"/cases/{id}");

        (await manager.Locator("#referral").GetAttributeAsync("data-state")).Should().Be("awaiting");
        (await manager.Locator("#referral-overdue").CountAsync()).Should().Be(1, "the acknowledgement time has passed");
        (await manager.Locator("#supervision article").First.GetAttributeAsync("data-status")).Should().Be("Open");
        (await manager.Locator("#supervision").TextContentAsync()).Should().Contain(requirement);
        (await manager.Locator("#enterprise-link").TextContentAsync()).Should().StartWith("递铺示例竹木加工厂");
        (await manager.Locator("#timeline li.activity[data-kind='supervision_open']").CountAsync()).Should().Be(1);

        var partner = manager.Locator("#share-partner option:not([value=''])").First;
        var partnerId = await partner.GetAttributeAsync("value");
        await manager.SelectOptionAsync("#share-partner", partnerId!);
        await manager.FillAsync("#share-reason", "请仲裁院提前介入");
        await manager.PressAsync("#share-reason", "Enter");
        await manager.WaitForSelectorAsync("#done");
        await manager.WaitForSelectorAsync($"#share-list li[data-partner-id='{partnerId}']");
        (await manager.Locator("#timeline li.activity[data-kind='share']").CountAsync()).Should().Be(1);
        (await manager.Locator("#referral").CountAsync()).Should().Be(1, "the referral card is drawn again after the share");

        var stored = await app.Queries.GetAsync(id, "/");
        stored!.Shares.Select(s => s.PartnerOrgId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Contain(partnerId);
        await manager.Context.CloseAsync();
    }

    /// <summary>
    /// A yellow case at a village of demo town A, escalated past the top, referred to arbitration outside CaseFlow with
    /// its acknowledgement due yesterday, and put under supervision by the county.
    /// </summary>
    private async Task<long> ReferredAndSupervisedCaseAsync(string requirement)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var town = (await users.FindByUsernameAsync("demo-township-a"))!.Unit;
        var manager = (await users.FindByUsernameAsync("demo-manager"))!;
        var village = (await app.Services.GetRequiredService<OrgStore>().SubtreeAsync(town.Path)).First(u => u.Kind == UnitKind.Village);
        var commands = app.Services.GetRequiredService<CaseCommands>();
        var county = new CaseActor(manager.Id, "demo-manager", manager.Unit.Path);
        var registered = await commands.RegisterAsync(
            new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-2),
                Enterprise = new EnterpriseRef(null, "递铺示例竹木加工厂" + Guid.NewGuid().ToString("N")[..6], null, village.Id),
                Workers = [new CaseWorker("李娜", "330523199001011238", "13812345678", 3000m, 0.5m)],
                Description = "拖欠工资半个月",
            },
            new CaseActor(null, "village", village.Path));
        var id = registered.Case.Id;
        while ((await app.Queries.GetAsync(id, "/"))!.State != CaseState.MediationFailed)
        {
            await commands.ActAsync(id, null, county, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        }

        await commands.ActAsync(id, null, county, (c, _, ctx) => c.Refer(
            new Referral(ReferralBody.Arbitration, null) { HandedOver = "调解笔录", AcknowledgementDue = ctx.Now.AddDays(-1) }, ctx), "调解不成，移送仲裁");
        var supervisions = app.Services.GetRequiredService<SupervisionStore>();
        (await supervisions.OpenAsync(id, new NewSupervision(SupervisionLevel.Key, requirement, supervisions.Today.AddDays(3)), county)).Should().NotBeNull();
        return id;
    }
}
