namespace CaseFlow.Web.Problems;

/// <summary>Writes an RFC 9457 problem response outside an endpoint (middleware, authorization, exception handling).</summary>
internal static class ProblemResponses
{
    // ProblemHttpResult goes through IProblemDetailsService (trace id, instance) and still writes JSON when the
    // client's Accept header names no JSON type.
    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
