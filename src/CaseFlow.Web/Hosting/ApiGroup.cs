using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Hosting;

/// <summary>The <c>/api/v1</c> route group every API endpoint is mapped into.</summary>
public static class ApiGroup
{
    public const string Prefix = "/api/v1";

    /// <summary>
    /// Everything under the group needs a session (opt out with <c>AllowAnonymous()</c>) and, when it changes state,
    /// the CSRF header (opt out with <c>DisableAntiforgery()</c>).
    /// </summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix)
            .RequireAuthorization()
            .AddEndpointFilter<CsrfFilter>();
        api.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
