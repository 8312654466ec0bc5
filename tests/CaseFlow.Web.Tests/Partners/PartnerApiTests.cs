using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Cases;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Partners;

/// <summary>
/// A partner user through the API: sees exactly the cases shared with its organisation (red and orange ones by graded
/// response), never another county's nor an unshared one (404, audited), notes what it knows, and acts on nothing.
/// </summary>
public sealed class PartnerApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private static int _n;

    private object Dispute(long unitId, decimal months, string name) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name, unitId },
        workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 12000.00m, monthsOwed = months } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    private async Task<long> OrgAsync(long county, string kind)
    {
        var partners = app.Services.GetRequiredService<PartnerStore>();
        var n = Interlocked.Increment(ref _n);
        return await app.Database.InTransactionAsync((c, t) => partners.InsertOrgAsync(c, t, new NewPartnerOrg(county, kind, $"{kind}-{n}")));
    }

    private async Task<HttpClient> PartnerAsync(long county, long org)
    {
        var username = $"partner-{Interlocked.Increment(ref _n)}";
        var hash = app.Services.GetRequiredService<Passwords>().Hash(CaseFlowApp.Password);
        await app.Database.InTransactionAsync((c, t) => app.Services.GetRequiredService<UserStore>()
            .CreateAsync(c, t, new NewUser(username, "联动单位用户", hash, county, [Roles.Partner]) { PartnerOrgId = org }));
        var client = await app.SignInAsync(username);
        await client.UseCsrfTokenAsync();
        return client;
    }

    private async Task<long> RegisterAsync(HttpClient client, object dispute)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", dispute);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Hrss_SeesExactlyTheSharedCases_RedAndOrangeByGradedResponse_AndNothingElse()
    {
        var hrss = await OrgAsync(app.Org.County, PartnerKinds.Hrss);
        var township = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        await township.UseCsrfTokenAsync();
        var red = await RegisterAsync(township, Dispute(app.Org.Village, 3m, "红色示例厂"));
        var orange = await RegisterAsync(township, Dispute(app.Org.Village, 1.5m, "橙色示例厂"));
        var yellow = await RegisterAsync(township, Dispute(app.Org.Village, 0.5m, "黄色示例厂"));
        var otherCounty = await OtherCountyRedCaseAsync();
        var partner = await PartnerAsync(app.Org.County, hrss);

        var list = await partner.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=200");

        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().BeEquivalentTo([red, orange]);
        var detail = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{red}");
        detail.GetProperty("access").GetString().Should().Be("partner");
        detail.GetProperty("workers")[0].GetProperty("idNumber").GetString().Should().Contain("*");
        (await partner.GetAsync($"/api/v1/cases/{yellow}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.GetAsync($"/api/v1/cases/{otherCounty}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await partner.PostAsJsonAsync($"/api/v1/cases/{red}/reveal", new { purpose = "核实" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var escalate = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{red}/actions/escalate") { Content = JsonContent.Create(new { reason = "越权" }) };
        escalate.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        (await partner.SendAsync(escalate)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.AuditRowsAsync(AccessDenials.NotVisibleAction)).Where(r => r.EntityId == yellow.ToString(System.Globalization.CultureInfo.InvariantCulture) || r.EntityId == otherCounty.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Should().HaveCount(2);
    }

    [Fact]
    public async Task ShareByHand_ThenNote_ThenWithdraw_AllOnTheTimeline_AndTheWithdrawnCaseAnswers404()
    {
        var court = await OrgAsync(app.Org.County, PartnerKinds.Court);
        var township = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        await township.UseCsrfTokenAsync();
        var id = await RegisterAsync(township, Dispute(app.Org.Village, 0.5m, "诉调对接示例厂"));
        var partner = await PartnerAsync(app.Org.County, court);
        (await partner.GetAsync($"/api/v1/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var empty = await township.PostAsJsonAsync($"/api/v1/cases/{id}/shares", new { partnerOrgId = court, reason = " " });
        empty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await township.PostAsJsonAsync($"/api/v1/cases/{id}/shares", new { partnerOrgId = court, reason = "诉调对接，请法院提前了解" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var noted = await partner.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "可安排司法确认" });
        noted.StatusCode.Should().Be(HttpStatusCode.OK, await noted.Content.ReadAsStringAsync());
        (await partner.PostAsJsonAsync($"/api/v1/cases/{id}/shares", new { partnerOrgId = court, reason = "自行共享" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await township.PostAsJsonAsync($"/api/v1/cases/{id}/shares/{court}/withdraw", new { reason = "已调解成功" })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await partner.GetAsync($"/api/v1/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var timeline = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        timeline.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Should().Equal("share", "note", "unshare");
    }

    // A second county with its own ladder and a red case there.
    private async Task<long> OtherCountyRedCaseAsync()
    {
        var orgs = app.Services.GetRequiredService<OrgStore>();
        var n = Interlocked.Increment(ref _n);
        var (town, village) = await app.Database.InTransactionAsync(async (c, t) =>
        {
            var county = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, $"即墨区{n}", $"JM{n}"));
            await orgs.SaveLadderAsync(c, t, county, MediationLadder.Anji);
            var town = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(county, UnitKind.Town, "通济街道"));
            return (town, await orgs.InsertUnitAsync(c, t, new NewOrgUnit(town, UnitKind.Village, "某社区")));
        });
        var township = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, town));
        await township.UseCsrfTokenAsync();
        return await RegisterAsync(township, Dispute(village, 3m, "即墨示例厂"));
    }
}
