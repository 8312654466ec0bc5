using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Demo;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Dashboard;

/// <summary>
/// Every figure of the dashboard, in the API and on the page, against the list its link opens: a count is the list's
/// total, an amount or a head count the sum over the listed cases. Walked on the demo data and on a synthetic county.
/// </summary>
public static partial class DashboardWalk
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Each API figure against the API list of its query; answers the figures by key.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonElement>> ApiFiguresMatchTheirListsAsync(HttpClient manager)
    {
        var dashboard = await manager.GetFromJsonAsync<JsonElement>("/api/v1/dashboard", Web);
        var figures = dashboard.GetProperty("figures").EnumerateArray().ToList();
        figures.Should().NotBeEmpty();
        figures.Select(f => f.GetProperty("key").GetString()).Should().OnlyHaveUniqueItems();
        var mismatches = new List<string>();
        foreach (var figure in figures)
        {
            var key = figure.GetProperty("key").GetString()!;
            var value = figure.GetProperty("value").GetDecimal();
            var measure = figure.GetProperty("measure").GetString();
            var (total, owed, recovered, workers) = await SumListAsync(manager, figure.GetProperty("apiLink").GetString()!);
            var listed = measure switch
            {
                "cases" => total,
                "amountOwed" => owed,
                "amountRecovered" => recovered,
                "workers" => workers,
                _ => throw new InvalidOperationException($"Unknown measure {measure} of {key}."),
            };
            if (listed != value)
            {
                mismatches.Add($"{key}: the dashboard shows {value}, its list gives {listed} ({measure}, {figure.GetProperty("apiLink").GetString()})");
            }
        }

        mismatches.Should().BeEmpty();

        // The figures the response states outright are the ones the walk checked.
        var byKey = figures.ToDictionary(f => f.GetProperty("key").GetString()!, f => f);
        byKey["open"].GetProperty("value").GetDecimal().Should().Be(dashboard.GetProperty("openCases").GetDecimal());
        byKey["overdue"].GetProperty("value").GetDecimal().Should().Be(dashboard.GetProperty("overdue").GetDecimal());
        byKey["dueWithin48Hours"].GetProperty("value").GetDecimal().Should().Be(dashboard.GetProperty("dueWithin48Hours").GetDecimal());
        byKey["amountRecovered"].GetProperty("value").GetDecimal().Should().Be(dashboard.GetProperty("amountRecovered").GetDecimal());
        byKey.Keys.Count(k => k.StartsWith("unit:", StringComparison.Ordinal)).Should().Be(6 * dashboard.GetProperty("byUnit").GetArrayLength());
        byKey.Keys.Count(k => k.StartsWith("week:", StringComparison.Ordinal)).Should().Be(2 * dashboard.GetProperty("weeks").GetArrayLength());
        return byKey;
    }

    /// <summary>Every linked figure of the page: its link is the API figure's, its number the API's, and its list the API's list.</summary>
    public static async Task PageFiguresMatchTheirListsAsync(HttpClient manager, IReadOnlyDictionary<string, JsonElement> api)
    {
        var html = await manager.PageAsync("/dashboard");
        var links = Figure().Matches(html).Select(m => (
            Key: WebUtility.HtmlDecode(m.Groups["key"].Value),
            Href: WebUtility.HtmlDecode(m.Groups["href"].Value),
            Text: WebUtility.HtmlDecode(Tags().Replace(m.Groups["text"].Value, "")).Trim())).ToList();

        links.Select(l => l.Key).Should().BeEquivalentTo(api.Keys, "the page links every figure the API lists, and no other");
        Regex.Matches(html, "<td class=\"num\">(?!<a )").Should().BeEmpty("every number in the tables is a link");
        var mismatches = new List<string>();
        foreach (var (key, href, text) in links)
        {
            var figure = api[key];
            href.Should().Be(figure.GetProperty("pageLink").GetString(), key);
            var value = figure.GetProperty("value").GetDecimal();
            var shown = decimal.Parse(text.Replace("¥", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
            shown.Should().Be(value, "the page shows {0} as the API does", key);

            var page = await manager.PageAsync(href);
            var total = long.Parse(Digits().Match(PageClient.TextById(page, "case-total")!).Value, CultureInfo.InvariantCulture);
            var (apiTotal, _, _, _) = await SumListAsync(manager, figure.GetProperty("apiLink").GetString()!);
            if (total != apiTotal || (figure.GetProperty("measure").GetString() == "cases" && total != value))
            {
                mismatches.Add($"{key}: the page shows {text}, its link {href} lists {total} (the API list {apiTotal})");
            }
        }

        mismatches.Should().BeEmpty();
    }

    private static async Task<(long Total, decimal Owed, decimal Recovered, long Workers)> SumListAsync(HttpClient client, string link)
    {
        long total = 0, workers = 0, seen = 0;
        decimal owed = 0, recovered = 0;
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"{link}&pageSize=200&page={page}", Web);
            total = list.GetProperty("total").GetInt64();
            var items = list.GetProperty("items").EnumerateArray().ToList();
            foreach (var item in items)
            {
                owed += item.GetProperty("amountOwed").GetDecimal();
                recovered += item.GetProperty("amountRecovered").GetDecimal();
                workers += item.GetProperty("workersInvolved").GetInt64();
            }

            seen += items.Count;
            if (items.Count == 0 || seen >= total)
            {
                return (total, owed, recovered, workers);
            }
        }
    }

    [GeneratedRegex("<a (?:class=\"kpi\" )?href=\"(?<href>[^\"]+)\" data-figure=\"(?<key>[^\"]+)\"[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("<span class=\"label\">.*?</span>|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}

public sealed class DashboardDrillDownOnDemoDataTests(DashboardDrillDownOnDemoDataTests.DemoApp app)
    : IClassFixture<DashboardDrillDownOnDemoDataTests.DemoApp>
{
    [Fact]
    public async Task EveryFigure_OfTheApiAndThePage_ListsExactlyTheCasesItCounts_OnTheDemoData()
    {
        var manager = await app.SignInAsync("demo-manager", DemoSeeder.Password);

        var figures = await DashboardWalk.ApiFiguresMatchTheirListsAsync(manager);
        await DashboardWalk.PageFiguresMatchTheirListsAsync(manager, figures);

        figures["open"].GetProperty("value").GetDecimal().Should().BeGreaterThan(0, "the demo has open cases");
        figures["level:none"].GetProperty("value").GetDecimal().Should().BeGreaterThan(0, "the demo has cases after mediation");
    }

    /// <summary>The host in Development: the demo seed, its 600 cases and its accounts.</summary>
    public sealed class DemoApp : CaseFlowApp
    {
        protected override string EnvironmentName => "Development";

        // No deadline sweep: it would move overdue cases on between reading a figure and reading its list.
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" };
    }
}

public sealed class DashboardDrillDownOnASyntheticCountyTests(DashboardDrillDownOnASyntheticCountyTests.SyntheticApp app)
    : IClassFixture<DashboardDrillDownOnASyntheticCountyTests.SyntheticApp>
{
    [Fact]
    public async Task EveryFigure_OfTheApiAndThePage_ListsExactlyTheCasesItCounts_OnASyntheticCounty()
    {
        var manager = await app.SignInAsync(app.Manager);

        var figures = await DashboardWalk.ApiFiguresMatchTheirListsAsync(manager);
        await DashboardWalk.PageFiguresMatchTheirListsAsync(manager, figures);

        figures["open"].GetProperty("value").GetDecimal().Should().BeGreaterThan(0);
        figures.Keys.Should().Contain(k => k.StartsWith("unit:", StringComparison.Ordinal));
    }

    /// <summary>A county from the synthetic generator (another seed than the demo's), its cases driven through the workflow.</summary>
    public sealed class SyntheticApp : CaseFlowApp
    {
        public string Manager { get; private set; } = "";

        // No deadline sweep: it would move overdue cases on between reading a figure and reading its list.
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?> { ["Scheduling:Enabled"] = "false" };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var generator = new SyntheticGenerator(new SyntheticOptions { Seed = 4_242, Counties = 1, EnterprisesPerCounty = 60 });
            var county = generator.Counties[0];
            var today = ChinaTime.DateOf(Clock.GetUtcNow());
            var writer = new SyntheticCountyWriter(Services.GetRequiredService<OrgStore>());
            var ids = await Database.InTransactionAsync((c, t) => writer.InsertAsync(c, t, generator, county, today));
            var countyId = ids.CountyId(county);
            var mediator = await CreateUserAsync(Roles.Mediator, countyId);
            long mediatorId;
            await using (var connection = await Database.OpenAsync())
            {
                mediatorId = await connection.ExecuteScalarAsync<long>("SELECT id FROM users WHERE username = @mediator", new { mediator });
            }

            var loader = new SyntheticCaseLoader(
                Database, Services.GetRequiredService<RiskGrader>(), Services.GetRequiredService<DeadlinePlanner>(), Clock);
            await loader.LoadAsync(
                new SeededCounty(county, ids.UnitIds, ids.EnterpriseIds, mediatorId),
                generator.Cases(county, 400, today.AddDays(-120), today, Services.GetRequiredService<RiskGrader>()));
            Manager = await CreateUserAsync(Roles.Manager, countyId);
        }
    }
}
