using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Hosting;

public sealed class HostingTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    private const int Limit = 256 * 1024;

    [Fact]
    public async Task ABodyOverTheLimit_Answers413Problem()
    {
        var response = await app.NewClient().PostJsonTextAsync("/api/v1/auth/login", Oversized());

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(413);
    }

    [Fact]
    public async Task AChunkedBodyOverTheLimit_Answers413Problem()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var response = await app.NewClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(413);
    }

    [Fact]
    public async Task ABodyJustUnderTheLimit_IsRead()
    {
        var padding = new string('x', Limit - 200);

        var response = await app.NewClient().PostJsonTextAsync("/api/v1/auth/login", $$"""{"username":"nobody","password":"x","padding":"{{padding}}"}""");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnUnknownRoute_Answers404Problem()
    {
        var response = await app.NewClient().GetAsync("/api/v1/no-such-thing");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.ReadProblemAsync()).GetProperty("status").GetInt32().Should().Be(404);
    }

    [Fact]
    public async Task TheOpenApiDocument_IsServed_WithTheApiPaths()
    {
        // Outside Development the document is for signed-in users only (ProductionHeadersTests).
        var client = await app.SignInAsync(await app.CreateUserAsync(CaseFlow.Web.Auth.Roles.Auditor));
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("info").GetProperty("title").GetString().Should().Be("CaseFlow API");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name)
            .Should().Contain(["/api/v1/auth/login", "/api/v1/auth/logout", "/api/v1/auth/csrf", "/api/v1/me", "/api/v1/audit", "/health"]);
        document.GetProperty("paths").GetProperty("/api/v1/audit").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).Should().Contain(["from", "to", "user", "action", "entity", "entityId", "page", "pageSize"]);
    }

    private static string Oversized() => $$"""{"username":"{{new string('a', Limit + 1)}}","password":"x"}""";
}
