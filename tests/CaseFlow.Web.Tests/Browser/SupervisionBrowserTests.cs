using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Supervision;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// Supervision (督办) as the roles do it, in headless Chromium on the demo data, at desktop and phone width:
/// demo-manager opens it on a case of town A, demo-township-a finds it in the inbox and feeds back, demo-manager
/// evaluates satisfied and it closes; the dashboard shows the demo's overdue feedback.
/// </summary>
public sealed class SupervisionBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserTheory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task ManagerOpens_TownshipFeedsBackFromItsInbox_ManagerClosesSatisfied_AndTheDashboardShowsOverdueFeedback(int width)
    {
        var supervisions = app.Services.GetRequiredService<SupervisionStore>();
        var id = await UnsupervisedCaseOfTownAAsync(supervisions);
        var due = supervisions.Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var requirement = $"请三日内约谈企业并反馈（{width}）";

        var manager = await app.SignInAsync("demo-manager");
        await manager.SetViewportSizeAsync(width, 800);
        await manager.GotoAsync($"/cases/{id}");
        await manager.SelectOptionAsync("#supervision-level", "key");
        await manager.FillAsync("#supervision-requirement", requirement);
        await manager.FillAsync("#supervision-due", due);
        await manager.ClickAsync("#supervision-open");
        await manager.WaitForSelectorAsync("#done");
        (await manager.Locator("#supervision article").First.GetAttributeAsync("data-status")).Should().Be("Open");
        (await manager.Locator("#supervision .supervision-level").First.TextContentAsync()).Should().Be("重点督办");
        (await manager.Locator("#timeline li.activity[data-kind='supervision_open']").CountAsync()).Should().Be(1);
        (await manager.Locator("#supervision-feedback-form").CountAsync()).Should().Be(0, "the manager does not feed back");

        var township = await app.SignInAsync("demo-township-a");
        await township.SetViewportSizeAsync(width, 800);
        await township.ClickAsync("a[href='/inbox']");
        await township.ClickAsync($"#supervision-inbox tr[data-case-id='{id}'] a");
        await township.WaitForSelectorAsync("#supervision-feedback-form");
        await township.FillAsync("#supervision-action", "已约谈企业负责人，企业承诺本周支付");
        await township.FillAsync("#supervision-progress", "已支付一半");
        await township.PressAsync("#supervision-progress", "Enter");
        await township.WaitForSelectorAsync("#done");
        (await township.Locator($"#supervision article").First.GetAttributeAsync("data-status")).Should().Be("FedBack");
        (await township.Locator("#supervision .supervision-feedbacks li").First.TextContentAsync()).Should().Contain("已支付一半");
        (await township.Locator("#supervision-evaluate-form").CountAsync()).Should().Be(0, "the township does not evaluate");
        var wide = await township.EvaluateAsync<bool>("() => { const c = document.querySelector('#supervision'); return c.scrollWidth > c.clientWidth + 1; }");
        wide.Should().BeFalse("the supervision panel fits its card");
        await township.Context.CloseAsync();

        await manager.GotoAsync($"/cases/{id}");
        await manager.CheckAsync("#supervision-satisfied");
        await manager.FillAsync("#supervision-comment", "处置及时");
        await manager.ClickAsync("#supervision-evaluate");
        await manager.WaitForSelectorAsync("#done");
        (await manager.Locator("#supervision article").First.GetAttributeAsync("data-status")).Should().Be("Closed");
        (await manager.Locator("#timeline li.activity[data-kind='supervision_closed']").CountAsync()).Should().Be(1);
        var stored = (await supervisions.ForCaseAsync(id, new CaseViewer(null, "/")))!.Single();
        stored.Should().BeEquivalentTo(new { Status = SupervisionStatus.Closed, Level = SupervisionLevel.Key, Requirement = requirement, Satisfied = (bool?)true });
        stored.Feedbacks.Should().ContainSingle().Which.Progress.Should().Be("已支付一半");

        // The demo's own: a case of town B whose feedback date passed unanswered, one of town A fed back and awaiting evaluation.
        var seeded = await supervisions.ListAsync(new CaseViewer(null, "/"), new SupervisionFilter(OpenOnly: true));
        seeded.Should().Contain(s => s.Overdue && s.Level == SupervisionLevel.Key && s.Feedbacks.Count == 0);
        seeded.Should().Contain(s => s.Status == SupervisionStatus.FedBack && s.Feedbacks.Any(f => f.Progress == "第一期已于本周支付"));
        await manager.ClickAsync("a[href='/dashboard']");
        var overdue = int.Parse((await manager.Locator("#kpi-supervision-overdue .value").TextContentAsync())!, CultureInfo.InvariantCulture);
        overdue.Should().BeGreaterThanOrEqualTo(1);
        await manager.ClickAsync("#kpi-supervision-overdue");
        await manager.WaitForSelectorAsync("#supervisions tr[data-overdue='true']");
        (await manager.Locator("#supervisions tbody tr").CountAsync()).Should().Be(overdue);
        await manager.Context.CloseAsync();
    }

    private async Task<long> UnsupervisedCaseOfTownAAsync(SupervisionStore supervisions)
    {
        var town = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync("demo-township-a"))!;
        var cases = await app.Queries.ListAsync(new CaseFilter { Limit = 200, OpenOnly = true }, new CaseViewer(town.Id, town.Unit.Path));
        foreach (var c in cases.Items.Where(i => i.Access == CaseAccess.Act))
        {
            if ((await supervisions.ForCaseAsync(c.Id, new CaseViewer(null, "/")))!.Count == 0)
            {
                return c.Id;
            }
        }

        throw new InvalidOperationException("The demo has no unsupervised open case in town A.");
    }
}
