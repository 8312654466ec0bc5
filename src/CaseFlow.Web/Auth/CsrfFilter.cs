using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Metadata;

namespace CaseFlow.Web.Auth;

/// <summary>
/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) that does not carry a valid antiforgery token in the
/// <see cref="HeaderName"/> header, before the handler runs, so it writes nothing. An endpoint opts out with
/// <c>.DisableAntiforgery()</c> (sign-in, which has no session to ride on yet).
/// </summary>
internal sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var method = http.Request.Method;
        var changesState = HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);
        var optedOut = http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false };
        if (changesState && !optedOut && !await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Missing or invalid CSRF token.",
                detail: $"Send the token from GET /api/v1/auth/csrf (fetched after signing in) in the {HeaderName} header.");
        }

        return await next(context);
    }
}
