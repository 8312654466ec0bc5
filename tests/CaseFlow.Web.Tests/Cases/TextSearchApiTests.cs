using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Cases;

/// <summary>
/// <c>GET /api/v1/cases?text=…</c> served by indexes (issue 17): a text shorter than the minimum is a 400 naming
/// <c>text</c> in the caller's language; an enterprise is found by part of its name, a worker from the surname; the
/// results page by <c>next</c>; another town never sees them; a search too broad says so in <c>searchTooBroad</c>.
/// </summary>
public sealed class TextSearchApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private object Dispute(long unitId, string enterprise, string worker, int n) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = enterprise, unitId },
        workers = new[] { new { name = worker, idNumber = "330523199001011238", phone = "13812345678", amountOwed = 5000.00m + n, monthsOwed = n % 2 == 0 ? 0.5m : 1.5m } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    private async Task<HttpClient> ClientAsync(string role, long unitId)
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(role, unitId));
        await client.UseCsrfTokenAsync();
        return client;
    }

    private static async Task<long> RegisterAsync(HttpClient client, object dispute)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", dispute);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<(List<long> Ids, List<JsonElement> Pages)> WalkAsync(HttpClient client, string address)
    {
        var ids = new List<long>();
        var pages = new List<JsonElement>();
        string? next = null;
        do
        {
            var response = await client.GetAsync(next is null ? address : $"{address}&after={Uri.EscapeDataString(next)}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            pages.Add(page);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null && pages.Count < 50);

        return (ids, pages);
    }

    [Theory]
    [InlineData("zh-CN", "请至少输入 2 个字")]
    [InlineData("en", "Type at least 2 characters")]
    public async Task AOneCharacterSearch_Is400NamingText_InTheCallersLanguage(string language, string message)
    {
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        township.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);

        foreach (var text in new[] { "王", " 王 ", "A" })
        {
            var response = await township.GetAsync($"/api/v1/cases?text={Uri.EscapeDataString(text)}");

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, text);
            var problem = await response.ReadProblemAsync();
            problem.GetProperty("errors").GetProperty("text")[0].GetString().Should().Contain(message);
            problem.GetProperty("errorCodes").GetProperty("text")[0].GetString().Should().Be("search.text_too_short");
        }

        (await township.GetAsync("/api/v1/cases?text=%20%20")).StatusCode.Should().Be(HttpStatusCode.OK, "blank text is no search");
    }

    [Fact]
    public async Task AnEnterpriseByPartOfItsName_AndAWorkerFromTheSurname_PageByNext_AndStayInTheirTown()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        var atShop = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            atShop.Add(await RegisterAsync(township, Dispute(app.Org.Village, $"检索{tag}五金有限公司", "赵六", i)));
        }

        var byWorker = await RegisterAsync(township, Dispute(app.Org.Village, $"另一家{tag}企业", $"欧阳{tag}", 9));

        var (shop, pages) = await WalkAsync(township, $"/api/v1/cases?pageSize=2&text={Uri.EscapeDataString($"{tag}五金")}");
        var (worker, _) = await WalkAsync(township, $"/api/v1/cases?text={Uri.EscapeDataString($"欧阳{tag}")}");
        var (middle, _) = await WalkAsync(township, $"/api/v1/cases?text={Uri.EscapeDataString($"阳{tag}")}");
        var townB = await ClientAsync(Roles.Township, app.Org.TownB);
        var (elsewhere, _) = await WalkAsync(townB, $"/api/v1/cases?text={Uri.EscapeDataString($"{tag}五金")}");

        shop.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(atShop);
        pages.Should().HaveCount(3).And.OnlyContain(p => p.GetProperty("total").GetInt64() == 5 && !p.GetProperty("searchTooBroad").GetBoolean());
        worker.Should().Equal(byWorker);
        middle.Should().BeEmpty("a worker's name is matched from its start");
        elsewhere.Should().BeEmpty("town B sees none of town A's cases");
    }

    [Fact]
    public async Task ASearchMatchingMoreEnterprisesThanTheBound_SaysItIsTooBroad()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var township = await ClientAsync(Roles.Township, app.Org.TownA);
        for (var i = 0; i <= CaseQueries.DefaultTextEnterpriseLimit; i++)
        {
            await RegisterAsync(township, Dispute(app.Org.Village, $"宽泛{tag}第{i}号企业", "钱七", i));
        }

        var broad = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases?text={Uri.EscapeDataString($"宽泛{tag}")}");
        var narrow = await township.GetFromJsonAsync<JsonElement>($"/api/v1/cases?text={Uri.EscapeDataString($"宽泛{tag}第3号")}");

        broad.GetProperty("searchTooBroad").GetBoolean().Should().BeTrue();
        broad.GetProperty("items").GetArrayLength().Should().Be(CaseQueries.DefaultTextEnterpriseLimit, "the first enterprises' cases, one each");
        narrow.GetProperty("searchTooBroad").GetBoolean().Should().BeFalse();
        narrow.GetProperty("items").GetArrayLength().Should().Be(1);
    }
}
