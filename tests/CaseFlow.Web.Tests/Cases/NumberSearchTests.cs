using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using CaseFlow.Web.Tests.Pages;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Cases;

public sealed class NumberSearchTests(LadderApp app) : IClassFixture<LadderApp>
{
    private const string IdNumber = "11010519491231002X";
    private const string Phone = "13912345670";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private async Task<long> RegisterAsync(HttpClient township, string idNumber = IdNumber, string phone = Phone) =>
        await CasesThroughTheApi.RegisterAsync(township, CasesThroughTheApi.Dispute(app.Clock.GetUtcNow(), app.Org.Village, ("王五", idNumber, phone, 8000m)));

    private static async Task<JsonElement> SearchAsync(HttpClient client, string number)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases/search", new { number });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(Web);
    }

    private static long[] Ids(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("110105 19491231 002x")]
    [InlineData("110105-19491231-002X")]
    [InlineData("139 1234 5670")]
    [InlineData("139-1234-5670")]
    [InlineData("+86 139 1234 5670")]
    public async Task AWholeIdOrPhoneNumber_AsTyped_FindsTheCase(string typed)
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await RegisterAsync(township);

        Ids(await SearchAsync(township, typed)).Should().Contain(id);
    }

    [Fact]
    public async Task APartOfTheNumber_OrAnotherTownsCase_IsNotFound_AndBadInputIs400InChinese()
    {
        var townA = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var townB = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownB);
        var id = await RegisterAsync(townA, "330523199001011238", "13700001111");

        Ids(await SearchAsync(townA, "13700001111")).Should().Contain(id);
        (await SearchAsync(townB, "13700001111")).GetProperty("total").GetInt64().Should().Be(0, "the search stays inside the caller's units");
        Ids(await SearchAsync(townA, "1370000111")).Should().NotContain(id, "only the whole number matches");
        var bad = await townA.PostAsJsonAsync("/api/v1/cases/search", new { number = "13700abc" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.ReadProblemAsync()).GetProperty("errors").GetProperty("number")[0].GetString().Should().StartWith("请输入完整的身份证号码");
        (await townA.PostAsJsonAsync("/api/v1/cases/search", new { })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheSearch_IsAudited_AndNoNewPlaceHoldsTheNumberInClear()
    {
        var username = await app.CreateUserAsync(Roles.Township, app.Org.TownA);
        var township = await app.SignInAsync(username);
        await township.UseCsrfTokenAsync();
        await RegisterAsync(township, "330523199001011238", "13611112222");

        await SearchAsync(township, "136 1111 2222");

        var audit = (await app.AuditRowsAsync("case.search_number", username)).Should().ContainSingle().Subject;
        audit.Detail.Should().Contain("\"kind\":\"phone\"").And.Contain("\"matches\":1").And.NotContain("13611112222").And.NotContain("1111");
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE detail LIKE '%13611112222%' OR detail LIKE '%136 1111 2222%'")).Should().Be(0);
        var hashes = (await connection.QueryAsync<(string IdHash, string PhoneHash)>(
            "SELECT id_number_hash, phone_hash FROM case_parties WHERE phone = '13611112222'")).Single();
        hashes.PhoneHash.Should().MatchRegex("^[0-9a-f]{64}$").And.NotContain("13611112222");
        hashes.IdHash.Should().MatchRegex("^[0-9a-f]{64}$").And.NotBe(hashes.PhoneHash);
    }

    [Fact]
    public async Task PartiesWithoutHashes_AreFoundOnceTheBackfillHasRun()
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        var id = await RegisterAsync(township, "330523199001011238", "13533334444");
        await using (var connection = await app.Database.OpenAsync())
        {
            // As a party written before migration 0008, or by the CLI, is.
            await connection.ExecuteAsync("UPDATE case_parties SET id_number_hash = NULL, phone_hash = NULL WHERE case_id = @id", new { id });
        }

        Ids(await SearchAsync(township, "13533334444")).Should().NotContain(id);
        var filled = await app.Services.GetRequiredService<PartyNumberBackfill>().RunAsync();

        filled.Should().BeGreaterThanOrEqualTo(1);
        Ids(await SearchAsync(township, "13533334444")).Should().Contain(id);
        (await app.Services.GetRequiredService<PartyNumberBackfill>().RunAsync()).Should().Be(0, "a second run has nothing left to do");
    }

    [Fact]
    public async Task TheCaseListSearchBox_FindsTheCaseByNumber_WithoutPuttingTheNumberInAnAddress()
    {
        var township = await CasesThroughTheApi.TownshipAsync(app, app.Org.TownA);
        await RegisterAsync(township, "330523199001011238", "13455556666");
        var number = (await SearchAsync(township, "13455556666")).GetProperty("items")[0].GetProperty("number").GetString()!;

        var response = await township.SubmitAsync("/cases", "/cases", [new("text", "134-5555-6666"), new("open", "true")]);
        var html = await response.Content.ReadAsStringAsync();
        var byName = await township.SubmitAsync("/cases", "/cases", [new("text", "王五"), new("open", "true")]);

        response.StatusCode.Should().Be(HttpStatusCode.OK, "a number is searched in place, not redirected to an address");
        html.Should().Contain(number).And.Contain("id=\"number-search\"");
        html.Should().NotContain("text=134").And.NotContain("13455556666");
        byName.StatusCode.Should().Be(HttpStatusCode.Redirect, "any other search goes back to the list's plain address");
        byName.Headers.Location!.ToString().Should().Contain("text=%E7%8E%8B%E4%BA%94");
    }

    [Fact]
    public void Normalize_DropsSeparatorsAndTheCountryPrefix_AndKindOfTellsIdFromPhone()
    {
        PartyNumbers.Normalize(" 110105 19491231-002x ").Should().Be("11010519491231002X");
        PartyNumbers.Normalize("0086 139 1234 5670").Should().Be("13912345670");
        PartyNumbers.Normalize("１３９１２３４５６７０").Should().Be("13912345670");
        PartyNumbers.KindOf("11010519491231002X").Should().Be(PartyNumberKind.IdNumber);
        PartyNumbers.KindOf("139 1234 5670").Should().Be(PartyNumberKind.Phone);
        PartyNumbers.KindOf("AJ-2026-000001").Should().BeNull();
        PartyNumbers.KindOf("王五").Should().BeNull();
        var numbers = new PartyNumbers(Convert.FromBase64String(CaseFlowApp.NumberHashKey));
        numbers.Hash("139-1234-5670").Should().Be(numbers.Hash("13912345670"));
        new PartyNumbers(new byte[32]).Hash("13912345670").Should().NotBe(numbers.Hash("13912345670"), "the hash depends on the key");
    }
}
