using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.HealthChecks;

/// <summary>The test host with 安吉县's ladder, for registering the disputes a health check follows.</summary>
public sealed class HealthCheckApp : CaseFlowApp
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var orgs = Services.GetRequiredService<OrgStore>();
        await Database.InTransactionAsync((c, t) => orgs.SaveLadderAsync(c, t, Org.County, MediationLadder.Anji));
    }
}

/// <summary>Legal health checks (法律体检) and their follow-ups through /api/v1, and the register's no-recent-check flag.</summary>
public sealed class HealthCheckApiTests(HealthCheckApp app) : IClassFixture<HealthCheckApp>
{
    private static readonly string[] WageArrears = ["wageArrears"];

    private static int _enterprises;

    private async Task<HttpClient> ClientAsync(string role, long unitId, string? language = null, string? username = null)
    {
        var client = await app.SignInAsync(username ?? await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    /// <summary>A new employer at the village with <paramref name="disputes"/> disputes registered just now.</summary>
    private async Task<long> EnterpriseWithDisputesAsync(HttpClient township, int disputes)
    {
        var name = $"安吉体检测试竹木有限公司{Interlocked.Increment(ref _enterprises)}";
        long? id = null;
        for (var i = 0; i < disputes; i++)
        {
            var response = await township.PostAsJsonAsync("/api/v1/cases", new
            {
                channel = "walkIn",
                receivedAt = app.Clock.GetUtcNow().AddHours(-1),
                enterprise = id is { } known ? (object)new { id = known } : new { name, unitId = app.Org.Village },
                workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 6000.00m, monthsOwed = 0.5m } },
                claimTypes = WageArrears,
                description = "拖欠工资",
            });
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enterprise").GetProperty("id").GetInt64();
        }

        return id!.Value;
    }

    private object Check(string checkedOn, object[] findings, object[]? followUps = null) => new
    {
        checkedOn,
        performedByUnitId = app.Org.County,
        checkedBy = "张律师、李明",
        findings,
        note = "总体规范",
        followUps = followUps ?? [],
    };

    private static string Day(DateTimeOffset at, int days = 0) =>
        CaseFlow.Domain.ChinaTime.DateOf(at).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Record_WithAProblemAndAFollowUp_IsListedOnTheEnterprise_ClearsTheNoRecentCheckFlag_AndIsAudited()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var managerName = await app.CreateUserAsync(Roles.Manager, app.Org.County);
        var manager = await app.SignInAsync(managerName);
        await manager.UseCsrfTokenAsync();
        var enterprise = await EnterpriseWithDisputesAsync(township, 2);
        var before = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}");
        before.GetProperty("entry").GetProperty("alerts").GetString().Should().Contain("noRecentHealthCheck");

        var today = Day(app.Clock.GetUtcNow());
        var response = await manager.PostAsJsonAsync($"/api/v1/enterprises/{enterprise}/health-checks", Check(
            today,
            [
                new { item = "labour-contracts", ok = true, note = (string?)null },
                new { item = "wage-payments", ok = false, note = (string?)"工资台账缺三个月" },
            ],
            [new { item = "补建工资支付台账", dueOn = Day(app.Clock.GetUtcNow(), 30), responsibleUnitId = app.Org.TownA }]));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}/health-checks");
        var check = list.EnumerateArray().Should().ContainSingle().Subject;
        check.GetProperty("performedByUnitName").GetString().Should().Be("安吉县");
        check.GetProperty("findings").EnumerateArray().Select(f => (f.GetProperty("item").GetString(), f.GetProperty("ok").GetBoolean()))
            .Should().Equal(("labour-contracts", true), ("wage-payments", false));
        var followUp = check.GetProperty("followUps").EnumerateArray().Should().ContainSingle().Subject;
        followUp.GetProperty("responsibleUnitName").GetString().Should().Be("杭垓镇");

        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}");
        after.GetProperty("entry").GetProperty("figures").GetProperty("lastHealthCheck").GetString().Should().Be(today);
        after.GetProperty("entry").GetProperty("alerts").GetString().Should().NotContain("noRecentHealthCheck").And.Contain("repeatOffender");
        var audit = (await app.AuditRowsAsync("health_check.record", managerName)).Should().ContainSingle().Subject;
        audit.EntityId.Should().Be(check.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture));
        audit.Detail.Should().Contain("wage-payments");
    }

    [Fact]
    public async Task ACheckOlderThanTheWindow_LeavesTheEnterpriseFlagged()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var enterprise = await EnterpriseWithDisputesAsync(township, 2);

        // 12 months is the default window; a check 13 months ago is no longer recent, but still the last check.
        var old = Day(app.Clock.GetUtcNow(), -396);
        var stored = await app.Services.GetRequiredService<CaseFlow.Data.Enterprises.HealthCheckStore>().RecordAsync(
            new CaseFlow.Data.Enterprises.NewHealthCheck(enterprise, DateOnly.Parse(old, CultureInfo.InvariantCulture), app.Org.County, "张律师",
                [new CaseFlow.Domain.Enterprises.HealthFinding("labour-contracts", true, null)], null, []),
            "/", CaseFlow.Data.Audit.AuditActor.System);
        stored.Should().NotBeNull();

        var entry = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}")).GetProperty("entry");
        entry.GetProperty("figures").GetProperty("lastHealthCheck").GetString().Should().Be(old);
        entry.GetProperty("alerts").GetString().Should().Contain("noRecentHealthCheck");
    }

    [Fact]
    public async Task AnEnterpriseOfAnotherTown_Answers404ToReadAndRecord_AndEachRefusalIsAudited()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var enterprise = await EnterpriseWithDisputesAsync(township, 1);
        var otherName = await app.CreateUserAsync(Roles.Township, app.Org.TownB);
        var other = await app.SignInAsync(otherName);
        await other.UseCsrfTokenAsync();

        (await other.GetAsync($"/api/v1/enterprises/{enterprise}/health-checks")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var record = await other.PostAsJsonAsync($"/api/v1/enterprises/{enterprise}/health-checks",
            Check(Day(app.Clock.GetUtcNow()), [new { item = "labour-contracts", ok = true, note = (string?)null }]));
        record.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync("/api/v1/enterprises/999999/health-checks")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var refusals = await app.AuditRowsAsync("enterprise.not_visible", otherName);
        refusals.Select(r => r.EntityId).Should().Equal(
            enterprise.ToString(CultureInfo.InvariantCulture), enterprise.ToString(CultureInfo.InvariantCulture), "999999");
        (await township.GetAsync($"/api/v1/enterprises/{enterprise}/health-checks")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("zh", "发现问题时须写明问题情况。", "整改期限不能早于体检日期。")]
    [InlineData("en", "A problem needs a note saying what was found.", "The due date must not be before the check date.")]
    public async Task Record_WithAProblemWithoutANote_AndAFollowUpDueBeforeTheCheck_Answers400PerField_InTheCallersLanguage(string language, string noNote, string dueBefore)
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County, language);
        var enterprise = await EnterpriseWithDisputesAsync(township, 1);

        var response = await manager.PostAsJsonAsync($"/api/v1/enterprises/{enterprise}/health-checks", Check(
            Day(app.Clock.GetUtcNow(), -5),
            [new { item = "labour-contracts", ok = true, note = (string?)null }, new { item = "working-hours", ok = false, note = (string?)" " }],
            [new { item = "调整排班", dueOn = Day(app.Clock.GetUtcNow(), -6), responsibleUnitId = 999999L }]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        errors.GetProperty("findings[1].note")[0].GetString().Should().Be(noNote);
        errors.GetProperty("followUps[0].dueOn")[0].GetString().Should().Be(dueBefore);
        errors.TryGetProperty("followUps[0].responsibleUnitId", out _).Should().BeTrue("the unit does not exist");
        errors.TryGetProperty("findings[0].note", out _).Should().BeFalse();
        (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}/health-checks")).GetArrayLength().Should().Be(0, "nothing is half-written");
    }

    [Fact]
    public async Task AFollowUp_IsOverdueOnlyOnceItsDueDatePasses_AndOnceDoneLeavesTheList()
    {
        var townshipName = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var managerName = await app.CreateUserAsync(Roles.Manager, app.Org.County);
        var townBName = await app.CreateUserAsync(Roles.Township, app.Org.TownB);
        var township = await ClientAsync(Roles.Township, app.Org.TownA, username: townshipName);
        var manager = await ClientAsync(Roles.Manager, app.Org.County, username: managerName);
        var enterprise = await EnterpriseWithDisputesAsync(township, 1);
        var recorded = await manager.PostAsJsonAsync($"/api/v1/enterprises/{enterprise}/health-checks", Check(
            Day(app.Clock.GetUtcNow()),
            [new { item = "social-insurance", ok = false, note = (string?)"三人未参保" }],
            [new { item = "为三名劳动者补缴社会保险", dueOn = Day(app.Clock.GetUtcNow(), 2), responsibleUnitId = app.Org.Village }]));
        recorded.StatusCode.Should().Be(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var id = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("followUps")[0].GetProperty("id").GetInt64();

        async Task<IReadOnlyList<long>> OverdueAsync(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/health-check-followups?overdue=true")).EnumerateArray().Select(f => f.GetProperty("id").GetInt64())];

        (await OverdueAsync(manager)).Should().NotContain(id);
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/health-check-followups")).EnumerateArray().Select(f => f.GetProperty("id").GetInt64()).Should().Contain(id);

        // Days pass (sessions time out meanwhile, so everyone signs in again).
        app.Clock.Advance(TimeSpan.FromDays(2));
        manager = await ClientAsync(Roles.Manager, app.Org.County, username: managerName);
        (await OverdueAsync(manager)).Should().NotContain(id, "due today is not yet overdue");
        app.Clock.Advance(TimeSpan.FromDays(1));
        manager = await ClientAsync(Roles.Manager, app.Org.County, username: managerName);
        township = await ClientAsync(Roles.Township, app.Org.TownA, username: townshipName);
        var townB = await ClientAsync(Roles.Township, app.Org.TownB, username: townBName);
        (await OverdueAsync(manager)).Should().Contain(id);
        (await OverdueAsync(township)).Should().Contain(id, "the responsible village lies in the town");
        (await OverdueAsync(townB)).Should().NotContain(id);

        (await townB.PostAsJsonAsync($"/api/v1/health-check-followups/{id}/done", new { note = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.PostAsJsonAsync($"/api/v1/health-check-followups/{id}/done", new { note = "已补缴，见缴费凭证" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await manager.PostAsJsonAsync($"/api/v1/health-check-followups/{id}/done", new { note = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await OverdueAsync(manager)).Should().NotContain(id);
        var done = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{enterprise}/health-checks"))[0].GetProperty("followUps")[0];
        done.GetProperty("doneNote").GetString().Should().Be("已补缴，见缴费凭证");
        (await app.AuditRowsAsync("health_check_followup.done", managerName)).Should().ContainSingle().Which.EntityId.Should().Be(id.ToString(CultureInfo.InvariantCulture));
        (await app.AuditRowsAsync("enterprise.not_visible", townBName)).Should().Contain(r => r.Entity == "health_check_followup" && r.EntityId == id.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("zh", "该企业所在县（区）尚未配置三级调解体系")]
    [InlineData("en", "has no mediation ladder configured")]
    public async Task RegisteringACase_InACountyWithoutALadder_Answers422WithTheReason_NotA500(string language, string words)
    {
        var orgs = app.Services.GetRequiredService<OrgStore>();
        var (county, village) = await app.Database.InTransactionAsync(async (c, t) =>
        {
            var newCounty = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "无阶梯县" + language, "NL" + language.ToUpperInvariant()));
            var town = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(newCounty, UnitKind.Town, "某镇"));
            return (newCounty, await orgs.InsertUnitAsync(c, t, new NewOrgUnit(town, UnitKind.Village, "某村")));
        });
        var township = await ClientAsync(Roles.Manager, county, language);

        var response = await township.PostAsJsonAsync("/api/v1/cases", new
        {
            channel = "walkIn",
            receivedAt = app.Clock.GetUtcNow().AddHours(-1),
            enterprise = new { name = "无阶梯县某厂", unitId = village },
            workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 6000.00m, monthsOwed = 0.5m } },
            claimTypes = WageArrears,
        });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        var problem = await response.ReadProblemAsync();
        problem.GetProperty("errors").GetProperty("enterprise")[0].GetString().Should().Contain(words);
        problem.GetProperty("errorCodes").GetProperty("enterprise")[0].GetString().Should().Be("no_mediation_ladder");
    }
}
