using System.Net;
using System.Net.Http.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Problems;

/// <summary>Problem titles and details in the caller's language: Chinese unless Accept-Language prefers English.</summary>
public sealed class ProblemLanguageTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Theory]
    [InlineData(null, "请先登录。", "此请求需要先登录。")]
    [InlineData("zh-CN,zh;q=0.9", "请先登录。", "此请求需要先登录。")]
    [InlineData("en-US,en;q=0.8", "Sign in first.", "This request needs a signed-in session.")]
    public async Task Unauthorized_SpeaksTheCallersLanguage(string? acceptLanguage, string title, string detail)
    {
        var problem = await ProblemAsync(HttpMethod.Get, "/api/v1/cases", acceptLanguage);

        problem.Status.Should().Be(HttpStatusCode.Unauthorized);
        (problem.Title, problem.Detail).Should().Be((title, detail));
    }

    [Theory]
    [InlineData(null, "未找到")]
    [InlineData("en", "Not Found")]
    public async Task AnUnknownApiAddress_Is404Problem_InTheCallersLanguage(string? acceptLanguage, string title)
    {
        var problem = await ProblemAsync(HttpMethod.Get, "/api/v1/no-such-thing", acceptLanguage);

        problem.Status.Should().Be(HttpStatusCode.NotFound);
        problem.Title.Should().Be(title);
    }

    [Fact]
    public async Task ARoleRefusal_Is403_InChinese_WithTheRolesNamed()
    {
        var client = await app.SignInAsync(await app.CreateUserAsync(Roles.Mediator));

        var response = await client.GetAsync("/api/v1/audit");
        var body = await response.Content.ReadFromJsonAsync<Problem>();

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        body!.Title.Should().Be("您无权执行此操作。");
        body.Detail.Should().Be("需要以下角色之一：审计员、系统管理员。");
    }

    [Theory]
    [InlineData(null, "请求内容不是此接口能读取的 JSON。")]
    [InlineData("en", "The request body is not valid JSON for this endpoint.")]
    public async Task UnreadableJson_Is400_InTheCallersLanguage(string? acceptLanguage, string title)
    {
        var client = app.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<Problem>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body!.Title.Should().Be(title);
    }

    private async Task<(HttpStatusCode Status, string? Title, string? Detail)> ProblemAsync(HttpMethod method, string path, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(method, path);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await app.NewClient().SendAsync(request);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var body = await response.Content.ReadFromJsonAsync<Problem>();
        return (response.StatusCode, body!.Title, body.Detail);
    }

    private sealed record Problem(string? Title, string? Detail, int? Status);
}
