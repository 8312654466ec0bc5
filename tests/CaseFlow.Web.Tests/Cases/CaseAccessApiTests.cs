using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Cases;

/// <summary>
/// Visibility after hand-off and assignment through the API: an escalation answers 200 with the case's new level and
/// unit and leaves it readable to the unit below; an assignee works the case wherever their own unit is; anyone else
/// gets 404, audited.
/// </summary>
public sealed class CaseAccessApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private object OrangeDispute() => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = "吴村某竹制品厂", unitId = app.Org.Village },
        workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 12000.00m, monthsOwed = 1.5m } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    private async Task<(HttpClient Client, long UserId)> ClientAsync(string role, long unitId)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        return (client, me.GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> ActAsync(HttpClient client, long id, string action, object body, int version, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Escalate_ByTheMediator_Answers200WithTheNewLevelAndUnit_AndTheCaseStaysReadableButNotActionable()
    {
        var (mediator, mediatorId) = await ClientAsync(Roles.Mediator, app.Org.Village);
        var registered = await (await mediator.PostAsJsonAsync("/api/v1/cases", OrangeDispute())).Content.ReadFromJsonAsync<JsonElement>();
        var id = registered.GetProperty("id").GetInt64();
        registered.GetProperty("level").GetInt32().Should().Be(2);
        var accepted = await ActAsync(mediator, id, "accept", new { mediatorId }, registered.GetProperty("version").GetInt32());

        var escalated = await ActAsync(mediator, id, "escalate", new { reason = "企业拒不到场" }, accepted.GetProperty("version").GetInt32());

        escalated.GetProperty("level").GetInt32().Should().Be(3);
        escalated.GetProperty("unitId").GetInt64().Should().Be(app.Org.TownA);
        escalated.GetProperty("access").GetString().Should().Be("readOnly");
        var again = await mediator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        again.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("trigger").GetString()).Should().Contain("escalate");
        var actions = again.GetProperty("actions").EnumerateArray().ToList();
        actions.Should().NotBeEmpty().And.OnlyContain(a => !a.GetProperty("allowed").GetBoolean());
        actions.Single(a => a.GetProperty("name").GetString() == "accept").GetProperty("reasonCodes").EnumerateArray()
            .Select(c => c.GetString()).Should().Equal("access.followed-read-only");
        await ActAsync(mediator, id, "accept", new { mediatorId }, again.GetProperty("version").GetInt32(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ATownshipNotOnTheCasesPath_Gets404_AndTheRefusalIsAudited()
    {
        var (mediator, _) = await ClientAsync(Roles.Mediator, app.Org.Village);
        var id = (await (await mediator.PostAsJsonAsync("/api/v1/cases", OrangeDispute())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var townB = await app.CreateUserAsync(Roles.Township, app.Org.TownB);
        var client = await app.SignInAsync(townB);
        await client.UseCsrfTokenAsync();

        (await client.GetAsync($"/api/v1/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsJsonAsync($"/api/v1/cases/{id}/reveal", new { purpose = "核实" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await ActAsync(client, id, "escalate", new { reason = "越权" }, 1, HttpStatusCode.NotFound);

        (await app.AuditRowsAsync(AccessDenials.NotVisibleAction, townB)).Should().HaveCount(3)
            .And.OnlyContain(r => r.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Accept_AssigningAMediatorBelowTheAcceptingUnit_LetsThatMediatorSeeAndWorkTheCase()
    {
        var (township, _) = await ClientAsync(Roles.Township, app.Org.TownA);
        var (groupMediator, groupMediatorId) = await ClientAsync(Roles.Mediator, app.Org.Group);
        var red = new
        {
            channel = "walkIn",
            receivedAt = app.Clock.GetUtcNow().AddHours(-1),
            enterprise = new { name = "杭垓某竹业公司", unitId = app.Org.Village },
            workers = new[] { new { name = "李四", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 30000.00m, monthsOwed = 3m } },
            claimTypes = new[] { "wageArrears" },
            description = "拖欠工资三个月",
        };
        var registered = await (await township.PostAsJsonAsync("/api/v1/cases", red)).Content.ReadFromJsonAsync<JsonElement>();
        var id = registered.GetProperty("id").GetInt64();
        registered.GetProperty("unitId").GetInt64().Should().Be(app.Org.TownA);

        var accepted = await ActAsync(township, id, "accept", new { mediatorId = groupMediatorId }, registered.GetProperty("version").GetInt32());

        var seen = await groupMediator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        seen.GetProperty("access").GetString().Should().Be("act");
        var mine = await groupMediator.GetFromJsonAsync<JsonElement>("/api/v1/cases?open=true");
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Should().Contain(id);
        var session = await ActAsync(
            groupMediator, id, "recordSession", new { session = new { heldAt = app.Clock.GetUtcNow(), summary = "双方到场，企业承诺分期支付" } },
            accepted.GetProperty("version").GetInt32());
        session.GetProperty("sessions").EnumerateArray().Should().ContainSingle();
    }

    [Fact]
    public async Task Accept_RefusesAMediatorOfAnotherTown()
    {
        var (township, _) = await ClientAsync(Roles.Township, app.Org.TownA);
        var (_, otherTownMediator) = await ClientAsync(Roles.Mediator, app.Org.TownB);
        var registered = await (await township.PostAsJsonAsync("/api/v1/cases", OrangeDispute())).Content.ReadFromJsonAsync<JsonElement>();

        var problem = await ActAsync(
            township, registered.GetProperty("id").GetInt64(), "accept", new { mediatorId = otherTownMediator },
            registered.GetProperty("version").GetInt32(), HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty("mediatorId", out _).Should().BeTrue();
    }
}
