using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Auth;

/// <summary>The antiforgery token to send back in the X-CSRF-TOKEN header.</summary>
public sealed record CsrfTokenResponse(string Token);

/// <summary>Sign-in, sign-out, the current user and the CSRF token.</summary>
public static class AuthApi
{
    public const string LogoutAction = "auth.logout";

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", (LoginRequest request, HttpContext http, LoginHandler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, http, cancellationToken))
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(SignInThrottle.PerAddressPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Sign in; sets the session cookie and answers the signed-in user. 429 with Retry-After when an address or an account tries too often.");

        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("Sign out (needs the CSRF header).");

        auth.MapGet("/csrf", Csrf)
            .AllowAnonymous()
            .WithSummary("A CSRF token for the X-CSRF-TOKEN header; fetch it again after signing in, as it is bound to the user.");

        api.MapGet("/me", MeAsync).WithTags("Auth").WithSummary("The signed-in user.");
        return api;
    }

    private static async Task<NoContent> LogoutAsync(
        HttpContext http, CurrentUser user, Database database, AuditWriter audit, CancellationToken cancellationToken)
    {
        await SignOutAsync(http, user, database, audit, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Records the sign-out and ends the session; the API and the pages both sign out here.</summary>
    internal static async Task SignOutAsync(
        HttpContext http, CurrentUser user, Database database, AuditWriter audit, CancellationToken cancellationToken)
    {
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await audit.WriteAsync(
                connection, null, user.ToAuditActor(), LogoutAction, "user",
                user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.RequestServices.GetRequiredService<UserStore>().ForgetSession(user.Id);
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> MeAsync(
        HttpContext http, CurrentUser user, UserStore users, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(user.Id, cancellationToken);
        if (account is null || !account.IsActive)
        {
            // Deactivated while signed in: the session ends here.
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first.", detail: "The account is no longer active.");
        }

        return TypedResults.Ok(MeResponse.From(account));
    }

    private static Ok<CsrfTokenResponse> Csrf(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new CsrfTokenResponse(tokens.RequestToken!));
    }
}
