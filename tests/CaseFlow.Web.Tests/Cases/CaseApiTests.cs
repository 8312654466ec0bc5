using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Cases;

/// <summary>The test host with an Anji ladder on its county, so cases can be routed.</summary>
public sealed class CaseApiApp : CaseFlowApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var orgs = Services.GetRequiredService<OrgStore>();
        await Database.InTransactionAsync((c, t) => orgs.SaveLadderAsync(c, t, Org.County, MediationLadder.Anji));
    }
}

public sealed class CaseApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private const string IdNumber = "330523199001011238";
    private const string Phone = "13812345678";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private object Dispute(long? unitId = null, string idNumber = IdNumber, decimal months = 0.5m, bool collective = false) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = "安吉某竹木制品有限公司", creditCode = "91350100M000100Y43", unitId = unitId ?? app.Org.Village },
        workers = new[] { new { name = "张三", idNumber, phone = Phone, amountOwed = 12000.00m, monthsOwed = months } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
        signals = new { employerAbsconded = false, productionStopped = false, collectiveAction = collective, orderToPayIgnored = false },
    };

    private async Task<HttpClient> ClientAsync(string role, long unitId)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        return client;
    }

    private static async Task<JsonElement> RegisterAsync(HttpClient client, object dispute)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", dispute);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, long id, string action, object body, int? version)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        }

        return client.SendAsync(request);
    }

    [Fact]
    public async Task Register_GradesAndRoutes_AndAnswersCreatedWithLocationETagAndMaskedNumbers()
    {
        var client = await ClientAsync(Roles.Township, app.Org.TownA);

        var response = await client.PostAsJsonAsync("/api/v1/cases", Dispute(months: 1.5m));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.ETag!.Tag.Should().Be("\"1\"");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/cases/{body.GetProperty("id").GetInt64()}");
        body.GetProperty("state").GetString().Should().Be("level2AwaitingAcceptance");
        body.GetProperty("riskColor").GetString().Should().Be("orange");
        body.GetProperty("unitId").GetInt64().Should().Be(app.Org.Village);
        body.GetProperty("riskReasons")[0].GetString().Should().Be("欠薪1至2个月");
        body.GetProperty("workers")[0].GetProperty("idNumber").GetString().Should().Be("330523********1238");
        body.GetProperty("workers")[0].GetProperty("phone").GetString().Should().Be("138****5678");
        body.GetProperty("totals").GetProperty("amountOwed").GetDecimal().Should().Be(12000.00m);
        body.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("name").GetString()).Should().Contain(["accept", "escalate", "withdraw", "reject"]);
        body.GetProperty("deadlines").EnumerateArray().Should().Contain(d => d.GetProperty("kind").GetString() == "acceptance");
        (await app.AuditRowsAsync("case.grade")).Should().Contain(r => r.EntityId == body.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("channel", "\"channel\":\"fax\"")]
    [InlineData("receivedAt", "\"receivedAt\":\"2027-01-01T00:00:00+08:00\"")]
    [InlineData("receivedAt", "\"receivedAt\":\"2024-01-01T00:00:00+08:00\"")]
    [InlineData("enterprise.creditCode", "\"creditCode\":\"91350100M000100Y44\"")]
    [InlineData("enterprise.name", "\"name\":\"\"")]
    [InlineData("workers[0].idNumber", "\"idNumber\":\"330523199001011234\"")]
    [InlineData("workers[0].idNumber", "\"idNumber\":\"33052319900101123\"")]
    [InlineData("workers[0].phone", "\"phone\":\"12812345678\"")]
    [InlineData("workers[0].amountOwed", "\"amountOwed\":-1")]
    [InlineData("workers[0].amountOwed", "\"amountOwed\":1.001")]
    [InlineData("workers[0].monthsOwed", "\"monthsOwed\":-0.5")]
    [InlineData("claimTypes[0]", "\"claimTypes\":[\"bribery\"]")]
    [InlineData("workers", "\"workers\":[]")]
    public async Task Register_WithABadField_Answers400ForThatField_AndWritesNothing(string field, string replacement)
    {
        var client = await ClientAsync(Roles.Township, app.Org.TownA);
        var json = JsonSerializer.Serialize(Dispute(), Web);
        var key = replacement[..(replacement.IndexOf(':', StringComparison.Ordinal) + 1)];
        var start = json.IndexOf(key, StringComparison.Ordinal);
        var end = FindValueEnd(json, start + key.Length);
        var bad = json[..start] + replacement + json[end..];
        var before = await CountAsync("cases");

        var response = await client.PostJsonTextAsync("/api/v1/cases", bad);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
        var problem = await response.ReadProblemAsync();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(problem.ToString());
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
        (await CountAsync("cases")).Should().Be(before);
    }

    [Fact]
    public async Task Register_ErrorsComeInEnglishWhenAskedFor()
    {
        var client = await ClientAsync(Roles.Township, app.Org.TownA);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await client.PostAsJsonAsync("/api/v1/cases", Dispute(idNumber: "330523199001011234"));

        var problem = await response.ReadProblemAsync();
        problem.GetProperty("errors").GetProperty("workers[0].idNumber")[0].GetString().Should().Contain("check character");
    }

    [Fact]
    public async Task AnotherTownsCase_Is404_ForReadingActingAndRevealing()
    {
        var townA = await ClientAsync(Roles.Township, app.Org.TownA);
        var townB = await ClientAsync(Roles.Township, app.Org.TownB);
        var id = (await RegisterAsync(townA, Dispute())).GetProperty("id").GetInt64();

        (await townB.GetAsync($"/api/v1/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ActAsync(townB, id, "withdraw", new { reason = "x" }, 1)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await townB.PostAsJsonAsync($"/api/v1/cases/{id}/reveal", new { purpose = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await townB.GetAsync($"/api/v1/cases/{id + 100000}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "a missing case looks the same");
        var list = await townB.GetFromJsonAsync<JsonElement>("/api/v1/cases");
        list.GetProperty("items").EnumerateArray().Should().NotContain(i => i.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Accept_WithTheCurrentVersion_MovesOn_AndAStaleVersionIs409()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var mediator = await app.CreateUserAsync(Roles.Mediator, app.Org.Village);
        var me = await (await app.SignInAsync(mediator)).GetFromJsonAsync<JsonElement>("/api/v1/me");
        var mediatorId = me.GetProperty("id").GetInt64();
        var id = (await RegisterAsync(township, Dispute(months: 1.5m))).GetProperty("id").GetInt64();

        var accepted = await ActAsync(township, id, "accept", new { mediatorId }, 1);
        var stale = await ActAsync(township, id, "recordSession", new { session = new { summary = "第一次调解" } }, 1);

        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        accepted.Headers.ETag!.Tag.Should().Be("\"2\"");
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("level2InMediation");
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(409);
        (await app.AuditRowsAsync("case.accept")).Should().Contain(r => r.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ARefusedTrigger_Is422WithTheReasons_AndAMissingField400()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var id = (await RegisterAsync(township, Dispute())).GetProperty("id").GetInt64();

        var refused = await ActAsync(township, id, "reachAgreement", new { agreement = new { amount = 100m, paymentDueDate = "2026-03-20", method = "现金" } }, 1);
        var incomplete = await ActAsync(township, id, "accept", new { }, 1);
        var unknownMediator = await ActAsync(township, id, "accept", new { mediatorId = 999999 }, 1);

        refused.StatusCode.Should().Be((HttpStatusCode)422);
        var problem = await refused.ReadProblemAsync();
        problem.GetProperty("reasons")[0].GetString().Should().Contain("不能执行");
        incomplete.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await incomplete.ReadProblemAsync()).GetProperty("errors").TryGetProperty("mediatorId", out _).Should().BeTrue();
        unknownMediator.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task WithoutASession_Is401_AndARoleThatMayNotAct_Is403WithAnAuditRow()
    {
        (await app.NewClient().GetAsync("/api/v1/cases")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var auditorName = await app.CreateUserAsync(Roles.Auditor, app.Org.County);
        var auditor = await app.SignInAsync(auditorName);
        await auditor.UseCsrfTokenAsync();

        var response = await auditor.PostAsJsonAsync("/api/v1/cases", Dispute());
        var dashboard = await auditor.GetAsync("/api/v1/dashboard");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        dashboard.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.AuditRowsAsync("permission.denied", auditorName)).Should().HaveCount(2);
    }

    [Fact]
    public async Task WithoutTheCsrfToken_ARegistrationIsRefused_AndWritesNothing()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        var before = await CountAsync("cases");

        var response = await client.PostAsJsonAsync("/api/v1/cases", Dispute());

        response.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Forbidden);
        (await CountAsync("cases")).Should().Be(before);
    }

    [Fact]
    public async Task Reveal_GivesTheClearNumbersAndIsAudited_AndNoOtherResponseEverHasThem()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var registered = await township.PostAsJsonAsync("/api/v1/cases", Dispute());
        var id = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var texts = new List<string>
        {
            await registered.Content.ReadAsStringAsync(),
            await township.GetStringAsync($"/api/v1/cases/{id}"),
            await township.GetStringAsync("/api/v1/cases?text=张三"),
            await township.GetStringAsync("/api/v1/inbox"),
            await (await ActAsync(township, id, "escalate", new { reason = "企业拒不到场" }, 1)).Content.ReadAsStringAsync(),
        };
        var revealed = await township.PostAsJsonAsync($"/api/v1/cases/{id}/reveal", new { purpose = "联系当事人" });

        texts.Should().OnlyContain(t => !t.Contains(IdNumber, StringComparison.Ordinal) && !t.Contains(Phone, StringComparison.Ordinal));
        var body = await revealed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("workers")[0].GetProperty("idNumber").GetString().Should().Be(IdNumber);
        body.GetProperty("workers")[0].GetProperty("phone").GetString().Should().Be(Phone);
        (await app.AuditRowsAsync("case.reveal")).Should().Contain(r => r.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && r.RemoteIp == app.RemoteIp);
    }

    [Fact]
    public async Task List_Inbox_Dashboard_And_Workflow_Answer()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var red = await RegisterAsync(township, Dispute(collective: true));

        var list = await township.GetFromJsonAsync<JsonElement>("/api/v1/cases?color=red&pageSize=5");
        var inbox = await township.GetFromJsonAsync<JsonElement>("/api/v1/inbox");
        var dashboard = await manager.GetFromJsonAsync<JsonElement>("/api/v1/dashboard");
        var workflow = await township.GetFromJsonAsync<JsonElement>("/api/v1/workflow");
        var badFilter = await township.GetAsync("/api/v1/cases?color=purple");

        list.GetProperty("items").EnumerateArray().Should().Contain(i => i.GetProperty("id").GetInt64() == red.GetProperty("id").GetInt64());
        list.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("riskColor").GetString() == "red");
        inbox.GetProperty("items").EnumerateArray().Should().Contain(i => i.GetProperty("id").GetInt64() == red.GetProperty("id").GetInt64());
        dashboard.GetProperty("openCases").GetInt64().Should().BeGreaterThan(0);
        dashboard.GetProperty("byUnit").EnumerateArray().Should().Contain(u => u.GetProperty("unitId").GetInt64() == app.Org.TownA);
        workflow.GetProperty("mermaid").GetString().Should().StartWith("stateDiagram-v2");
        workflow.GetProperty("triggers").EnumerateArray().Select(t => t.GetString()).Should().Contain("deadlineElapsed");
        badFilter.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AMalformedBody_Is400_Not500()
    {
        var client = await ClientAsync(Roles.Township, app.Org.TownA);

        var broken = await client.PostJsonTextAsync("/api/v1/cases", "{\"channel\": \"walkIn\", ");
        var wrongType = await client.PostJsonTextAsync("/api/v1/cases", "{\"workers\": \"many\"}");

        broken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wrongType.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await app.Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Where the JSON value starting at <paramref name="from"/> ends (a string, number, literal or bracketed list).</summary>
    private static int FindValueEnd(string json, int from)
    {
        var depth = 0;
        var inString = false;
        for (var i = from; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return json.Length;
    }
}
