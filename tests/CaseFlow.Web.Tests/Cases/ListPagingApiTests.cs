using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Cases;

/// <summary>
/// Keyset paging over HTTP (issue 17): <c>GET /api/v1/cases</c> and <c>GET /api/v1/audit</c> hand out a <c>next</c>
/// cursor; a cursor that is not one they wrote is a 400 naming <c>after</c> in the caller's language, and a cursor
/// never opens another jurisdiction's cases.
/// </summary>
public sealed class ListPagingApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private object Dispute(long unitId, int n) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = $"翻页测试企业{n}", unitId },
        workers = new[] { new { name = "李四", idNumber = "330523199001011238", phone = "13812345678", amountOwed = 5000.00m + n, monthsOwed = n % 2 == 0 ? 0.5m : 1.5m } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    private async Task<HttpClient> ClientAsync(string role, long unitId)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        return client;
    }

    private async Task<List<long>> RegisterAsync(HttpClient client, long unitId, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/cases", Dispute(unitId, i));
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
            app.Clock.Advance(TimeSpan.FromMinutes(11));
        }

        return ids;
    }

    private static async Task<(List<long> Ids, List<JsonElement> Pages)> WalkAsync(HttpClient client, string address)
    {
        var ids = new List<long>();
        var pages = new List<JsonElement>();
        string? next = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(next is null ? address : $"{address}&after={Uri.EscapeDataString(next)}");
            pages.Add(page);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && pages.Count < 50);

        return (ids, pages);
    }

    [Fact]
    public async Task Cases_NextCursorsWalkTheWholeList_OnceEach_WithAnExactTotal()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var mine = await RegisterAsync(township, app.Org.Village, 7);

        var (ids, pages) = await WalkAsync(township, "/api/v1/cases?pageSize=3");

        ids.Should().OnlyHaveUniqueItems().And.Contain(mine);
        pages.Should().HaveCountGreaterThan(2);
        pages.Should().OnlyContain(p => p.GetProperty("total").GetInt64() == ids.Count && !p.GetProperty("totalIsCapped").GetBoolean());
        pages.SkipLast(1).Should().OnlyContain(p => p.GetProperty("items").GetArrayLength() == 3);
        var byPage = new List<long>();
        for (var n = 1; n <= pages.Count; n++)
        {
            var page = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases?pageSize=3&page={n}");
            byPage.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        }

        byPage.Should().Equal(ids, "page numbers still work, in the same order");
    }

    [Theory]
    [InlineData("zh-CN", "翻页标记无效")]
    [InlineData("en", "Not a valid page cursor")]
    public async Task Cases_ATamperedCursor_Is400NamingAfter_InTheCallersLanguage(string language, string message)
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        await RegisterAsync(township, app.Org.Village, 3);
        township.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        var next = (await township.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=1")).GetProperty("next").GetString()!;

        foreach (var bad in new[] { next[..^1], next + "x", "MTIz", "k1.0.5.5", new string('A', 200) })
        {
            var response = await township.GetAsync($"/api/v1/cases?pageSize=1&after={Uri.EscapeDataString(bad)}");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, bad);
            var errors = (await response.ReadProblemAsync()).GetProperty("errors");
            errors.GetProperty("after")[0].GetString().Should().Contain(message);
        }

        var both = await township.GetAsync($"/api/v1/cases?page=2&after={Uri.EscapeDataString(next)}");
        both.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await both.ReadProblemAsync()).GetProperty("errors").TryGetProperty("after", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Cases_ACursorOfAnotherTown_ListsOnlyTheCallersOwnCases()
    {
        var townA = await ClientAsync(Roles.Township, app.Org.TownA);
        var casesOfA = await RegisterAsync(townA, app.Org.Village, 4);
        var cursorOfA = (await townA.GetFromJsonAsync<JsonElement>("/api/v1/cases?pageSize=1")).GetProperty("next").GetString()!;
        // Each client works while the other waits: the fake clock each registration advances would idle the other's session out.
        var townB = await ClientAsync(Roles.Township, app.Org.TownB);
        var casesOfB = await RegisterAsync(townB, app.Org.TownB, 2);

        var (ids, _) = await WalkAsync(townB, $"/api/v1/cases?pageSize=2&after={Uri.EscapeDataString(cursorOfA)}&open=true");

        ids.Should().NotIntersectWith(casesOfA);
        ids.Should().BeSubsetOf((await WalkAsync(townB, "/api/v1/cases?pageSize=50")).Ids);
        (await WalkAsync(townB, "/api/v1/cases?pageSize=50")).Ids.Should().Contain(casesOfB);
    }

    [Fact]
    public async Task Cases_ClosedOnes_AreLeftOutByDefault_AndListedWhenAskedFor()
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var ids = await RegisterAsync(township, app.Org.Village, 2);
        var etag = (await township.GetAsync($"/api/v1/cases/{ids[0]}")).Headers.ETag!;
        var withdraw = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{ids[0]}/actions/withdraw") { Content = JsonContent.Create(new { reason = "劳动者撤回申请" }) };
        withdraw.Headers.IfMatch.Add(etag);
        var withdrawn1 = await township.SendAsync(withdraw);
        withdrawn1.StatusCode.Should().Be(HttpStatusCode.OK, await withdrawn1.Content.ReadAsStringAsync());

        var open = (await WalkAsync(township, "/api/v1/cases?pageSize=50")).Ids;
        var withdrawn = (await WalkAsync(township, "/api/v1/cases?pageSize=50&state=withdrawn")).Ids;
        var all = (await WalkAsync(township, "/api/v1/cases?pageSize=50&open=false")).Ids;

        open.Should().Contain(ids[1]).And.NotContain(ids[0]);
        withdrawn.Should().Contain(ids[0]).And.NotContain(ids[1]);
        all.Should().Contain(ids);
    }

    [Fact]
    public async Task Audit_NextCursorsWalkNewestFirst_WithoutRepeats_WhileTheSearchesThemselvesAddRows()
    {
        var auditor = await app.SignInAsync(await app.CreateUserAsync(Roles.Auditor));
        var pages = new List<JsonElement>();
        string? next = null;
        do
        {
            // Each search is audited: with page numbers the new rows would push older ones onto the next page twice.
            var page = await auditor.GetFromJsonAsync<JsonElement>(next is null ? "/api/v1/audit?pageSize=3" : $"/api/v1/audit?pageSize=3&after={Uri.EscapeDataString(next)}");
            pages.Add(page);
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && pages.Count < 4);

        var rows = pages.SelectMany(p => p.GetProperty("items").EnumerateArray())
            .Select(i => (At: i.GetProperty("at").GetDateTimeOffset(), Id: i.GetProperty("id").GetInt64())).ToList();
        rows.Should().HaveCountGreaterThan(6);
        rows.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        rows.Should().Equal(rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id), "newest first, by id among equal instants");
        var tampered = await auditor.GetAsync("/api/v1/audit?after=bm90LWEtY3Vyc29y");
        tampered.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await tampered.ReadProblemAsync()).GetProperty("errors").TryGetProperty("after", out _).Should().BeTrue();
    }
}
