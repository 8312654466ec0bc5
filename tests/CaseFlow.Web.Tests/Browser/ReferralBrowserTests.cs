using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Organisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// A referral's closed loop in headless Chromium against the demo data: demo-mediator-a refers her failed case to
/// 安吉县劳动人事争议仲裁院; demo-arbitration finds it, acknowledges it with its reference and records 仲裁调解; the
/// mediator then reads both on the case's timeline. At desktop and phone width.
/// </summary>
public sealed class ReferralBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Institute = "安吉县劳动人事争议仲裁院";

    [BrowserFact]
    public async Task TheDemo_HasACaseReferredToTheArbitrationInstitute_AwaitingAcknowledgement()
    {
        var arbitration = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-arbitration"))!;
        var shared = await app.Queries.ListAsync(
            new CaseFilter { States = [CaseState.Referred], Limit = 500 }, new CaseViewer(arbitration.Id, arbitration.Unit.Path, arbitration.Partner!.Id));
        var referrals = app.Services.GetRequiredService<ReferralStore>();
        var awaiting = new List<ReferralView>();
        foreach (var item in shared.Items)
        {
            if (await referrals.CurrentAsync(item.Id, CaseViewer.Scope("/")) is { PartnerOrgId: not null, AcknowledgedAt: null, ClosedAt: null } r)
            {
                awaiting.Add(r);
            }
        }

        awaiting.Should().Contain(r => r.PartnerOrgId == arbitration.Partner.Id && r.HandedOver == CaseFlow.Web.Demo.DemoSeeder.ReferralHandedOver);
    }

    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task TheMediatorRefers_TheInstituteAcknowledgesAndRecordsArbitralMediation_AndTheMediatorSeesBothOnTheTimeline(int width)
    {
        var (id, _) = await FailedCaseOfMediatorAAsync();
        var mediator = await app.SignInAsync("demo-mediator-a");
        await mediator.SetViewportSizeAsync(width, 800);
        await mediator.GotoAsync($"/cases/{id}");
        await mediator.ClickAsync("#action-refer summary");
        await mediator.SelectOptionAsync("#body", new SelectOptionValue { Label = Institute });
        await mediator.FillAsync("#handed-over", "调解申请书、调解笔录、欠薪清单");
        await mediator.ClickAsync("#submit-refer");
        await mediator.WaitForSelectorAsync("#done");
        (await mediator.Locator("#referral-receiver").TextContentAsync()).Should().Be(Institute);
        (await mediator.Locator("#referral-ack").TextContentAsync()).Should().Be("待签收");
        await mediator.Context.CloseAsync();

        var reference = $"安劳人仲案字〔2026〕{width}号";
        var institute = await app.SignInAsync("demo-arbitration");
        await institute.SetViewportSizeAsync(width, 800);
        // The referral's notice under the bell leads to the case.
        await institute.ClickAsync("#bell");
        await institute.ClickAsync($"a.notice-case[href='/cases/{id}']");
        await institute.WaitForSelectorAsync("#acknowledge-form");
        await institute.FillAsync("#ack-reference", reference);
        await institute.PressAsync("#ack-reference", "Enter");
        await institute.WaitForSelectorAsync("#done");
        (await institute.Locator("#referral-ack").TextContentAsync()).Should().Contain(reference);
        await institute.SelectOptionAsync("#referral-outcome-kind", new SelectOptionValue { Label = "仲裁调解" });
        await institute.FillAsync("#referral-note", "双方在仲裁庭主持下达成调解协议");
        await institute.ClickAsync("#record-outcome");
        await institute.WaitForSelectorAsync("#done");
        (await institute.Locator("#referral-outcome").TextContentAsync()).Should().Be("仲裁调解：双方在仲裁庭主持下达成调解协议");
        var wide = await institute.EvaluateAsync<bool>("() => { const c = document.querySelector('#referral'); return c.scrollWidth > c.clientWidth + 1; }");
        wide.Should().BeFalse("the referral card fits its column");
        await institute.Context.CloseAsync();
        (await app.Queries.GetAsync(id, "/"))!.State.Should().Be(CaseState.Closed);

        var back = await app.SignInAsync("demo-mediator-a");
        await back.SetViewportSizeAsync(width, 800);
        await back.GotoAsync($"/cases/{id}");
        await back.WaitForSelectorAsync("#timeline");
        (await back.Locator("#timeline li.activity[data-kind='referral_ack']").Filter(new LocatorFilterOptions { HasText = reference }).CountAsync()).Should().Be(1);
        (await back.Locator("#timeline li.activity[data-kind='referral_outcome']").Filter(new LocatorFilterOptions { HasText = "仲裁调解" }).CountAsync()).Should().Be(1);
        await back.Context.CloseAsync();
    }

    /// <summary>
    /// An orange case at a village of demo town A, mediated by demo-mediator-a at the village and then at the town, where
    /// the last level failed: hers to refer.
    /// </summary>
    private async Task<(long Id, string Number)> FailedCaseOfMediatorAAsync()
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var town = (await users.FindByUsernameAsync("demo-township-a"))!.Unit;
        var village = (await app.Services.GetRequiredService<OrgStore>().SubtreeAsync(town.Path)).First(u => u.Kind == UnitKind.Village);
        var commands = app.Services.GetRequiredService<CaseCommands>();
        var mediatorId = (await users.FindByUsernameAsync("demo-mediator-a"))!.Id;
        var villageActor = new CaseActor(null, "village", village.Path);
        var townActor = new CaseActor(null, "town", town.Path);
        var registered = await commands.RegisterAsync(
            new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().AddHours(-2),
                Enterprise = new EnterpriseRef(null, "递铺示例竹制品厂" + Guid.NewGuid().ToString("N")[..6], null, village.Id),
                Workers = [new CaseWorker("赵敏", "330523199001011238", "13812345678", 9000m, 1.5m)],
                Description = "拖欠工资一个半月",
            },
            villageActor);
        var id = registered.Case.Id;
        await commands.ActAsync(id, null, villageActor, (c, _, ctx) => c.Accept(mediatorId, ctx));
        await commands.ActAsync(id, null, villageActor, (c, r, ctx) => c.Escalate(r, ctx), "企业拒不到场");
        await commands.ActAsync(id, null, townActor, (c, _, ctx) => c.Accept(mediatorId, ctx));
        var failed = await commands.ActAsync(id, null, townActor, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        failed.Case.State.Should().Be(CaseState.MediationFailed);
        return (id, registered.Case.Number);
    }
}
