using System.Net;
using System.Net.Http.Json;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Web.Tests.Hosting;

/// <summary>The host booted in Production, with the settings a deployment gets by default.</summary>
public sealed class ProductionHost : CaseFlowApp
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);

        // The test host's plain-HTTP relaxation removed again: Production decides for itself.
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Hosting:RequireHttps"] = null }));
    }

    public HttpClient Https() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://caseflow.example"), AllowAutoRedirect = false, HandleCookies = true,
    });
}

public sealed class ProductionHeadersTests(ProductionHost app) : IClassFixture<ProductionHost>
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/v1/auth/csrf")]
    [InlineData("/css/site.css")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndHttpsOnesCarryHsts(string path)
    {
        var response = await app.Https().GetAsync(path);

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("default-src 'self'").And.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'")
            .And.Contain("object-src 'none'").And.NotContain("unsafe-eval");
        csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)).Should().NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Strict-Transport-Security").Single().Should().StartWith("max-age=31536000");
    }

    [Fact]
    public async Task TheSessionCookieIsSecureEvenOverPlainHttp_AsBehindATlsProxy_AndTheAntiforgeryCookieOverHttps()
    {
        var username = await app.CreateUserAsync(Roles.Mediator);
        var plain = app.NewClient();

        var login = await plain.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password });
        var csrf = await app.Https().GetAsync("/api/v1/auth/csrf");

        login.StatusCode.Should().Be(HttpStatusCode.OK);
        login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.SessionCookieName + "=", StringComparison.Ordinal))
            .Should().ContainEquivalentOf("; secure").And.ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
        csrf.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.AntiforgeryCookieName + "=", StringComparison.Ordinal))
            .Should().ContainEquivalentOf("; secure");
        login.Headers.Contains("Strict-Transport-Security").Should().BeFalse("a browser ignores HSTS over plain HTTP, so none is sent");
    }

    [Fact]
    public async Task TheOpenApiDocument_IsOnlyForSignedInUsers()
    {
        var anonymous = await app.Https().GetAsync("/openapi/v1.json");
        var client = app.Https();
        var username = await app.CreateUserAsync(Roles.Auditor);
        (await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password = CaseFlowApp.Password })).StatusCode.Should().Be(HttpStatusCode.OK);

        var signedIn = await client.GetAsync("/openapi/v1.json");

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync()).Should().NotContain("/api/v1/cases");
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        (await signedIn.Content.ReadAsStringAsync()).Should().Contain("/api/v1/cases").And.Contain("offset");
    }
}

/// <summary>The test host (plain HTTP, not Development) still sends the policy; only transport security is relaxed.</summary>
public sealed class TestingHeadersTests(CaseFlowApp app) : IClassFixture<CaseFlowApp>
{
    [Fact]
    public async Task OutsideProduction_ThePolicyHeadersAreSentToo()
    {
        var response = await app.NewClient().GetAsync("/login");

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
    }
}
