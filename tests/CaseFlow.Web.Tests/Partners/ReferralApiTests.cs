using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Cases;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Partners;

/// <summary>The steps of a referral through the API, shared by the referral tests.</summary>
internal sealed class ReferralWorld(CaseFlowApp app)
{
    private static int _n;

    public CaseFlowApp App { get; } = app;

    public async Task<long> OrgAsync(long county, string kind)
    {
        var partners = App.Services.GetRequiredService<PartnerStore>();
        var n = Interlocked.Increment(ref _n);
        return await App.Database.InTransactionAsync((c, t) => partners.InsertOrgAsync(c, t, new NewPartnerOrg(county, kind, $"{kind}-{n}")));
    }

    public async Task<(HttpClient Client, long UserId)> PartnerAsync(long county, long org)
    {
        var (username, id) = await PartnerUserAsync(county, org);
        return (await ClientAsync(username), id);
    }

    public async Task<(string Username, long UserId)> PartnerUserAsync(long county, long org)
    {
        var username = $"referral-partner-{Interlocked.Increment(ref _n)}";
        var hash = App.Services.GetRequiredService<Passwords>().Hash(CaseFlowApp.Password);
        var id = await App.Database.InTransactionAsync((c, t) => App.Services.GetRequiredService<UserStore>()
            .CreateAsync(c, t, new NewUser(username, "仲裁员甲", hash, county, [Roles.Partner]) { PartnerOrgId = org }));
        return (username, id);
    }

    /// <summary>A fresh session (a jump of the test clock outlives the last one) with its CSRF header.</summary>
    public async Task<HttpClient> ClientAsync(string username)
    {
        var client = await App.SignInAsync(username);
        await client.UseCsrfTokenAsync();
        return client;
    }

    /// <summary>A yellow case at the village, escalated through all three levels: mediation failed at town A.</summary>
    public async Task<long> FailedCaseAsync(HttpClient township)
    {
        var id = await CasesThroughTheApi.RegisterAsync(
            township, CasesThroughTheApi.Dispute(App.Clock.GetUtcNow(), App.Org.Village, ("李四", "330523199001011238", "13812345678", 8000m)));
        var commands = App.Services.GetRequiredService<CaseCommands>();
        for (var level = 1; level <= 3; level++)
        {
            await commands.ActAsync(id, null, CaseActor.System, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        }

        return id;
    }

    public static async Task<int> VersionAsync(HttpClient client, long id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("version").GetInt32();

    public static async Task<HttpResponseMessage> ReferAsync(HttpClient client, long id, object referral)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/actions/refer")
        {
            Content = JsonContent.Create(new { reason = "三级调解未达成协议", referral }),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{await VersionAsync(client, id)}\""));
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> AcknowledgeAsync(HttpClient client, long id, string? referenceNumber) =>
        client.PostAsJsonAsync($"/api/v1/cases/{id}/referral/acknowledge", new { referenceNumber });

    public static async Task<HttpResponseMessage> OutcomeAsync(HttpClient client, long id, string outcome, string? note, int? version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/referral/outcome") { Content = JsonContent.Create(new { outcome, note }) };
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v}\""));
        }

        return await client.SendAsync(request);
    }

    public async Task<IReadOnlyList<(string Kind, long UnitId, long? UserId)>> NoticesAsync(long caseId, string kind)
    {
        await using var connection = await App.Database.OpenAsync();
        return [.. await connection.QueryAsync<(string, long, long?)>(
            "SELECT kind, unit_id, user_id FROM notifications WHERE case_id = @CaseId AND kind = @Kind ORDER BY id", new { CaseId = caseId, Kind = kind })];
    }

    public async Task<long> OutboxAsync(long caseId, string kind)
    {
        await using var connection = await App.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM outbox_messages WHERE case_id = @CaseId AND notice_kind = @Kind", new { CaseId = caseId, Kind = kind });
    }
}

/// <summary>
/// A referral that closes its loop, through the API: addressed to the county's arbitration institute it shares the case
/// and starts the 5-day clock; the institute acknowledges (签收) with its reference and records its outcome, which
/// closes the case through CloseReferral; the referring township sees both on the timeline. Nobody else answers it.
/// </summary>
public sealed class ReferralApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private readonly ReferralWorld _world = new(app);

    [Fact]
    public async Task Refer_ToTheCountysArbitrationInstitute_SharesTheCase_TellsItsUsers_AndRunsTheFiveDayClock()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await _world.FailedCaseAsync(township);
        var (partner, partnerUser) = await _world.PartnerAsync(app.Org.County, arbitration);
        (await partner.GetAsync($"/api/v1/cases/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "not shared before the referral");

        var referred = await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration, handedOver = "调解笔录、欠薪清单、考勤表" });

        referred.StatusCode.Should().Be(HttpStatusCode.OK, await referred.Content.ReadAsStringAsync());
        var referral = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/referral");
        referral.GetProperty("partnerOrgId").GetInt64().Should().Be(arbitration);
        referral.GetProperty("onSystem").GetBoolean().Should().BeTrue();
        referral.GetProperty("handedOver").GetString().Should().Be("调解笔录、欠薪清单、考勤表");
        // Referred Mon 2 March 2026 (China time): day 5 is Saturday the 7th, so the acknowledgement is due by the end of Monday the 9th.
        referral.GetProperty("ackDueAt").GetDateTimeOffset().Should().Be(ChinaTime.EndOf(new DateOnly(2026, 3, 9)));
        referral.GetProperty("acknowledgedAt").ValueKind.Should().Be(JsonValueKind.Null);
        referral.GetProperty("outcomes").EnumerateArray().Select(o => o.GetProperty("name").GetString()).Should().Equal("仲裁受理", "不予受理", "仲裁调解", "仲裁裁决");
        (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("access").GetString().Should().Be("partner");
        var number = (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("number").GetString();
        (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases?text={Uri.EscapeDataString(number!)}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetInt64()).Should().Equal([id], "the partner finds the referred case by its number");
        (await _world.NoticesAsync(id, "partner_referral_received")).Should().ContainSingle().Which.UserId.Should().Be(partnerUser);
        (await _world.OutboxAsync(id, "partner_referral_received")).Should().Be(1, "a referral notice also leaves CaseFlow");
        (await app.AuditRowsAsync("case.referral_read")).Should().Contain(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture), "a partner's read is audited");
    }

    [Fact]
    public async Task Partner_AcknowledgesWithItsReference_ThenRecordsArbitralMediation_TheCaseCloses_AndTheTownshipSeesBothOnTheTimeline()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await _world.FailedCaseAsync(township);
        var (partner, _) = await _world.PartnerAsync(app.Org.County, arbitration);
        (await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration, handedOver = "调解笔录" })).EnsureSuccessStatusCode();

        var acknowledged = await ReferralWorld.AcknowledgeAsync(partner, id, "安劳人仲案字〔2026〕12号");

        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK, await acknowledged.Content.ReadAsStringAsync());
        var ack = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        ack.GetProperty("referenceNumber").GetString().Should().Be("安劳人仲案字〔2026〕12号");
        ack.GetProperty("acknowledgedBy").GetString().Should().Be("仲裁员甲");
        // Acknowledged on 2 March: the award is due within 45 days, by the end of Thursday 16 April.
        ack.GetProperty("outcomeDueAt").GetDateTimeOffset().Should().Be(ChinaTime.EndOf(new DateOnly(2026, 4, 16)));
        (await ReferralWorld.AcknowledgeAsync(partner, id, "重复签收")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var version = await ReferralWorld.VersionAsync(partner, id);
        var closed = await ReferralWorld.OutcomeAsync(partner, id, "arbitration_mediated", "双方在仲裁庭主持下达成调解", version);

        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var outcome = await closed.Content.ReadFromJsonAsync<JsonElement>();
        outcome.GetProperty("outcomeKind").GetString().Should().Be("arbitration_mediated");
        outcome.GetProperty("outcome").GetString().Should().Be("仲裁调解：双方在仲裁庭主持下达成调解");
        var seen = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}");
        seen.GetProperty("state").GetString().Should().Be("closed");
        var activities = seen.GetProperty("activities").EnumerateArray().ToList();
        activities.Should().Contain(a => a.GetProperty("kind").GetString() == "referral_ack" && a.GetProperty("text").GetString()!.Contains("安劳人仲案字〔2026〕12号"));
        activities.Should().Contain(a => a.GetProperty("kind").GetString() == "referral_outcome" && a.GetProperty("text").GetString()!.StartsWith("仲裁调解", StringComparison.Ordinal));
        var last = seen.GetProperty("events").EnumerateArray().Last();
        last.GetProperty("trigger").GetString().Should().Be("closeReferral");
        last.GetProperty("by").GetString().Should().Be("仲裁员甲", "the partner fired CloseReferral itself");
        var idText = id.ToString(CultureInfo.InvariantCulture);
        (await app.AuditRowsAsync("case.referral_acknowledged")).Should().Contain(r => r.EntityId == idText);
        (await app.AuditRowsAsync("case.referral_outcome")).Should().Contain(r => r.EntityId == idText);
        (await app.AuditRowsAsync("case.close_referral")).Should().Contain(r => r.EntityId == idText);
    }

    [Fact]
    public async Task AnotherOrganisation_IsRefused403_AnotherCountysPartner404_BothAudited_AndNothingChanges()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var court = await _world.OrgAsync(app.Org.County, PartnerKinds.Court);
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await _world.FailedCaseAsync(township);
        (await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration })).EnsureSuccessStatusCode();
        (await township.PostAsJsonAsync($"/api/v1/cases/{id}/shares", new { partnerOrgId = court, reason = "诉调对接，请法院了解" })).EnsureSuccessStatusCode();
        var (courtUser, _) = await _world.PartnerAsync(app.Org.County, court);
        var otherCounty = await OtherCountyAsync();
        var otherArbitration = await _world.OrgAsync(otherCounty, PartnerKinds.Arbitration);
        var (stranger, _) = await _world.PartnerAsync(otherCounty, otherArbitration);

        var byCourt = await ReferralWorld.AcknowledgeAsync(courtUser, id, "（2026）浙0523民初1号");
        var byStranger = await ReferralWorld.AcknowledgeAsync(stranger, id, "即劳人仲案字1号");
        var byTownship = await ReferralWorld.AcknowledgeAsync(township, id, "代为签收");

        byCourt.StatusCode.Should().Be(HttpStatusCode.Forbidden, "the case is shared with the court, but the referral is the institute's");
        byStranger.StatusCode.Should().Be(HttpStatusCode.NotFound);
        byTownship.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a referral on CaseFlow is acknowledged by its partner, not by hand");
        (await stranger.GetAsync($"/api/v1/cases/{id}/referral")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var idText = id.ToString(CultureInfo.InvariantCulture);
        (await app.AuditRowsAsync(AccessDenials.NotVisibleAction)).Should().Contain(r => r.EntityId == idText);
        (await app.AuditRowsAsync(AccessDenials.DeniedAction)).Count(r => r.EntityId!.Contains($"/cases/{idText}/referral", StringComparison.Ordinal)).Should().Be(2);
        (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/referral")).GetProperty("acknowledgedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task ABodyOutsideCaseFlow_HasItsReceiptAndOutcomeRecordedByTheReferringUnit()
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await _world.FailedCaseAsync(township);
        (await ReferralWorld.ReferAsync(township, id, new { body = "labour_inspection", bodyName = "外县劳动保障监察大队", handedOver = "欠薪清单" })).EnsureSuccessStatusCode();
        var inspection = await _world.OrgAsync(app.Org.County, PartnerKinds.LabourInspection);
        var (inspector, _) = await _world.PartnerAsync(app.Org.County, inspection);

        (await ReferralWorld.AcknowledgeAsync(inspector, id, "安监字1号")).StatusCode.Should().Be(HttpStatusCode.NotFound, "nothing was shared with a partner");
        var acknowledged = await ReferralWorld.AcknowledgeAsync(township, id, "外监字〔2026〕3号");
        acknowledged.StatusCode.Should().Be(HttpStatusCode.OK, await acknowledged.Content.ReadAsStringAsync());
        var referral = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        referral.GetProperty("onSystem").GetBoolean().Should().BeFalse();
        referral.GetProperty("receiver").GetString().Should().Be("外县劳动保障监察大队");
        // Referred Mon 2 March: 5 working days, Tue 3 to Mon 9 March.
        referral.GetProperty("ackDueAt").GetDateTimeOffset().Should().Be(ChinaTime.EndOf(new DateOnly(2026, 3, 9)));
        referral.GetProperty("outcomeDueAt").ValueKind.Should().Be(JsonValueKind.Null, "labour inspection's decision has no clock in the design");

        var wrongList = await ReferralWorld.OutcomeAsync(township, id, "arbitration_award", null, await ReferralWorld.VersionAsync(township, id));
        wrongList.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongList.Content.ReadAsStringAsync()).Should().Contain("outcome").And.Contain("inspection_order_to_pay");
        var closed = await ReferralWorld.OutcomeAsync(township, id, "inspection_order_to_pay", "已下达责令支付通知书", await ReferralWorld.VersionAsync(township, id));

        closed.StatusCode.Should().Be(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("state").GetString().Should().Be("closed");
    }

    [Fact]
    public async Task BadInput_IsNamedInTheCallersLanguage_NeverA500()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await _world.FailedCaseAsync(township);
        var otherCounty = await OtherCountyAsync();
        var foreign = await _world.OrgAsync(otherCounty, PartnerKinds.Arbitration);

        var wrongCounty = await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = foreign });
        wrongCounty.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await wrongCounty.Content.ReadAsStringAsync()).Should().Contain("referral.partnerOrgId");
        var wrongKind = await ReferralWorld.ReferAsync(township, id, new { body = "court", partnerOrgId = arbitration });
        wrongKind.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the organisation must be of the body's kind");
        var tooLong = await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration, handedOver = new string('材', 2001) });
        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).Should().Contain("referral.handedOver");

        (await ReferralWorld.ReferAsync(township, id, new { body = "arbitration", partnerOrgId = arbitration })).EnsureSuccessStatusCode();
        var (partner, _) = await _world.PartnerAsync(app.Org.County, arbitration);
        var noReference = await ReferralWorld.AcknowledgeAsync(partner, id, " ");
        noReference.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noReference.Content.ReadAsStringAsync()).Should().Contain("referenceNumber");
        var english = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{id}/referral/outcome") { Content = JsonContent.Create(new { outcome = "arbitration_award" }) };
        english.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{await ReferralWorld.VersionAsync(partner, id)}\""));
        english.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var early = await partner.SendAsync(english);
        early.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).Should().Contain("Acknowledge the referral before recording its outcome.");
        (await ReferralWorld.OutcomeAsync(partner, id, "arbitration_award", null, version: null)).StatusCode.Should().Be(HttpStatusCode.PreconditionRequired);
        (await ReferralWorld.AcknowledgeAsync(partner, id, "安劳人仲案字〔2026〕20号")).EnsureSuccessStatusCode();
        var stale = await ReferralWorld.OutcomeAsync(partner, id, "arbitration_award", null, version: 1);
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict, "the case moved on since version 1");
        (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("state").GetString().Should().Be("referred", "nothing was half-written");
    }

    [Fact]
    public async Task AUnitFollowingACaseReadOnly_IsRefused403ForANote_NotTold404()
    {
        var mediatorName = await app.CreateUserAsync(Roles.Mediator, app.Org.Village, "调解员乙");
        var mediatorId = (await app.Services.GetRequiredService<UserStore>().FindByUsernameAsync(mediatorName))!.Id;
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await CasesThroughTheApi.RegisterAsync(
            township, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("王五", "330523199001011238", "13812345678", 5000m)));
        var commands = app.Services.GetRequiredService<CaseCommands>();
        await commands.ActAsync(id, null, CaseActor.System, (c, _, ctx) => c.Accept(mediatorId, ctx));
        await commands.ActAsync(id, null, CaseActor.System, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        await commands.ActAsync(id, null, CaseActor.System, (c, r, ctx) => c.Escalate(r, ctx), "调解不成");
        var mediator = await app.SignInAsync(mediatorName);
        await mediator.UseCsrfTokenAsync();
        (await mediator.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("access").GetString().Should().Be("readOnly");

        var note = await mediator.PostAsJsonAsync($"/api/v1/cases/{id}/notes", new { text = "我已不再办理" });

        note.StatusCode.Should().Be(HttpStatusCode.Forbidden, await note.Content.ReadAsStringAsync());
        (await app.AuditRowsAsync(AccessDenials.DeniedAction, mediatorName)).Should().ContainSingle();
        (await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}")).GetProperty("activities").GetArrayLength().Should().Be(0);
    }

    private async Task<long> OtherCountyAsync()
    {
        var orgs = app.Services.GetRequiredService<OrgStore>();
        var n = Guid.NewGuid().ToString("N")[..4];
        return await app.Database.InTransactionAsync(async (c, t) =>
        {
            var county = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, $"即墨区{n}", $"J{n}"));
            await orgs.SaveLadderAsync(c, t, county, MediationLadder.Anji);
            return county;
        });
    }
}

/// <summary>
/// The overdue check on a clock of its own: a referral past its time is told once, however often the check runs. The
/// scheduler is off, so the test runs the check itself, at the instants it sets.
/// </summary>
public sealed class ReferralOverdueApp : LadderApp
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" };
}

public sealed class ReferralOverdueTests(ReferralOverdueApp app) : IClassFixture<ReferralOverdueApp>
{
    private readonly ReferralWorld _world = new(app);

    [Fact]
    public async Task AnUnacknowledgedReferral_PastItsFiveDays_IsToldOnceToTheUnitTheCountyAndThePartner_AndListedAsOverdue()
    {
        var arbitration = await _world.OrgAsync(app.Org.County, PartnerKinds.Arbitration);
        var townshipName = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var managerName = await app.CreateUserAsync(Roles.Manager, app.Org.County);
        var id = await _world.FailedCaseAsync(await _world.ClientAsync(townshipName));
        var (partnerName, partnerUser) = await _world.PartnerUserAsync(app.Org.County, arbitration);
        (await ReferralWorld.ReferAsync(await _world.ClientAsync(townshipName), id, new { body = "arbitration", partnerOrgId = arbitration })).EnsureSuccessStatusCode();
        var referrals = app.Services.GetRequiredService<ReferralStore>();

        // Due by the end of Monday 9 March (China time): on the last minute nothing is overdue yet.
        app.Clock.SetUtcNow(ChinaTime.EndOf(new DateOnly(2026, 3, 9)).AddMinutes(-1));
        (await referrals.TellOverdueAsync()).Should().Be(0);
        (await (await _world.ClientAsync(managerName)).GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue")).GetProperty("count").GetInt32().Should().Be(0);

        app.Clock.SetUtcNow(ChinaTime.EndOf(new DateOnly(2026, 3, 9)).AddMinutes(1));
        var first = await referrals.TellOverdueAsync();
        var second = await referrals.TellOverdueAsync();

        first.Should().Be(1);
        second.Should().Be(0, "each overdue clock is told once");
        var told = await _world.NoticesAsync(id, "partner_referral_overdue");
        told.Select(n => (n.UnitId, n.UserId)).Should().BeEquivalentTo(new (long, long?)[] { (app.Org.TownA, null), (app.Org.County, null), (app.Org.County, partnerUser) });
        (await _world.OutboxAsync(id, "partner_referral_overdue")).Should().Be(3);
        var manager = await _world.ClientAsync(managerName);
        var overdue = await manager.GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue");
        overdue.GetProperty("items").EnumerateArray().Should().ContainSingle(i => i.GetProperty("caseId").GetInt64() == id)
            .Which.GetProperty("overdue").GetString().Should().Be("acknowledgement");
        (await (await _world.ClientAsync(townshipName)).GetFromJsonAsync<JsonElement>($"/api/v1/cases/{id}/referral"))
            .GetProperty("acknowledgementOverdue").GetBoolean().Should().BeTrue();

        // Acknowledged late, the 45-day clock starts; past it, the outcome is told once too.
        (await ReferralWorld.AcknowledgeAsync(await _world.ClientAsync(partnerName), id, "安劳人仲案字〔2026〕30号")).EnsureSuccessStatusCode();
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue")).GetProperty("count").GetInt32().Should().Be(0);
        app.Clock.Advance(TimeSpan.FromDays(47));
        (await referrals.TellOverdueAsync()).Should().Be(1);
        (await referrals.TellOverdueAsync()).Should().Be(0);
        (await _world.NoticesAsync(id, "partner_referral_overdue")).Should().HaveCount(6);
        (await (await _world.ClientAsync(managerName)).GetFromJsonAsync<JsonElement>("/api/v1/referrals/overdue"))
            .GetProperty("items")[0].GetProperty("overdue").GetString().Should().Be("outcome");
    }
}
