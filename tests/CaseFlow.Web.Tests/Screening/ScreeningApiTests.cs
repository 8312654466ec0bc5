using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Screening;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Screening;

/// <summary>
/// The test county with a second village in town A, and another county: enterprises to screen in each village.
/// </summary>
public sealed class ScreeningApp : CaseFlowApp
{
    public long Village2 { get; private set; }

    public long OtherCounty { get; private set; }

    public long OtherVillage { get; private set; }

    /// <summary>Two enterprises in the village, one in village 2, one in the other county.</summary>
    public (long A, long B, long InVillage2, long Elsewhere) Enterprises { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var orgs = Services.GetRequiredService<OrgStore>();
        await Database.InTransactionAsync(async (c, t) =>
        {
            await orgs.SaveLadderAsync(c, t, Org.County, MediationLadder.Anji);
            Village2 = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(Org.TownA, UnitKind.Village, "大溪村"));
            OtherCounty = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(null, UnitKind.County, "长兴县", "CX"));
            var otherTown = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(OtherCounty, UnitKind.Town, "泗安镇"));
            OtherVillage = await orgs.InsertUnitAsync(c, t, new NewOrgUnit(otherTown, UnitKind.Village, "二界岭村"));
            await orgs.SaveLadderAsync(c, t, OtherCounty, MediationLadder.Anji);
            Enterprises = (
                await orgs.InsertEnterpriseAsync(c, t, new NewEnterprise("安吉吴村竹制品厂", null, null, Org.Village)),
                await orgs.InsertEnterpriseAsync(c, t, new NewEnterprise("安吉吴村茶叶合作社", null, null, Org.Village)),
                await orgs.InsertEnterpriseAsync(c, t, new NewEnterprise("安吉大溪椅业有限公司", null, null, Village2)),
                await orgs.InsertEnterpriseAsync(c, t, new NewEnterprise("长兴泗安纺织厂", null, null, OtherVillage)));
        });
    }
}

/// <summary>Grid screening through /api/v1/screening: rounds, records, reports level by level, jurisdiction, the watch list and a case opened from a record.</summary>
public sealed class ScreeningApiTests(ScreeningApp app) : IClassFixture<ScreeningApp>
{
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

    private async Task<long> OpenRoundAsync(string period)
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var response = await manager.PostAsJsonAsync("/api/v1/screening/rounds", new { period });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static object Arrears(decimal months = 1.5m, int workers = 8, decimal amount = 36_000m) =>
        new { status = "inArrears", monthsOwed = months, workersOwed = workers, amountOwed = amount, note = "工人反映" };

    [Fact]
    public async Task OpenRound_OnceAMonth_ASecondTimeIs409_AndABadPeriodNamesTheField_InEnglishAndChinese()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County, "en");
        var zh = await ClientAsync(Roles.Manager, app.Org.County);
        var township = await ClientAsync(Roles.Township, app.Org.TownA);

        (await manager.PostAsJsonAsync("/api/v1/screening/rounds", new { period = "2025-11" })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await manager.PostAsJsonAsync("/api/v1/screening/rounds", new { period = "2025-11" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        var future = await manager.PostAsJsonAsync("/api/v1/screening/rounds", new { period = "2026-04" });
        var malformed = await zh.PostAsJsonAsync("/api/v1/screening/rounds", new { period = "2026-13" });
        var byTownship = await township.PostAsJsonAsync("/api/v1/screening/rounds", new { period = "2025-10" });

        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await future.ReadProblemAsync()).GetProperty("errors").GetProperty("period")[0].GetString().Should().Be("A screening round is a month (e.g. 2026-12) from 2025-01 to 2026-03.");
        (await malformed.ReadProblemAsync()).GetProperty("errors").GetProperty("period")[0].GetString().Should().StartWith("摸排期次应为月份");
        byTownship.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await app.AuditRowsAsync("screening_round.open")).Should().Contain(r => r.Detail!.Contains("\"2025-11\""));
    }

    [Fact]
    public async Task AGrid_RecordsItsEnterprises_AndReports_TheTownSeesItAndTheMissingGrid_ThenReportsToTheCountyWithANote()
    {
        var round = await OpenRoundAsync("2026-01");
        var grid = await ClientAsync(Roles.Mediator, app.Org.Village);
        var town = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var (a, b, _, _) = app.Enterprises;

        var saved = await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{a}", Arrears());
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var record = await saved.Content.ReadFromJsonAsync<JsonElement>();
        record.GetProperty("status").GetString().Should().Be("inArrears");
        record.GetProperty("color").GetString().Should().Be("orange");
        record.GetProperty("rules")[0].GetProperty("code").GetString().Should().Be("orange.arrears-months");

        // One enterprise still unscreened: reporting needs a note.
        var early = await grid.PostAsJsonAsync($"/api/v1/screening/rounds/{round}/report", new { });
        early.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await early.ReadProblemAsync()).GetProperty("errors").GetProperty("note")[0].GetString().Should().StartWith("还有 1 项未完成");

        (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{b}", new { status = "normal" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await grid.PostAsJsonAsync($"/api/v1/screening/rounds/{round}/report", new { })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await grid.PostAsJsonAsync($"/api/v1/screening/rounds/{round}/report", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{b}", new { status = "late" })).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "a grid's records are final once it reported");

        var seenByTown = await town.GetFromJsonAsync<JsonElement>($"/api/v1/screening/rounds/{round}");
        var below = seenByTown.GetProperty("below").EnumerateArray().ToDictionary(u => u.GetProperty("unitId").GetInt64());
        below.Keys.Should().BeEquivalentTo([app.Org.Village, app.Village2]);
        below[app.Org.Village].GetProperty("report").ValueKind.Should().Be(JsonValueKind.Object);
        below[app.Org.Village].GetProperty("screened").GetInt32().Should().Be(2);
        below[app.Org.Village].GetProperty("atRisk").GetInt32().Should().Be(1);
        below[app.Village2].GetProperty("report").ValueKind.Should().Be(JsonValueKind.Null);
        seenByTown.GetProperty("missing").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt64()).Should().Equal(app.Village2);
        seenByTown.GetProperty("atRisk").EnumerateArray().Select(r => r.GetProperty("enterpriseId").GetInt64()).Should().Equal(a);

        var withoutNote = await town.PostAsJsonAsync($"/api/v1/screening/rounds/{round}/report", new { note = " " });
        (await withoutNote.ReadProblemAsync()).GetProperty("errors").GetProperty("note")[0].GetString().Should().StartWith("还有 1 项未完成");
        (await town.PostAsJsonAsync($"/api/v1/screening/rounds/{round}/report", new { note = "大溪村网格员病假，下周补报" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var seenByCounty = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/screening/rounds/{round}");
        seenByCounty.GetProperty("below").EnumerateArray().Select(u => (u.GetProperty("unitId").GetInt64(), u.GetProperty("report").ValueKind != JsonValueKind.Null, u.GetProperty("gridsReported").GetInt32(), u.GetProperty("grids").GetInt32()))
            .Should().BeEquivalentTo([(app.Org.TownA, true, 1, 2), (app.Org.TownB, false, 0, 0)]);
        var summary = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/screening/rounds")).EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == round);
        (summary.GetProperty("townsReported").GetInt32(), summary.GetProperty("gridsReported").GetInt32(), summary.GetProperty("records").GetInt32(), summary.GetProperty("atRisk").GetInt32())
            .Should().Be((1, 1, 2, 1));
        (await app.AuditRowsAsync("screening.report")).Should().Contain(r => r.Detail!.Contains("大溪村网格员病假"));
    }

    [Fact]
    public async Task Records_WithMissingOrStrayFigures_OrFromATown_Answer400NamingTheField()
    {
        var round = await OpenRoundAsync("2026-02");
        var grid = await ClientAsync(Roles.Mediator, app.Org.Village, "en");
        var town = await ClientAsync(Roles.Township, app.Org.TownA, "en");
        var a = app.Enterprises.A;

        var noFigures = await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{a}", new { status = "inArrears", monthsOwed = 2m });
        var stray = await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{a}", new { status = "normal", amountOwed = 100m });
        var unknown = await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{a}", new { status = "bankrupt" });
        var byTown = await town.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{a}", Arrears());

        var errors = (await noFigures.ReadProblemAsync()).GetProperty("errors");
        errors.GetProperty("workersOwed")[0].GetString().Should().Be("Arrears need the months, workers and amount owed.");
        errors.GetProperty("amountOwed")[0].GetString().Should().Be("Arrears need the months, workers and amount owed.");
        errors.TryGetProperty("monthsOwed", out _).Should().BeFalse();
        (await stray.ReadProblemAsync()).GetProperty("errors").GetProperty("amountOwed")[0].GetString().Should().StartWith("Normal or late payment takes no");
        (await unknown.ReadProblemAsync()).GetProperty("errors").GetProperty("status")[0].GetString().Should().Contain("inArrears");
        (await byTown.ReadProblemAsync()).GetProperty("errors").GetProperty("unit")[0].GetString().Should().Be("Only a village or community grid records screening.");
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM screening_records WHERE round_id = @Round", new { Round = round })).Should().Be(0);
    }

    [Fact]
    public async Task AnotherCountysRound_AndAnEnterpriseOutsideTheGrid_Answer404_AndAreAudited()
    {
        var round = await OpenRoundAsync("2025-12");
        var elsewhereManager = await app.CreateUserAsync(Roles.Manager, app.OtherCounty);
        var other = await app.SignInAsync(elsewhereManager);
        await other.UseCsrfTokenAsync();
        var grid = await ClientAsync(Roles.Mediator, app.Org.Village);
        var otherGridUser = await app.CreateUserAsync(Roles.Mediator, app.Village2);
        var otherGrid = await app.SignInAsync(otherGridUser);
        await otherGrid.UseCsrfTokenAsync();

        (await other.GetAsync($"/api/v1/screening/rounds/{round}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetFromJsonAsync<JsonElement>("/api/v1/screening/rounds")).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).Should().NotContain(round);
        (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{app.Enterprises.InVillage2}", Arrears())).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{app.Enterprises.Elsewhere}", Arrears())).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var saved = await (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{app.Enterprises.A}", Arrears())).Content.ReadFromJsonAsync<JsonElement>();
        var recordId = saved.GetProperty("id").GetInt64();
        (await otherGrid.GetAsync($"/api/v1/screening/records/{recordId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherGrid.PostAsJsonAsync($"/api/v1/screening/records/{recordId}/case", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await app.AuditRowsAsync(Web.Screening.ScreeningEndpoints.NotVisibleAction, elsewhereManager)).Should().ContainSingle(r => r.Entity == "screening_round" && r.EntityId == round.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await app.AuditRowsAsync(Web.Screening.ScreeningEndpoints.NotVisibleAction, otherGridUser)).Select(r => r.Entity).Should().Equal("screening_record", "screening_record");
        (await app.AuditRowsAsync(Web.Screening.ScreeningEndpoints.NotVisibleAction)).Should().Contain(r => r.Detail!.Contains($"\"enterpriseId\":{app.Enterprises.Elsewhere}"));
    }

    [Fact]
    public async Task AnEnterpriseScreenedInArrears_IsOnTheWatchListOrangeWithNoCase_AndACaseOpenedFromTheRecord_LinksBothWays()
    {
        var round = await OpenRoundAsync("2025-09");
        var grid = await ClientAsync(Roles.Mediator, app.Org.Village);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var b = app.Enterprises.B;
        var saved = await (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{b}", Arrears(months: 2.5m, workers: 12, amount: 90_000m))).Content.ReadFromJsonAsync<JsonElement>();
        var recordId = saved.GetProperty("id").GetInt64();
        saved.GetProperty("color").GetString().Should().Be("red", "2.5 months is over two");

        var watch = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?alert=screenedAtRisk")).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("id").GetInt64() == b);
        watch.GetProperty("color").GetString().Should().Be("red");
        watch.GetProperty("figures").GetProperty("disputes").GetInt32().Should().Be(0);
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/screening/at-risk")).EnumerateArray().Select(r => r.GetProperty("enterpriseId").GetInt64()).Should().Contain(b);

        var badWorker = await grid.PostAsJsonAsync($"/api/v1/screening/records/{recordId}/case", new { workers = new[] { new { name = "李四", idType = "none", amountOwed = 7500m, monthsOwed = 2.5m } } });
        badWorker.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badWorker.ReadProblemAsync()).GetProperty("errors").GetProperty("workers[0].phone")[0].GetString().Should().Be("此项为必填项。");

        var opened = await grid.PostAsJsonAsync($"/api/v1/screening/records/{recordId}/case", new
        {
            workers = new[] { new { name = "李四", idType = "none", phone = "13812345678", amountOwed = 7500m, monthsOwed = 2.5m } },
        });
        opened.StatusCode.Should().Be(HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetInt64();
        (await grid.PostAsJsonAsync($"/api/v1/screening/records/{recordId}/case", new
        {
            workers = new[] { new { name = "王五", idType = "none", phone = "13812345679", amountOwed = 7500m, monthsOwed = 2.5m } },
        })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var record = await grid.GetFromJsonAsync<JsonElement>($"/api/v1/screening/records/{recordId}");
        record.GetProperty("caseId").GetInt64().Should().Be(caseId);
        var c = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}");
        c.GetProperty("channel").GetString().Should().Be("gridScreening");
        c.GetProperty("totals").GetProperty("workers").GetInt32().Should().Be(12);
        c.GetProperty("enterprise").GetProperty("id").GetInt64().Should().Be(b);
        c.GetProperty("riskColor").GetString().Should().Be("red");
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/screening/at-risk")).EnumerateArray().Select(r => r.GetProperty("enterpriseId").GetInt64()).Should().NotContain(b);
        (await app.AuditRowsAsync("screening_record.open_case")).Should().Contain(r => r.EntityId == recordId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases WHERE enterprise_id = @B", new { B = b })).Should().Be(1, "the refused second case rolled back whole");
    }

    [Fact]
    public async Task TheMonthlyOpening_OpensTheRoundInEveryCountyWithoutOne_AndASecondRunOpensNothing()
    {
        var store = app.Services.GetRequiredService<ScreeningStore>();
        await OpenRoundAsync("2025-07");

        var first = await store.OpenRoundsForEveryCountyAsync("2025-07", Data.Audit.AuditActor.System);
        var second = await store.OpenRoundsForEveryCountyAsync("2025-07", Data.Audit.AuditActor.System);

        (first, second).Should().Be((1, 0), "the test county opened its own; only the other county's is new");
        (await store.RoundsAsync(app.OtherCounty)).Select(r => r.Period).Should().Contain("2025-07");
        (await app.AuditRowsAsync("screening_round.open", "system")).Should().ContainSingle(r => r.Detail!.Contains("\"2025-07\""));
    }

    [Fact]
    public async Task TheStore_ProgressOfAGrid_ListsItsEnterprisesWithTheirRecords()
    {
        var round = await OpenRoundAsync("2025-08");
        var grid = await ClientAsync(Roles.Mediator, app.Org.Village);
        (await grid.PutAsJsonAsync($"/api/v1/screening/rounds/{round}/records/{app.Enterprises.A}", new { status = "stoppedProduction", note = "已停产两周" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var store = app.Services.GetRequiredService<ScreeningStore>();
        var village = (await app.Services.GetRequiredService<OrgStore>().GetUnitAsync(app.Org.Village))!;

        var progress = (await store.ProgressAsync(round, village, app.Org.County))!;

        progress.Enterprises.Select(e => (e.Id, e.Record?.Status)).Should().BeEquivalentTo(new (long, Domain.Screening.WageStatus?)[]
        {
            (app.Enterprises.A, Domain.Screening.WageStatus.StoppedProduction), (app.Enterprises.B, null),
        });
        progress.AtRisk.Single().Color.Should().Be(Domain.Cases.RiskColor.Red);
        (await store.ProgressAsync(round, village, app.OtherCounty)).Should().BeNull("a round is seen only from its own county");
    }
}
