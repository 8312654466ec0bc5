using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Notifications;

public sealed partial class NotificationTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A town of its own for each test, so no test sees another's unit notices.</summary>
    private async Task<long> NewTownAsync()
    {
        var orgs = app.Services.GetRequiredService<OrgStore>();
        return await app.Database.InTransactionAsync((c, t) => orgs.InsertUnitAsync(c, t, new NewOrgUnit(app.Org.County, UnitKind.Town, "测试镇" + Guid.NewGuid().ToString("N")[..6])));
    }

    private async Task<long> UserIdAsync(string username)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = @username", new { username });
    }

    private async Task<long> NoticeAsync(long unitId, long? userId, string kind, string text, int minutesAgo)
    {
        await using var connection = await app.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at) VALUES (@unitId, @userId, NULL, @kind, @text, @at); SELECT last_insert_rowid();",
            new { unitId, userId, kind, text, at = app.Clock.GetUtcNow().AddMinutes(-minutesAgo) });
    }

    private async Task<HttpClient> ClientAsync(string username)
    {
        var client = await app.SignInAsync(username);
        await client.UseCsrfTokenAsync();
        return client;
    }

    private static async Task<JsonElement> ListAsync(HttpClient client, string query = "") =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications" + query, Web);

    private static long[] Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Fact]
    public async Task List_HasMyNoticesAndMyUnits_NewestFirst_WithKindNames_AndNobodyElses()
    {
        var town = await NewTownAsync();
        var other = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Mediator, town);
        var colleague = await app.CreateUserAsync(Roles.Mediator, town);
        var toUnit = await NoticeAsync(town, null, "case_received", "AJ-2026-000001 待受理（第1级调解）", 50);
        var toMe = await NoticeAsync(town, await UserIdAsync(me), "reminder", "AJ-2026-000001 本级时限将至", 40);
        await NoticeAsync(town, await UserIdAsync(colleague), "reminder", "发给同事", 30);
        await NoticeAsync(other, null, "case_received", "别的镇", 20);
        var newest = await NoticeAsync(town, null, "red_alert", "AJ-2026-000002 红色预警", 10);

        var list = await ListAsync(await ClientAsync(me));

        Ids(list).Should().Equal(newest, toMe, toUnit);
        list.GetProperty("total").GetInt64().Should().Be(3);
        list.GetProperty("unread").GetInt64().Should().Be(3);
        var first = list.GetProperty("items")[0];
        first.GetProperty("kindName").GetString().Should().Be("红色预警");
        first.GetProperty("toMe").GetBoolean().Should().BeFalse();
        list.GetProperty("items")[1].GetProperty("toMe").GetBoolean().Should().BeTrue();
        Ids(await ListAsync(await ClientAsync(me), "?kind=reminder")).Should().Equal(toMe);
    }

    [Fact]
    public async Task MarkRead_IsThatUsersOwn_AUnitNoticeStaysUnreadForTheOthers_AndIsAudited()
    {
        var town = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Township, town);
        var colleague = await app.CreateUserAsync(Roles.Township, town);
        var notice = await NoticeAsync(town, null, "case_received", "待受理", 5);
        await NoticeAsync(town, null, "daily_digest", "今日待受理 1 件", 1);
        var client = await ClientAsync(me);

        var marked = await client.PostAsync($"/api/v1/notifications/{notice}/read", null);

        marked.StatusCode.Should().Be(HttpStatusCode.OK);
        (await marked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unread").GetInt64().Should().Be(1);
        var mine = await ListAsync(client);
        mine.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == notice).GetProperty("read").GetBoolean().Should().BeTrue();
        (await ListAsync(await ClientAsync(colleague))).GetProperty("unread").GetInt64().Should().Be(2, "a unit's notice is read per user");
        Ids(await ListAsync(client, "?unread=true")).Should().NotContain(notice);
        (await app.AuditRowsAsync("notification.read", me)).Should().ContainSingle().Which.EntityId.Should().Be(notice.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task MarkAllRead_MarksEveryNoticeOfMine_OnlyMine_WithOneAuditRecord()
    {
        var town = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Mediator, town);
        var colleague = await app.CreateUserAsync(Roles.Mediator, town);
        await NoticeAsync(town, null, "case_received", "一", 3);
        await NoticeAsync(town, await UserIdAsync(me), "reminder", "二", 2);
        await NoticeAsync(town, await UserIdAsync(colleague), "reminder", "三", 1);
        var client = await ClientAsync(me);

        var response = await client.PostAsync("/api/v1/notifications/read-all", null);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("marked").GetInt32().Should().Be(2);
        body.GetProperty("unread").GetInt64().Should().Be(0);
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/notifications/unread-count")).GetProperty("unread").GetInt64().Should().Be(0);
        (await ListAsync(await ClientAsync(colleague))).GetProperty("unread").GetInt64().Should().Be(2);
        (await app.AuditRowsAsync("notification.read_all", me)).Should().ContainSingle().Which.Detail.Should().Contain("\"marked\":2");
    }

    [Fact]
    public async Task ANoticeOfAnotherUnitOrUser_Is404_AndAPostWithoutTheCsrfHeaderIsRefused()
    {
        var town = await NewTownAsync();
        var other = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Mediator, town);
        var colleague = await app.CreateUserAsync(Roles.Mediator, town);
        var theirs = await NoticeAsync(other, null, "case_received", "别的镇", 2);
        var colleagues = await NoticeAsync(town, await UserIdAsync(colleague), "reminder", "同事的", 1);
        var mine = await NoticeAsync(town, null, "case_received", "本单位", 1);
        var client = await ClientAsync(me);
        var noCsrf = await app.SignInAsync(me);

        (await client.PostAsync($"/api/v1/notifications/{theirs}/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync($"/api/v1/notifications/{colleagues}/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync("/api/v1/notifications/999999/read", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await noCsrf.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noCsrf.PostAsync("/api/v1/notifications/read-all", null)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ListAsync(client)).GetProperty("unread").GetInt64().Should().Be(1, "the refused posts marked nothing");
        (await app.NewClient().GetAsync("/api/v1/notifications")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task List_IsPaged_AndABadPageSizeIs400WithTheFieldInChinese()
    {
        var town = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Mediator, town);
        for (var i = 0; i < 5; i++)
        {
            await NoticeAsync(town, null, "reminder", $"第{i}条", 10 - i);
        }

        var client = await ClientAsync(me);
        var page2 = await ListAsync(client, "?pageSize=2&page=2");
        var bad = await client.GetAsync("/api/v1/notifications?pageSize=0");

        page2.GetProperty("items").GetArrayLength().Should().Be(2);
        page2.GetProperty("total").GetInt64().Should().Be(5);
        page2.GetProperty("items")[0].GetProperty("text").GetString().Should().Be("第2条");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.ReadProblemAsync()).GetProperty("errors").GetProperty("pageSize")[0].GetString().Should().Be("必须在 1 到 100 之间。");
    }

    [Fact]
    public async Task EveryPage_ShowsTheBellWithMyUnreadCount_AndTheListPageMarksOneRead()
    {
        var town = await NewTownAsync();
        var me = await app.CreateUserAsync(Roles.Manager, town);
        var first = await NoticeAsync(town, null, "case_received", "AJ-2026-000009 待受理", 2);
        await NoticeAsync(town, null, "red_alert", "AJ-2026-000010 红色预警", 1);
        var client = await app.SignInAsync(me);

        PageClient.TextById(await client.PageAsync("/cases"), "bell-count").Should().Be("2");
        PageClient.TextById(await client.PageAsync("/dashboard"), "bell-count").Should().Be("2");
        var list = await client.PageAsync("/notifications");
        list.Should().Contain("AJ-2026-000009 待受理").And.Contain("红色预警");
        Regex.Matches(list, "class=\"notice unread\"").Should().HaveCount(2);

        var response = await client.SubmitAsync("/notifications", $"/notifications?handler=read&id={first}", []);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await client.PageAsync(response.Headers.Location!.ToString());
        PageClient.TextById(after, "bell-count").Should().Be("1");
        Regex.Matches(after, "class=\"notice unread\"").Should().HaveCount(1);
        var all = await client.SubmitAsync("/notifications", "/notifications?handler=readAll", []);
        all.StatusCode.Should().Be(HttpStatusCode.Redirect);
        PageClient.TextById(await client.PageAsync("/notifications"), "bell-count").Should().BeNull("nothing is unread");
    }
}
