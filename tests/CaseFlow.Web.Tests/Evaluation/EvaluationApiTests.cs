using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CaseFlow.Web.Tests.Evaluation;

/// <summary>Scorecards, the xlsx export, bonus review and the enterprise register through /api/v1.</summary>
public sealed class EvaluationApiTests(CaseFlow.Web.Tests.Cases.CaseApiApp app) : IClassFixture<CaseFlow.Web.Tests.Cases.CaseApiApp>
{
    private object Dispute(string creditCode) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = "安吉某竹木制品有限公司" + creditCode[^3..], creditCode, unitId = app.Org.Village },
        workers = new[] { new { name = "张三", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 12000.00m, monthsOwed = 0.5m } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    private async Task<HttpClient> ClientAsync(string role, long unitId)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        return client;
    }

    [Fact]
    public async Task Scorecards_ForTheCountyManager_ListEveryUnitBelowTheCounty_OutOfTheSchemeMaximum()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County);

        var ranking = await manager.GetFromJsonAsync<JsonElement>("/api/v1/scorecards?period=2026");

        ranking.GetProperty("maxPoints").GetDecimal().Should().Be(200m);
        ranking.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unitId").GetInt64())
            .Should().BeEquivalentTo([app.Org.TownA, app.Org.TownB, app.Org.Village, app.Org.Group]);
    }

    [Fact]
    public async Task Scorecards_WithABadPeriod_Answer400NamingTheField_InTheCallersLanguage()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        manager.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await manager.GetAsync("/api/v1/scorecards?period=2026-13&sort=colour");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.ReadProblemAsync()).GetProperty("errors");
        errors.GetProperty("period")[0].GetString().Should().Contain("quarter (2026-Q3)");
        errors.GetProperty("sort")[0].GetString().Should().StartWith("Unknown value");
    }

    [Fact]
    public async Task Scorecards_OfAUnitOutsideTheCallersArea_Answer404_AndATownshipMayNotRank()
    {
        var townManager = await ClientAsync(Roles.Manager, app.Org.TownA);
        var township = await ClientAsync(Roles.Township, app.Org.TownA);

        (await townManager.GetAsync($"/api/v1/scorecards/{app.Org.TownB}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await townManager.GetAsync($"/api/v1/scorecards/{app.Org.Village}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await township.GetAsync("/api/v1/scorecards")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Export_OpensAsXlsx_WithTheSameScoresAsTheApi()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var registered = await township.PostAsJsonAsync("/api/v1/cases", Dispute("91330523G58BRK2A69"));
        registered.StatusCode.Should().Be(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var ranking = await manager.GetFromJsonAsync<JsonElement>("/api/v1/scorecards?period=2026");

        var response = await manager.GetAsync("/api/v1/scorecards/export?period=2026&lang=zh");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.First(p => document.WorkbookPart.GetIdOfPart(p) == document.WorkbookPart.Workbook.Descendants<Sheet>().First().Id!.Value);
        var rows = sheet.Worksheet.Descendants<Row>().Skip(2).ToList();
        var sheetScores = rows.ToDictionary(r => Text(r.Elements<Cell>().ElementAt(1)), r => decimal.Parse(r.Elements<Cell>().ElementAt(3).CellValue!.Text, CultureInfo.InvariantCulture));
        var apiScores = ranking.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unitName").GetString()!, u => u.GetProperty("score").GetDecimal());
        sheetScores.Should().BeEquivalentTo(apiScores);
        apiScores.Values.Should().Contain(s => s > 20m, "the registered case scores for the units above it");
    }

    [Fact]
    public async Task BonusItem_DeclaredByATown_IsReviewedOnlyByTheCounty_ChangesTheScore_AndIsAudited()
    {
        var townUser = await app.CreateUserAsync(Roles.Township, app.Org.TownB);
        var town = await app.SignInAsync(townUser);
        await town.UseCsrfTokenAsync();
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var otherTown = await ClientAsync(Roles.Township, app.Org.TownA);
        var before = await ScoreOfAsync(manager, app.Org.TownB);

        var declared = await town.PostAsJsonAsync("/api/v1/bonus-items", new { year = 2026, kind = "provincial-recognition", title = "省级模范职工之家", attachmentRef = "浙工〔2026〕12号" });
        declared.StatusCode.Should().Be(HttpStatusCode.Created, await declared.Content.ReadAsStringAsync());
        var id = (await declared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        (await otherTown.PostAsJsonAsync($"/api/v1/bonus-items/{id}/review", new { accept = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var noReason = await manager.PostAsJsonAsync($"/api/v1/bonus-items/{id}/review", new { accept = false });
        (await noReason.ReadProblemAsync()).GetProperty("errors").GetProperty("reason")[0].GetString().Should().Be("不予认定时须填写理由。");
        (await manager.PostAsJsonAsync($"/api/v1/bonus-items/{id}/review", new { accept = true, reason = "材料齐全" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await manager.PostAsJsonAsync($"/api/v1/bonus-items/{id}/review", new { accept = true })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        (await ScoreOfAsync(manager, app.Org.TownB)).Should().Be(before + 3m);
        (await app.AuditRowsAsync("bonus_item.declare", townUser)).Should().ContainSingle().Which.EntityId.Should().Be(id.ToString(CultureInfo.InvariantCulture));
        (await app.AuditRowsAsync("bonus_item.accept")).Should().Contain(r => r.EntityId == id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task BonusItem_WithAnUnknownKind_Answers400()
    {
        var town = await ClientAsync(Roles.Township, app.Org.TownA);

        var response = await town.PostAsJsonAsync("/api/v1/bonus-items", new { year = 2026, kind = "gold-medal", title = "x" });

        (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("kind")[0].GetString().Should().StartWith("无效的取值");
    }

    [Fact]
    public async Task Enterprise_WithTwoDisputes_IsARepeatOffender_AndAnotherTownGets404()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var otherTown = await ClientAsync(Roles.Township, app.Org.TownB);
        var first = await (await township.PostAsJsonAsync("/api/v1/cases", Dispute("91330523FJPBRQN250"))).Content.ReadFromJsonAsync<JsonElement>();
        await township.PostAsJsonAsync("/api/v1/cases", Dispute("91330523FJPBRQN250"));
        var list = await manager.GetFromJsonAsync<JsonElement>("/api/v1/enterprises?alert=repeatOffender");
        var entry = list.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("creditCode").GetString() == "91330523FJPBRQN250");
        var id = entry.GetProperty("id").GetInt64();

        var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{id}");

        page.GetProperty("cases").GetArrayLength().Should().Be(2);
        page.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).Should().Contain(first.GetProperty("id").GetInt64());
        (await otherTown.GetAsync($"/api/v1/enterprises/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.GetAsync("/api/v1/enterprises?alert=nonsense")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<decimal> ScoreOfAsync(HttpClient manager, long unitId) =>
        (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{unitId}?period=2026")).GetProperty("score").GetDecimal();

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
}
