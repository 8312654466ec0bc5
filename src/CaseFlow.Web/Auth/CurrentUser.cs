using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Users;
using CaseFlow.Web.Audit;

namespace CaseFlow.Web.Auth;

/// <summary>
/// The signed-in user of a request, read from the session's claims. Endpoints take it as a parameter
/// (<c>(CurrentUser user) => …</c>); on an endpoint that allows anonymous requests declare it nullable.
/// </summary>
/// <param name="UnitPath">The user's unit path ('/1/5/'): the user sees this unit and everything below it.</param>
public sealed record CurrentUser(long Id, string Username, long UnitId, string UnitPath, long CountyId, IReadOnlySet<string> Roles, string? RemoteIp)
{
    internal const string UnitIdClaim = "caseflow:unit_id";
    internal const string UnitPathClaim = "caseflow:unit_path";
    internal const string CountyIdClaim = "caseflow:county_id";

    public bool IsInRole(string role) => Roles.Contains(role);

    public bool IsInAnyRole(params ReadOnlySpan<string> roles)
    {
        foreach (var role in roles)
        {
            if (Roles.Contains(role))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the unit at <paramref name="unitPath"/> lies in this user's jurisdiction (the user's unit or below).</summary>
    public bool Sees(string unitPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        return unitPath.StartsWith(UnitPath, StringComparison.Ordinal);
    }

    /// <summary>Who to record in audit_log for what this user does in this request.</summary>
    public AuditActor ToAuditActor() => new(Id, Username, RemoteIp);

    /// <summary>The user of a signed-in request; null when the request has no valid session.</summary>
    public static CurrentUser? From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true
            || !TryLong(principal, ClaimTypes.NameIdentifier, out var id)
            || !TryLong(principal, UnitIdClaim, out var unitId)
            || !TryLong(principal, CountyIdClaim, out var countyId)
            || principal.FindFirstValue(ClaimTypes.Name) is not { } username
            || principal.FindFirstValue(UnitPathClaim) is not { } unitPath)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new CurrentUser(id, username, unitId, unitPath, countyId, roles, RequestActor.RemoteIpOf(context));
    }

    /// <summary>Minimal-API binding: lets endpoints declare a <see cref="CurrentUser"/> parameter.</summary>
    public static ValueTask<CurrentUser?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult(From(context));

    /// <summary>The session principal for an account that just signed in.</summary>
    internal static ClaimsPrincipal PrincipalFor(UserAccount account, string authenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.Username),
            new(UnitIdClaim, account.Unit.Id.ToString(CultureInfo.InvariantCulture)),
            new(UnitPathClaim, account.Unit.Path),
            new(CountyIdClaim, account.Unit.CountyId.ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }

    private static bool TryLong(ClaimsPrincipal principal, string type, out long value) =>
        long.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
