using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Audit;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Auth;

/// <summary>Sign-in with a username and password.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>The unit a user belongs to.</summary>
public sealed record UnitSummary(long Id, string Name, UnitKind Kind);

/// <summary>The signed-in user, as <c>GET /api/v1/me</c> and sign-in answer.</summary>
public sealed record MeResponse(long Id, string Username, string DisplayName, IReadOnlyList<string> Roles, UnitSummary Unit)
{
    internal static MeResponse From(UserAccount account) => new(
        account.Id, account.Username, account.DisplayName, account.Roles, new UnitSummary(account.Unit.Id, account.Unit.Name, account.Unit.Kind));
}

/// <summary>What became of a sign-in: the account signed in, a refusal (null account), or too many attempts for the account.</summary>
internal sealed record SignInOutcome(UserAccount? Account, bool Throttled = false);

/// <summary>
/// Checks credentials, keeps the failure count and lock (per account and address, see <see cref="SignInThrottle"/>),
/// audits every attempt and every lockout, and starts the cookie session. Unknown users, wrong passwords, inactive
/// and locked accounts all get the same 401, in about the same time.
/// </summary>
internal sealed class LoginHandler(
    UserStore users, Passwords passwords, Database database, AuditWriter audit, SignInThrottle throttle, TimeProvider time)
{
    public const string LoginAction = "auth.login";
    public const string FailedAction = "auth.login_failed";
    public const string LockedAction = "auth.locked";

    /// <summary>Wrong passwords from one address reached the limit: the account is locked for that address.</summary>
    public const string LockoutAction = "auth.lockout";

    public async Task<IResult> HandleAsync(LoginRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (!errors.IsEmpty)
        {
            return errors.ToProblem(http);
        }

        var outcome = await SignInAsync(request, http, cancellationToken);
        if (outcome.Throttled)
        {
            http.Response.Headers.RetryAfter = "60";
            return SignInThrottle.TooMany(http, 60);
        }

        return outcome.Account is { } account ? TypedResults.Ok(MeResponse.From(account)) : Refused();
    }

    internal static ValidationErrors Validate(LoginRequest request)
    {
        var errors = new ValidationErrors();
        if (errors.Required("username", request.Username))
        {
            errors.MaxLength("username", request.Username, 64);
        }

        if (errors.Required("password", request.Password))
        {
            errors.MaxLength("password", request.Password, 256);
        }

        return errors;
    }

    /// <summary>
    /// Checks a validated request's credentials and starts the session: the one path the API and the sign-in page share.
    /// </summary>
    /// <returns>The signed-in account, or none for every kind of refusal alike; throttled when the account had too many attempts just now.</returns>
    internal async Task<SignInOutcome> SignInAsync(LoginRequest request, HttpContext http, CancellationToken cancellationToken)
    {
        var username = request.Username!.Trim();
        var password = request.Password!;

        // Counted before anything is looked up, so unknown and known names are throttled alike.
        if (!throttle.TryAttempt(username))
        {
            return new SignInOutcome(null, Throttled: true);
        }

        var address = RequestActor.RemoteIpOf(http);
        var account = await users.FindByUsernameAsync(username, cancellationToken);
        if (account is null || !account.IsActive)
        {
            passwords.VerifyNothing(password);
            await AuditAsync(http, account?.Id, username, FailedAction, new { Reason = account is null ? "unknown_user" : "inactive" }, cancellationToken);
            return new SignInOutcome(null);
        }

        var lockedUntil = throttle.LockedUntil(account.Id, address) ?? (account.IsLockedAt(time.GetUtcNow()) ? account.LockedUntil : null);
        if (lockedUntil is not null)
        {
            passwords.VerifyNothing(password);
            await AuditAsync(http, account.Id, account.Username, LockedAction, new { LockedUntil = lockedUntil }, cancellationToken);
            return new SignInOutcome(null);
        }

        var check = passwords.Verify(account.PasswordHash, password);
        if (check == PasswordVerificationResult.Failed)
        {
            var failed = throttle.RecordFailure(account.Id, address);
            await database.InTransactionAsync(
                async (connection, transaction) =>
                {
                    await audit.WriteAsync(
                        connection, transaction, Actor(http, account.Id, account.Username), FailedAction, "user", Id(account.Id),
                        new { Reason = "bad_password", failed.FailedLoginCount, failed.LockedUntil }, cancellationToken);
                    if (failed.Locked)
                    {
                        await audit.WriteAsync(
                            connection, transaction, Actor(http, account.Id, account.Username), LockoutAction, "user", Id(account.Id),
                            new { failed.FailedLoginCount, failed.LockedUntil, Address = address }, cancellationToken);
                    }
                },
                cancellationToken);
            return new SignInOutcome(null);
        }

        throttle.RecordSuccess(account.Id, address);

        await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                if (check == PasswordVerificationResult.SuccessRehashNeeded)
                {
                    await users.SetPasswordHashAsync(connection, transaction, account.Id, passwords.Hash(password), cancellationToken);
                }

                await users.RecordSuccessfulLoginAsync(connection, transaction, account.Id, cancellationToken);
                await audit.WriteAsync(
                    connection, transaction, Actor(http, account.Id, account.Username), LoginAction, "user", Id(account.Id), cancellationToken: cancellationToken);
            },
            cancellationToken);

        // Not persistent: the cookie lives with the browser session, the ticket inside it expires when idle.
        await http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            CurrentUser.PrincipalFor(account, CookieAuthenticationDefaults.AuthenticationScheme),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });
        return new SignInOutcome(account);
    }

    private static ProblemHttpResult Refused() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: "The username or password is not correct, or the account is locked.");

    private static AuditActor Actor(HttpContext http, long? userId, string username) => RequestActor.Anonymous(http, userId, username);

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task AuditAsync(HttpContext http, long? userId, string username, string action, object detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await audit.WriteAsync(
            connection, null, Actor(http, userId, username), action, "user", userId is { } id ? Id(id) : null, detail, cancellationToken);
    }
}
