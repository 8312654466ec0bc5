using CaseFlow.Data.Users;
using CaseFlow.Web.Hosting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Auth;

/// <summary>Cookie sessions, role policies, antiforgery and the stores sign-in needs.</summary>
public static class AuthSetup
{
    public const string SessionCookieName = "caseflow.session";
    public const string AntiforgeryCookieName = "caseflow.csrf";

    public static IServiceCollection AddCaseFlowAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        services.AddSingleton<Passwords>();
        services.AddSingleton<AccessDenials>();
        services.AddSingleton<LoginHandler>();
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<AuthOptions>>((limiter, auth) => SignInThrottle.AddPolicy(limiter, auth.Value));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TimeProvider, IOptions<HostingOptions>, IHostEnvironment>((cookie, auth, time, hosting, environment) =>
            {
                cookie.Cookie.Name = SessionCookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = SecurePolicy(hosting.Value, environment);
                cookie.ExpireTimeSpan = auth.Value.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.TimeProvider = time;

                // An API answers 401/403 problems (ProblemAuthorizationResultHandler); these only catch stray
                // challenges so that nothing ever redirects to a login page.
                cookie.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in Policies.RolesByPolicy)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfFilter.HeaderName;
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;

            // Secure on every HTTPS request. Not Always: antiforgery then throws on any plain-HTTP request (a health
            // probe, a proxy that ends TLS without forwarding the scheme); the token is worthless without the session
            // cookie, which is always Secure where HTTPS is required.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Secure whatever the scheme where HTTPS is required (behind a TLS proxy the request may look like HTTP).</summary>
    private static CookieSecurePolicy SecurePolicy(HostingOptions hosting, IHostEnvironment environment) =>
        hosting.HttpsRequiredIn(environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Authentication, authorization and form antiforgery, after routing.</summary>
    public static WebApplication UseCaseFlowAuth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
