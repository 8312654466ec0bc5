using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.HealthChecks;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Evaluation;

/// <summary>Editing the county's scoring scheme through /api/v1/scoring-schemes: new versions, earlier periods untouched, 422 per field.</summary>
public sealed class SchemeEditApiTests(HealthCheckApp app) : IClassFixture<HealthCheckApp>
{
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

    /// <summary>The default scheme as the API takes it, with acceptance-on-time moved from 30 to <paramref name="acceptance"/> points.</summary>
    private static object Scheme(string effectiveFrom, decimal acceptance, decimal resolved = 30m, decimal maxPoints = 200m)
    {
        var d = ScoringScheme.Default;
        return new
        {
            effectiveFrom,
            maxPoints,
            indicators = d.Indicators.Select(i => new
            {
                i.Code,
                Points = i.Code switch { "acceptance-on-time" => acceptance, "resolved-within-limits" => resolved, _ => i.Points },
                i.Floor,
                i.Target,
            }),
            bonusCap = d.BonusCap,
            bonuses = d.Bonuses,
            deductions = d.Deductions,
            starBands = d.StarBands,
        };
    }

    [Fact]
    public async Task Saving_AddsANewVersion_ThisYearIsScoredByIt_LastYearKeepsTheOldOne_AndItIsAudited()
    {
        var managerName = await app.CreateUserAsync(Roles.Manager, app.Org.County);
        var manager = await ClientAsync(Roles.Manager, app.Org.County, username: managerName);

        // 35 + 25 keeps the total at 200.
        var response = await manager.PostAsJsonAsync("/api/v1/scoring-schemes", Scheme("2026-01-01", acceptance: 35m, resolved: 25m));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var saved = await response.Content.ReadFromJsonAsync<JsonElement>();
        var version = saved.GetProperty("version").GetInt32();
        version.Should().BeGreaterThan(1);
        var versions = await manager.GetFromJsonAsync<JsonElement>("/api/v1/scoring-schemes");
        versions.EnumerateArray().Select(v => v.GetProperty("scheme").GetProperty("version").GetInt32()).Should().Contain([version]).And.BeInDescendingOrder();

        var thisYear = await manager.GetFromJsonAsync<JsonElement>("/api/v1/scorecards?period=2026");
        var lastYear = await manager.GetFromJsonAsync<JsonElement>("/api/v1/scorecards?period=2025");
        thisYear.GetProperty("schemeVersion").GetInt32().Should().Be(version);
        lastYear.GetProperty("schemeVersion").GetInt32().Should().Be(1);
        MaxOf(thisYear, "acceptance-on-time").Should().Be(35m);
        MaxOf(lastYear, "acceptance-on-time").Should().Be(30m);
        (await app.AuditRowsAsync("scoring_scheme.save", managerName)).Should().ContainSingle();
    }

    private static decimal MaxOf(JsonElement ranking, string code) =>
        ranking.GetProperty("units")[0].GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code).GetProperty("maxPoints").GetDecimal();

    [Theory]
    [InlineData("zh", "各指标分值与加分上限合计 205，应等于满分 200。")]
    [InlineData("en", "The indicators and the bonus cap add up to 205; they must add up to the maximum, 200.")]
    public async Task Saving_PointsThatDoNotAddUpToTheMaximum_Answers422OnMaxPoints_InTheCallersLanguage_AndSavesNothing(string language, string message)
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County, language);
        var before = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/scoring-schemes")).GetArrayLength();

        var response = await manager.PostAsJsonAsync("/api/v1/scoring-schemes", Scheme("2026-06-01", acceptance: 35m));

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await response.ReadProblemAsync();
        problem.GetProperty("errors").GetProperty("maxPoints")[0].GetString().Should().Be(message);
        problem.GetProperty("errorCodes").GetProperty("maxPoints")[0].GetString().Should().Be(SchemeMessages.PointsMustEqualMaximum);
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/scoring-schemes")).GetArrayLength().Should().Be(before);
    }

    [Fact]
    public async Task Saving_AVersionEffectiveInAnEarlierYear_IsRefused_SoLastYearsScoresStayAsComputed()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County, "en");

        var response = await manager.PostAsJsonAsync("/api/v1/scoring-schemes", Scheme("2025-07-01", acceptance: 30m));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadProblemAsync()).GetProperty("errors").GetProperty("effectiveFrom")[0].GetString().Should().Be("The date must be between 2026-01-01 and 2100-12-31.");
    }

    [Fact]
    public async Task Saving_AFloorAboveTheTarget_NamesThatIndicatorsTarget()
    {
        var manager = await ClientAsync(Roles.Manager, app.Org.County);
        var d = ScoringScheme.Default;
        var body = new
        {
            effectiveFrom = "2026-01-01",
            maxPoints = 200m,
            indicators = d.Indicators.Select(i => i.Code == "follow-up-satisfaction" ? i with { Floor = 0.95m, Target = 0.6m } : i),
            bonusCap = 10m,
            bonuses = d.Bonuses,
            deductions = d.Deductions,
            starBands = d.StarBands,
        };

        var response = await manager.PostAsJsonAsync("/api/v1/scoring-schemes", body);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var index = d.Indicators.ToList().FindIndex(i => i.Code == "follow-up-satisfaction").ToString(CultureInfo.InvariantCulture);
        (await response.ReadProblemAsync()).GetProperty("errors").GetProperty($"indicators[{index}].target")[0].GetString().Should().Be("该指标越高越好，满分值须高于起评值。");
    }

    [Fact]
    public async Task ATownship_MayNotEditTheScheme()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);

        (await township.PostAsJsonAsync("/api/v1/scoring-schemes", Scheme("2026-01-01", acceptance: 30m))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
