using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Data.Partners;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Pages.Cases;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Partners;

/// <summary>
/// Many referrals past their time: the dashboard and the workbench list the longest overdue few and say how many there
/// are; the API lists up to its own limit with the count. A town sees only its own.
/// </summary>
public sealed class OverdueReferralListTests(ReferralOverdueApp app) : IClassFixture<ReferralOverdueApp>
{
    private const int Referred = OverdueReferralsPanel.Shown + 2;

    private readonly ReferralWorld _world = new(app);

    [Fact]
    public async Task TwelveOverdue_ThePanelsListTheTenLongestOverdueAndCountTwelve_TheApiListsAll_AndAnotherTownSeesNone()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var townshipName = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var otherTownName = await app.CreateUserAsync(Roles.Township, app.Org.TownB);
        var managerName = await app.CreateUserAsync(Roles.Manager, app.Org.County);

        // One referral a day: each acknowledgement time a day (or a weekend) after the one before.
        var ids = new List<long>();
        for (var i = 0; i < Referred; i++)
        {
            app.Clock.Advance(TimeSpan.FromDays(1));
            var township = await _world.ClientAsync(townshipName);
            var id = await _world.FailedCaseAsync(township);
            (await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration })).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        app.Clock.Advance(TimeSpan.FromDays(30));
        var manager = await _world.ClientAsync(managerName);
        var api = await manager.GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue");
        var dashboard = await manager.GetStringAsync("/dashboard");
        var workbench = await (await _world.ClientAsync(townshipName)).GetStringAsync("/cases");
        var otherTown = await (await _world.ClientAsync(otherTownName)).GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue");
        var otherWorkbench = await (await _world.ClientAsync(otherTownName)).GetStringAsync("/cases");

        api.GetProperty("count").GetInt32().Should().Be(Referred);
        api.GetProperty("countIsCapped").GetBoolean().Should().BeFalse();
        api.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("caseId").GetInt64()).Should().Equal(ids, "the longest overdue first");
        var longestOverdue = ids.Take(OverdueReferralsPanel.Shown).ToList();
        foreach (var html in new[] { dashboard, workbench })
        {
            Listed(html).Should().Equal(longestOverdue, "a panel lists the ten longest overdue");
            html.Should().Contain($"<span class=\"badge\" id=\"overdue-referral-count\">{Referred}</span>");
            html.Should().Contain($"共 {Referred} 件，此处列出超时最久的 {OverdueReferralsPanel.Shown} 件。");
        }

        otherTown.GetProperty("count").GetInt32().Should().Be(0, "town B holds none of town A's cases");
        otherWorkbench.Should().NotContain("id=\"overdue-referrals\"");
    }

    [Fact]
    public void PastTheCap_ThePanelsCountReadsAsAtLeast()
    {
        var panel = new OverdueReferralsPanel(new OverdueReferrals([], ReferralStore.TotalCap, TotalIsCapped: true), null!);
        var exact = new OverdueReferralsPanel(new OverdueReferrals([], 12, TotalIsCapped: false), null!);

        panel.TotalText.Should().Be("1,000+");
        exact.TotalText.Should().Be("12");
    }

    private static List<long> Listed(string html) =>
        [.. Regex.Matches(html, "<li data-case-id=\"(\\d+)\" data-overdue=").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
}
