using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Cases;

public sealed class IdentityDocumentApiTests(CaseApiApp app) : IClassFixture<CaseApiApp>
{
    private object Dispute(object worker) => new
    {
        channel = "walkIn",
        receivedAt = app.Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = "安吉某竹木制品有限公司", creditCode = "91350100M000100Y43", unitId = app.Org.Village },
        workers = new[] { worker },
        claimTypes = new[] { "wageArrears" },
    };

    private async Task<HttpClient> ClientAsync()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator, app.Org.Village));
        await client.UseCsrfTokenAsync();
        return client;
    }

    [Fact]
    public async Task APermanentResidenceCardNumber_RegistersAsThatType_AndIsRefusedAsAResidentIdWithTheReason()
    {
        var client = await ClientAsync();
        const string number = "932682198501010017";

        var asCard = await client.PostAsJsonAsync("/api/v1/cases", Dispute(new { name = "阿里", idType = "foreignPermanentResident", idNumber = number, phone = "13812345678", amountOwed = 1000m, monthsOwed = 0.5m }));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var asResidentId = await client.PostAsJsonAsync("/api/v1/cases", Dispute(new { name = "阿里", idNumber = number, phone = "13812345678", amountOwed = 1000m, monthsOwed = 0.5m }));

        asCard.StatusCode.Should().Be(HttpStatusCode.Created, await asCard.Content.ReadAsStringAsync());
        var body = await asCard.Content.ReadFromJsonAsync<JsonElement>();
        body.GetRawText().Should().Contain("932682********0017").And.NotContain(number, "the number is masked");
        asResidentId.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await asResidentId.ReadProblemAsync();
        problem.GetProperty("errors").GetProperty("workers[0].idNumber")[0].GetString()
            .Should().Contain("地区码无效").And.Contain("9 开头的是外国人永久居留身份证");
    }

    [Theory]
    [InlineData("passport", "C01234567", "VNM", HttpStatusCode.Created)]
    [InlineData("passport", "C01234567", null, HttpStatusCode.BadRequest)]
    [InlineData("hkMacauTravelPermit", "H12345678", null, HttpStatusCode.Created)]
    [InlineData("taiwanResidencePermit", "830000199201300022", null, HttpStatusCode.Created)]
    [InlineData("taiwanResidencePermit", "810000199408230021", null, HttpStatusCode.BadRequest)]
    [InlineData("none", null, null, HttpStatusCode.Created)]
    [InlineData("none", "330523199001011238", null, HttpStatusCode.BadRequest)]
    [InlineData("drivingLicence", "330523199001011238", null, HttpStatusCode.BadRequest)]
    public async Task EachDocumentType_IsCheckedByItsOwnRule(string type, string? number, string? country, HttpStatusCode expected)
    {
        var client = await ClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/cases", Dispute(new { name = "工人", idType = type, idNumber = number, idCountry = country, phone = "13812345678", amountOwed = 1000m, monthsOwed = 0.5m }));

        response.StatusCode.Should().Be(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWorkerWithoutADocument_Registers_AndTheCasePageSaysTheDocumentIsToBeRecorded()
    {
        var client = await ClientAsync();

        var created = await client.PostAsJsonAsync("/api/v1/cases", Dispute(new { name = "王大山", idType = "none", phone = "13812345678", amountOwed = 1000m, monthsOwed = 0.5m }));
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var page = await client.GetStringAsync($"/cases/{id}");

        page.Should().Contain("证件待补录").And.Contain("id=\"document-pending\"");
    }
}
