using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Cases;

/// <summary>
/// What the API refuses before the database would (text limits, money, dates, names), writes that need a version,
/// and reveals that need a reason: every refusal a 400/422/428 naming the field in Chinese, never a 500.
/// </summary>
public sealed class HardeningApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private const string IdNumber = "330523199001011238";

    private CaseQueries Queries => app.Services.GetRequiredService<CaseQueries>();

    private JsonObject Dispute(decimal amount = 12000m, decimal months = 1.5m) => new()
    {
        ["channel"] = "walkIn",
        ["receivedAt"] = app.Clock.GetUtcNow().AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
        ["enterprise"] = new JsonObject { ["name"] = "安吉某竹木制品有限公司", ["creditCode"] = "91350100M000100Y43", ["unitId"] = app.Org.Village },
        ["workers"] = new JsonArray(Worker(amount, months)),
        ["claimTypes"] = new JsonArray("wageArrears"),
        ["description"] = "拖欠工资",
    };

    private static JsonObject Worker(decimal amount = 12000m, decimal months = 1.5m) => new()
    {
        ["name"] = "张三", ["idNumber"] = IdNumber, ["phone"] = "13812345678", ["amountOwed"] = amount, ["monthsOwed"] = months,
    };

    private async Task<HttpClient> TownshipAsync()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Township, app.Org.TownA));
        await client.UseCsrfTokenAsync();
        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, JsonNode body) =>
        client.PostJsonTextAsync(url, body.ToJsonString());

    private static async Task<long> RegisterAsync(HttpClient client, JsonObject dispute)
    {
        var response = await PostAsync(client, "/api/v1/cases", dispute);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, long id, string action, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, long id, string action, object body, int version) =>
        ActAsync(client, id, action, body, $"\"{version}\"");

    /// <summary>A case in mediation at the village (version 2), accepted by a mediator there.</summary>
    private async Task<(HttpClient Township, long Id)> InMediationAsync(decimal amount = 12000m)
    {
        var township = await TownshipAsync();
        var mediator = await app.CreateUserAsync(Roles.Mediator, app.Org.Village);
        var mediatorId = (await (await app.SignInAsync(mediator)).GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetInt64();
        var id = await RegisterAsync(township, Dispute(amount));
        (await ActAsync(township, id, "accept", new { mediatorId }, 1)).StatusCode.Should().Be(HttpStatusCode.OK);
        return (township, id);
    }

    private static async Task<string> FirstErrorAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue(text);
        return messages[0].GetString()!;
    }

    // ---- Text limits: one per field, the schema's -------------------------------------------------------------

    [Theory]
    [InlineData("enterprise.name", TextLimits.EnterpriseName)]
    [InlineData("workers[0].name", TextLimits.PartyName)]
    [InlineData("description", TextLimits.Description)]
    public async Task Register_TextJustOverItsLimit_Is400NamingTheField_AndAtTheLimitIsStored(string field, int limit)
    {
        var client = await TownshipAsync();
        JsonObject With(int length)
        {
            var dispute = Dispute();
            var text = new string('字', length);
            switch (field)
            {
                case "enterprise.name":
                    // A new employer with no credit code, so the name is the one just typed.
                    dispute["enterprise"]!["name"] = text;
                    dispute["enterprise"]!["creditCode"] = null;
                    break;
                case "workers[0].name":
                    dispute["workers"]![0]!["name"] = text;
                    break;
                default:
                    dispute["description"] = text;
                    break;
            }

            return dispute;
        }

        var over = await PostAsync(client, "/api/v1/cases", With(limit + 1));
        var id = await RegisterAsync(client, With(limit));

        (await FirstErrorAsync(over, field)).Should().Be($"不能超过 {limit} 个字符。");
        var stored = (await Queries.GetAsync(id, "/"))!;
        var value = field switch
        {
            "enterprise.name" => stored.Enterprise!.Name,
            "workers[0].name" => stored.Workers[0].Name,
            _ => stored.Description,
        };
        value.Should().HaveLength(limit);
    }

    [Fact]
    public async Task AReasonJustOverItsLimit_Is400NamingTheField_AndAtTheLimitIsOnTheTimeline()
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());

        var over = await ActAsync(client, id, "withdraw", new { reason = new string('因', TextLimits.Reason + 1) }, 1);
        var at = await ActAsync(client, id, "withdraw", new { reason = new string('因', TextLimits.Reason) }, 1);

        (await FirstErrorAsync(over, "reason")).Should().Be($"不能超过 {TextLimits.Reason} 个字符。");
        at.StatusCode.Should().Be(HttpStatusCode.OK, await at.Content.ReadAsStringAsync());
        (await Queries.GetAsync(id, "/"))!.Events[^1].Reason.Should().HaveLength(TextLimits.Reason);
    }

    [Fact]
    public async Task ASessionSummaryAndAnAgreementMethod_JustOverTheirLimits_Are400_AndAtTheLimitsAreStored()
    {
        var (client, id) = await InMediationAsync();

        var longSummary = await ActAsync(client, id, "recordSession", new { session = new { summary = new string('谈', TextLimits.SessionSummary + 1) } }, 2);
        var summary = await ActAsync(client, id, "recordSession", new { session = new { summary = new string('谈', TextLimits.SessionSummary) } }, 2);
        var agreement = new { amount = 12000m, paymentDueDate = "2026-03-20", method = new string('付', TextLimits.AgreementMethod + 1) };
        var longMethod = await ActAsync(client, id, "reachAgreement", new { agreement }, 3);
        var method = await ActAsync(client, id, "reachAgreement", new { agreement = agreement with { method = new string('付', TextLimits.AgreementMethod) } }, 3);

        (await FirstErrorAsync(longSummary, "session.summary")).Should().Be($"不能超过 {TextLimits.SessionSummary} 个字符。");
        (await FirstErrorAsync(longMethod, "agreement.method")).Should().Be($"不能超过 {TextLimits.AgreementMethod} 个字符。");
        (summary.StatusCode, method.StatusCode).Should().Be((HttpStatusCode.OK, HttpStatusCode.OK));
        var stored = (await Queries.GetAsync(id, "/"))!;
        stored.Sessions.Should().ContainSingle().Which.Summary.Should().HaveLength(TextLimits.SessionSummary);
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<string>("SELECT method FROM agreements WHERE case_id = @id", new { id })).Should().HaveLength(TextLimits.AgreementMethod);
    }

    // ---- Money ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("10000000000000000")]
    [InlineData("100000000.01")]
    [InlineData("79228162514264337593543950335")]
    public async Task Register_AWorkersAmountAboveTheRange_Is400WithTheBound_NotA500(string amount)
    {
        var client = await TownshipAsync();
        var dispute = Dispute();
        dispute["workers"]![0]!["amountOwed"] = JsonNode.Parse(amount);

        var response = await PostAsync(client, "/api/v1/cases", dispute);

        (await FirstErrorAsync(response, "workers[0].amountOwed")).Should().Be("金额不能超过 100,000,000 元。");
    }

    [Fact]
    public async Task Register_AmountsAtTheBoundAreTaken_ButTogetherTheyMayNotPassTheCaseTotal()
    {
        var client = await TownshipAsync();
        var many = Dispute();
        many["workers"] = new JsonArray([.. Enumerable.Range(0, 101).Select(_ => (JsonNode)Worker(MoneyLimits.PerWorker))]);

        var one = await RegisterAsync(client, Dispute(MoneyLimits.PerWorker));
        var tooMuch = await PostAsync(client, "/api/v1/cases", many);

        (await Queries.GetAsync(one, "/"))!.Workers[0].AmountOwed.Should().Be(MoneyLimits.PerWorker);
        (await FirstErrorAsync(tooMuch, "workers")).Should().Be("全部劳动者的欠薪合计不能超过 10,000,000,000 元。");
    }

    [Fact]
    public async Task AnAgreementOrARecoveredAmountAboveTheRange_Is400_NotA500()
    {
        var (client, id) = await InMediationAsync();

        var agreement = await ActAsync(client, id, "reachAgreement", new { agreement = new { amount = 1e16m, paymentDueDate = "2026-03-20", method = "现金" } }, 2);
        (await ActAsync(client, id, "reachAgreement", new { agreement = new { amount = 12000m, paymentDueDate = "2026-03-20", method = "现金" } }, 2))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var recovered = await ActAsync(client, id, "confirmPerformance", new { amountRecovered = 1e16m, reason = "补偿" }, 3);

        (await FirstErrorAsync(agreement, "agreement.amount")).Should().Be("金额不能超过 10,000,000,000 元。");
        (await FirstErrorAsync(recovered, "amountRecovered")).Should().Be("金额不能超过 10,000,000,000 元。");
    }

    [Fact]
    public async Task RecoveringMoreThanOwed_IsRefusedWithoutAReason_AndWithOneTheReasonIsOnTheTimeline()
    {
        var (client, id) = await InMediationAsync(amount: 12000m);
        (await ActAsync(client, id, "reachAgreement", new { agreement = new { amount = 15000m, paymentDueDate = "2026-03-20", method = "现金" } }, 2))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var silent = await ActAsync(client, id, "confirmPerformance", new { amountRecovered = 15000m }, 3);
        var explained = await ActAsync(client, id, "confirmPerformance", new { amountRecovered = 15000m, reason = "协议另加经济补偿 3000 元" }, 3);

        silent.StatusCode.Should().Be((HttpStatusCode)422);
        var problem = await silent.ReadProblemAsync();
        problem.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal(CaseRefusal.RecoveredExceedsOwedWithoutReason);
        problem.GetProperty("reasons")[0].GetString().Should().Contain("超过了劳动者的欠薪总额");
        explained.StatusCode.Should().Be(HttpStatusCode.OK, await explained.Content.ReadAsStringAsync());
        var timeline = (await explained.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("events").EnumerateArray().ToList();
        timeline[^1].GetProperty("trigger").GetString().Should().Be("confirmPerformance");
        timeline[^1].GetProperty("reason").GetString().Should().Be("协议另加经济补偿 3000 元");
        (await Queries.GetAsync(id, "/"))!.AmountRecovered.Should().Be(15000m);
    }

    // ---- Writes need a version ----------------------------------------------------------------------------------

    [Fact]
    public async Task AnActionWithoutIfMatch_Is428InTheCallersLanguage_AndChangesNothing()
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());
        var english = await TownshipAsync();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var chinese = await ActAsync(client, id, "withdraw", new { reason = "劳动者撤回" }, ifMatch: null);
        var inEnglish = await ActAsync(english, id, "withdraw", new { reason = "withdrawn" }, ifMatch: null);

        chinese.StatusCode.Should().Be((HttpStatusCode)428);
        (await chinese.ReadProblemAsync()).GetProperty("title").GetString().Should().Contain("If-Match").And.Contain("案件版本");
        (await inEnglish.ReadProblemAsync()).GetProperty("title").GetString().Should().Contain("If-Match").And.Contain("version");
        (await Queries.GetAsync(id, "/"))!.Version.Should().Be(1);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"1\"")]
    [InlineData("1")]
    [InlineData("\"1\", \"2\"")]
    [InlineData("\"one\"")]
    public async Task AnIfMatchThatIsNotOneStrongTag_Is400NamingTheHeader(string ifMatch)
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());

        var response = await ActAsync(client, id, "withdraw", new { reason = "劳动者撤回" }, ifMatch);

        (await FirstErrorAsync(response, "If-Match")).Should().Contain("ETag");
        (await Queries.GetAsync(id, "/"))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task TwentyParallelBlindWrites_AreAllRefused()
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ActAsync(client, id, i % 2 == 0 ? "escalate" : "withdraw", new { reason = $"第{i}次" }, ifMatch: null)));

        responses.Select(r => (int)r.StatusCode).Should().AllBeEquivalentTo(428);
        var stored = (await Queries.GetAsync(id, "/"))!;
        (stored.Version, stored.Events.Count(e => e.Trigger is CaseTrigger.Escalate or CaseTrigger.Withdraw)).Should().Be((1, 0));
    }

    // ---- A reveal needs a reason ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"purpose": ""}""")]
    [InlineData("""{"purpose": "   \t "}""")]
    public async Task ARevealWithoutAPurpose_Is400_AndShowsAndAuditsNothing(string body)
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());
        var audited = (await app.AuditRowsAsync("case.reveal")).Count;

        var response = await client.PostJsonTextAsync($"/api/v1/cases/{id}/reveal", body);

        (await FirstErrorAsync(response, "purpose")).Should().Be("此项为必填项。");
        (await response.Content.ReadAsStringAsync()).Should().NotContain(IdNumber);
        (await app.AuditRowsAsync("case.reveal")).Should().HaveCount(audited);
    }

    [Fact]
    public async Task ARevealWithAPurpose_ShowsTheNumbers_AndAuditsThePurpose()
    {
        var client = await TownshipAsync();
        var id = await RegisterAsync(client, Dispute());

        var response = await client.PostJsonTextAsync($"/api/v1/cases/{id}/reveal", """{"purpose": "  电话联系劳动者  "}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain(IdNumber);
        (await app.AuditRowsAsync("case.reveal")).Should().Contain(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture) && r.Detail!.Contains("\"purpose\":\"电话联系劳动者\""));
    }

    // ---- Dates and names -------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-03-02T08:00:00")]
    [InlineData("2026-03-02T08:00")]
    [InlineData("2026-03-02")]
    public async Task Register_AReceiptTimeWithoutAnOffset_Is400NamingReceivedAt_NeverReadAsUtc(string receivedAt)
    {
        var client = await TownshipAsync();
        var dispute = Dispute();
        dispute["receivedAt"] = receivedAt;
        var before = await CountCasesAsync();

        var response = await PostAsync(client, "/api/v1/cases", dispute);

        (await FirstErrorAsync(response, "receivedAt")).Should().Contain("时区").And.Contain("+08:00");
        (await CountCasesAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Register_AReceiptTimeWithAnOffset_IsTakenAtThatInstant()
    {
        var client = await TownshipAsync();
        var dispute = Dispute();
        dispute["receivedAt"] = "2026-03-02T08:30:00+08:00";

        var id = await RegisterAsync(client, dispute);

        (await Queries.GetAsync(id, "/"))!.ReceivedAt.Should().Be(new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("""{"session": {"heldAt": "2026-03-01T10:00:00", "summary": "调解"}}""", "session.heldAt", "时区")]
    [InlineData("""{"session": {"heldAt": "1999-12-31T10:00:00+08:00", "summary": "调解"}}""", "session.heldAt", "2000-01-01")]
    public async Task ASessionAtAnImplausibleTime_Is400NamingHeldAt(string body, string field, string message)
    {
        var (client, id) = await InMediationAsync();

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/recordSession")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"2\"");
        var response = await client.SendAsync(request);

        (await FirstErrorAsync(response, field)).Should().Contain(message);
    }

    [Theory]
    [InlineData("1999-12-31")]
    [InlineData("2028-01-01")]
    public async Task AnAgreementDueBefore2000OrAfterNextYear_Is400NamingTheDate(string due)
    {
        var (client, id) = await InMediationAsync();

        var response = await ActAsync(client, id, "reachAgreement", new { agreement = new { amount = 100m, paymentDueDate = due, method = "现金" } }, 2);

        (await FirstErrorAsync(response, "agreement.paymentDueDate")).Should().Be("日期必须在 2000-01-01 到 2027-12-31 之间。");
    }

    [Theory]
    [InlineData("workers[0].name", "\u200B\u200B", "不能只由空白或不可见字符组成。")]
    [InlineData("workers[0].name", "\u3164", "不能只由空白或不可见字符组成。")]
    [InlineData("workers[0].name", "张\t三", "不能包含控制字符（如制表符、换行符或文字方向控制符）。")]
    [InlineData("workers[0].name", "张三\u0000", "不能包含控制字符（如制表符、换行符或文字方向控制符）。")]
    [InlineData("enterprise.name", "\u202E司公限有", "不能包含控制字符（如制表符、换行符或文字方向控制符）。")]
    [InlineData("enterprise.name", "\uFEFF\u2060", "不能只由空白或不可见字符组成。")]
    public async Task Register_ANameOfInvisibleOrControlCharacters_Is400NamingTheField(string field, string name, string message)
    {
        var client = await TownshipAsync();
        var dispute = Dispute();
        if (field == "enterprise.name")
        {
            dispute["enterprise"]!["name"] = name;
        }
        else
        {
            dispute["workers"]![0]!["name"] = name;
        }

        var response = await PostAsync(client, "/api/v1/cases", dispute);

        (await FirstErrorAsync(response, field)).Should().Be(message);
    }

    [Fact]
    public async Task Register_ANameWithAMiddleDotOrLatinLetters_IsTaken()
    {
        var client = await TownshipAsync();
        var dispute = Dispute();
        dispute["workers"]![0]!["name"] = "阿依古丽·买买提";

        var id = await RegisterAsync(client, dispute);

        (await Queries.GetAsync(id, "/"))!.Workers[0].Name.Should().Be("阿依古丽·买买提");
    }

    private async Task<long> CountCasesAsync()
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases");
    }
}
