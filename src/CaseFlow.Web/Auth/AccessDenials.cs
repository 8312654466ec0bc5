using System.Data.Common;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Web.Audit;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Auth;

/// <summary>
/// Refusals: every 403 is recorded in audit_log as <see cref="DeniedAction"/> with the request path. Role checks are
/// answered by the authorization middleware; an endpoint that refuses for its own reasons (a case outside the user's
/// units) calls <see cref="ForbidAsync"/>.
/// </summary>
public sealed class AccessDenials(Database database, AuditWriter audit, ILogger<AccessDenials> logger)
{
    public const string DeniedAction = "permission.denied";

    /// <summary>Records the refusal and returns the 403 problem to answer with.</summary>
    public async Task<ProblemHttpResult> ForbidAsync(HttpContext context, CurrentUser user, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        await RecordAsync(context, user.ToAuditActor(), reason, cancellationToken);
        return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: ForbiddenTitle, detail: reason);
    }

    internal const string ForbiddenTitle = "You may not do this.";

    /// <summary>The audit action of a case the caller asked for and may not see (answered 404, like a missing one).</summary>
    public const string NotVisibleAction = "case.not_visible";

    /// <summary>Records that <paramref name="user"/> asked for a case they may not see (or that does not exist).</summary>
    public async Task NotVisibleAsync(HttpContext context, CurrentUser user, long caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var path = (context.Request.PathBase + context.Request.Path).Value ?? "/";
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await audit.WriteAsync(
                connection, null, user.ToAuditActor(), NotVisibleAction, "case", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { context.Request.Method, Path = path, user.PartnerOrgId }, cancellationToken);
        }
        catch (DbException e)
        {
            logger.LogError(e, "Could not audit the refused case {CaseId} for {User}", caseId, user.Username);
        }
    }

    internal async Task RecordAsync(HttpContext context, AuditActor actor, string reason, CancellationToken cancellationToken)
    {
        // With the base: an app mounted under a path (the jobs dashboard at /admin/jobs) sees only the rest in Path.
        var path = (context.Request.PathBase + context.Request.Path).Value is { Length: > 0 } full ? full : "/";
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await audit.WriteAsync(
                connection, null, actor, DeniedAction, "endpoint", path.Length > 64 ? path[..64] : path,
                new { context.Request.Method, Path = path, Reason = reason }, cancellationToken);
        }
        catch (DbException e)
        {
            // The refusal stands either way; losing its record is worth an error in the log, not a 500.
            logger.LogError(e, "Could not audit the refusal of {Method} {Path} for {User}", context.Request.Method, path, actor.Username);
        }
    }
}

/// <summary>Answers failed authorization with problem details instead of the cookie handler's redirects.</summary>
internal sealed class ProblemAuthorizationResultHandler(AccessDenials denials) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var user = CurrentUser.From(context);
        if (authorizeResult.Challenged || user is null)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign in first.", "This request needs a signed-in session.");
            return;
        }

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList();
        var reason = roles.Count > 0 ? $"This needs one of the roles: {string.Join(", ", roles)}." : "This is not allowed for your account.";
        await denials.RecordAsync(context, user.ToAuditActor(), reason, context.RequestAborted);
        await ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, AccessDenials.ForbiddenTitle, reason);
    }
}
