using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
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
    internal const string PartnerOrgIdClaim = "caseflow:partner_org_id";
    internal const string PartnerKindClaim = "caseflow:partner_kind";

    /// <summary>A partner user's organisation: they see only the cases shared with it. Null for everyone else.</summary>
    public long? PartnerOrgId { get; init; }

    /// <summary>The kind of a partner user's organisation (<c>arbitration</c>, <c>hrss</c>…).</summary>
    public string? PartnerKind { get; init; }

    /// <summary>A partner user: no subtree, only shares (DESIGN §2).</summary>
    public bool IsPartner => PartnerOrgId is not null;

    /// <summary>This user as the case access rules see them (<see cref="CaseVisibility"/>).</summary>
    public CaseViewer Viewer => new(Id, UnitPath, PartnerOrgId);

    /// <summary>This user as the case commands record them.</summary>
    public CaseActor Actor => new(Id, Username, UnitPath, RemoteIp) { PartnerOrgId = PartnerOrgId };

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
        long? partnerOrgId = TryLong(principal, PartnerOrgIdClaim, out var partner) ? partner : null;
        if (roles.Contains(Auth.Roles.Partner) != partnerOrgId is not null)
        {
            // A partner without an organisation (or an organisation on another role) would see either nothing or too much.
            return null;
        }

        return new CurrentUser(id, username, unitId, unitPath, countyId, roles, RequestActor.RemoteIpOf(context))
        {
            PartnerOrgId = partnerOrgId,
            PartnerKind = principal.FindFirstValue(PartnerKindClaim),
        };
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
        if (account.Partner is { } partner)
        {
            claims.Add(new Claim(PartnerOrgIdClaim, partner.Id.ToString(CultureInfo.InvariantCulture)));
            claims.Add(new Claim(PartnerKindClaim, partner.Kind));
        }

        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationScheme));
    }

    private static bool TryLong(ClaimsPrincipal principal, string type, out long value) =>
        long.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
