using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Cases;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Supervision;

/// <summary>
/// Supervision (督办) through the API: a manager opens it on a case of the county, the township handling the case
/// feeds back, the manager evaluates; the case's state never moves; wrong input is 400 naming the field in the
/// caller's language, a supervision's state 422, someone else's case 404 (audited), a role that may not 403.
/// </summary>
public sealed class SupervisionApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private static readonly string[] WageArrears = ["wageArrears"];

    private static int _n;

    private string Today(int plusDays = 0) =>
        ChinaTime.DateOf(app.Clock.GetUtcNow()).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpClient> ClientAsync(string role, long unitId, string? language = null)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    private async Task<long> CaseInTownAAsync(HttpClient township) =>
        await CasesThroughTheApi.RegisterAsync(township, new
        {
            channel = "walkIn",
            receivedAt = app.Clock.GetUtcNow().AddHours(-1),
            enterprise = new { name = $"督办示例厂{Interlocked.Increment(ref _n)}", unitId = app.Org.Village },
            workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 12000.00m, monthsOwed = 0.5m } },
            claimTypes = WageArrears,
            description = "拖欠工资",
        });

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task ManagerOpens_TownshipFeedsBack_ManagerClosesSatisfied_OnTheTimelineAndAudited_AndTheCaseStateNeverMoves()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var id = await CaseInTownAAsync(township);
        var before = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");

        var opened = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions",
            new { level = "key", requirement = "三日内约谈企业负责人并反馈", feedbackDueOn = Today(3) }), HttpStatusCode.Created);
        opened.GetProperty("status").GetString().Should().Be("open");
        opened.GetProperty("levelName").GetString().Should().Be("重点督办");
        var sid = opened.GetProperty("id").GetInt64();

        var inbox = await township.GetFromJsonAsync<JsonElement>("/api/v1/supervisions");
        inbox.EnumerateArray().Select(s => s.GetProperty("caseId").GetInt64()).Should().Contain(id, "the handling township sees it in its inbox");
        var townB = await ClientAsync(Roles.Township, app.Org.TownB);
        (await townB.GetFromJsonAsync<JsonElement>("/api/v1/supervisions")).EnumerateArray().Should().NotContain(s => s.GetProperty("caseId").GetInt64() == id);

        var fed = await JsonAsync(await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback",
            new { actionTaken = "已约谈企业负责人", progress = "企业承诺本周支付" }), HttpStatusCode.OK);
        fed.GetProperty("status").GetString().Should().Be("fedBack");
        await JsonAsync(await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback",
            new { actionTaken = "企业已支付一半", progress = "余款下周支付" }), HttpStatusCode.OK);

        var closed = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/evaluation",
            new { satisfied = true, comment = "处置及时" }), HttpStatusCode.OK);
        closed.GetProperty("status").GetString().Should().Be("closed");
        closed.GetProperty("satisfied").GetBoolean().Should().BeTrue();
        closed.GetProperty("feedbacks").GetArrayLength().Should().Be(2);

        var after = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        after.GetProperty("state").GetString().Should().Be(before.GetProperty("state").GetString());
        after.GetProperty("version").GetInt32().Should().Be(before.GetProperty("version").GetInt32());
        after.GetProperty("activities").EnumerateArray().Select(a => a.GetProperty("kind").GetString())
            .Should().Equal("supervision_open", "supervision_feedback", "supervision_feedback", "supervision_closed");
        var audited = (await app.AuditRowsAsync("supervision.open")).Concat(await app.AuditRowsAsync("supervision.feedback")).Concat(await app.AuditRowsAsync("supervision.close"))
            .Where(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture)).ToList();
        audited.Should().HaveCount(4);
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE case_id = @Id AND notice_kind = 'supervision_opened'", new { Id = id }))
            .Should().Be(1, "the handling unit is told when supervision opens, through the outbox");

        (await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback", new { actionTaken = "x", progress = "y" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "the manager evaluates; the handling unit feeds back");
        var again = await JsonAsync(await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback", new { actionTaken = "补充", progress = "无" }), HttpStatusCode.UnprocessableEntity);
        again.GetProperty("errorCodes").GetProperty("supervisionId")[0].GetString().Should().Be("supervision.closed");
    }

    [Fact]
    public async Task BadInput_Is400NamingTheFieldInTheCallersLanguage_AndStateRefusalsAre422()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County, "en");
        var id = await CaseInTownAAsync(township);

        var missing = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions", new { level = "urgent", requirement = new string('要', 1001), feedbackDueOn = Today(-1) }), HttpStatusCode.BadRequest);
        var errors = missing.GetProperty("errors");
        errors.GetProperty("level")[0].GetString().Should().Contain("normal, key");
        errors.GetProperty("requirement")[0].GetString().Should().Be("Must be at most 1000 characters long.");
        errors.GetProperty("feedbackDueOn")[0].GetString().Should().StartWith("The date must be between");
        var chinese = await ClientAsync(Roles.Manager, app.Org.County);
        var zh = await JsonAsync(await chinese.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions", new { level = "normal" }), HttpStatusCode.BadRequest);
        zh.GetProperty("errors").GetProperty("requirement")[0].GetString().Should().Be("此项为必填项。");
        zh.GetProperty("errors").GetProperty("feedbackDueOn")[0].GetString().Should().Be("此项为必填项。");

        (await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions", new { level = "normal", requirement = "越权", feedbackDueOn = Today(2) }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only a manager opens supervision");

        var sid = (await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions",
            new { level = "normal", requirement = "请反馈调解进度", feedbackDueOn = Today(2) }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var second = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions",
            new { level = "normal", requirement = "再次督办", feedbackDueOn = Today(2) }), HttpStatusCode.UnprocessableEntity);
        second.GetProperty("errors").GetProperty("caseId")[0].GetString().Should().Contain("already under supervision");

        var early = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/evaluation", new { satisfied = true }), HttpStatusCode.UnprocessableEntity);
        early.GetProperty("errorCodes").GetProperty("supervisionId")[0].GetString().Should().Be("supervision.no_feedback_yet");
        var emptyFeedback = await JsonAsync(await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback", new { actionTaken = " " }), HttpStatusCode.BadRequest);
        emptyFeedback.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["actionTaken", "progress"]);

        await JsonAsync(await township.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/feedback", new { actionTaken = "已调解一次", progress = "待企业答复" }), HttpStatusCode.OK);
        var noComment = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/evaluation", new { satisfied = false }), HttpStatusCode.BadRequest);
        noComment.GetProperty("errors").EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["comment", "newFeedbackDueOn"]);
        var back = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/evaluation",
            new { satisfied = false, comment = "未见实效，请继续跟进", newFeedbackDueOn = Today(5) }), HttpStatusCode.OK);
        back.GetProperty("status").GetString().Should().Be("open");
        back.GetProperty("round").GetInt32().Should().Be(2);
        back.GetProperty("feedbackDueOn").GetString().Should().Be(Today(5));
        (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("activities").EnumerateArray()
            .Select(a => a.GetProperty("kind").GetString()).Should().Contain("supervision_sent_back");
    }

    [Fact]
    public async Task AnotherCountysManager_GetsNotFound_Audited_AndTheCountyListKeepsToItsCounty()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var id = await CaseInTownAAsync(township);
        var opened = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions",
            new { level = "normal", requirement = "请反馈", feedbackDueOn = Today(1) }), HttpStatusCode.Created);
        var sid = opened.GetProperty("id").GetInt64();
        var handlingUnit = opened.GetProperty("unitId").GetInt64();

        var orgs = app.Services.GetRequiredService<OrgStore>();
        var otherCounty = await app.Database.InTransactionAsync((c, t) => orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, $"德清县{Interlocked.Increment(ref _n)}", null)));
        var outsider = await app.SignInAsync(await app.CreateUserAsync(Roles.Manager, otherCounty));
        await outsider.UseCsrfTokenAsync();

        (await outsider.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions", new { level = "normal", requirement = "越权", feedbackDueOn = Today(1) }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions/{sid}/evaluation", new { satisfied = true }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetAsync($"/api/v1/cases/{id}/supervisions")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await outsider.GetFromJsonAsync<JsonElement>("/api/v1/supervisions?status=all")).GetArrayLength().Should().Be(0);
        (await app.AuditRowsAsync(AccessDenials.NotVisibleAction)).Count(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture)).Should().BeGreaterThanOrEqualTo(3);

        var list = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/supervisions?status=open&unitId={handlingUnit}");
        list.EnumerateArray().Should().Contain(s => s.GetProperty("id").GetInt64() == sid);
        (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/supervisions?status=open&unitId={app.Org.TownB}")).GetArrayLength().Should().Be(0);
        (await manager.GetAsync("/api/v1/supervisions?status=late")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OverdueFeedback_IsListedAsOverdue_AndReminderJobWritesOneNoticePerDueDate()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var id = await CaseInTownAAsync(township);
        var sid = (await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/cases/{id}/supervisions",
            new { level = "normal", requirement = "今日反馈", feedbackDueOn = Today() }), HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var supervisions = app.Services.GetRequiredService<CaseFlow.Data.Supervision.SupervisionStore>();

        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/supervisions?status=overdue")).EnumerateArray().Should().NotContain(s => s.GetProperty("id").GetInt64() == sid);
        app.Clock.Advance(TimeSpan.FromDays(1));
        // A day later the session has timed out: the manager signs in again.
        manager = await ClientAsync(Roles.Manager, app.Org.County);
        var overdue = await manager.GetFromJsonAsync<JsonElement>("/api/v1/supervisions?status=overdue");
        overdue.EnumerateArray().Should().Contain(s => s.GetProperty("id").GetInt64() == sid && s.GetProperty("overdue").GetBoolean());

        await supervisions.RemindOverdueAsync();
        await supervisions.RemindOverdueAsync();
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox_messages WHERE case_id = @Id AND notice_kind = 'supervision_reminder'", new { Id = id }))
            .Should().Be(2, "one reminder to the township's unit and one to the manager's county, once");
    }
}
