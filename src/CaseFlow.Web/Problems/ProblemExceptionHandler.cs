using System.Text.Json;
using CaseFlow.Web.Hosting;
using CaseFlow.Web.Operations;
using Microsoft.AspNetCore.Diagnostics;

namespace CaseFlow.Web.Problems;

/// <summary>
/// Turns every unhandled exception into a problem response: a request the server could not read keeps its own status
/// (400 malformed JSON or bad route value, 413 body too large) and a short reason; anything else is logged and answered
/// 500 with no internals. Each unhandled error is logged here once, with the request's trace id (the problem's
/// <c>traceId</c>, and on a page request the error page's reference), its message masked (<see cref="LogRedaction"/>);
/// a page request is then handed back to the exception middleware, which shows the error page.
/// </summary>
internal sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer and nothing went wrong on our side.
            logger.LogDebug("Request {Method} {Path} was aborted by the client", httpContext.Request.Method, LogRedaction.Mask(OriginalPath(httpContext)));
            return true;
        }

        int status;
        string title;
        string? detail = null;
        if (exception is BadHttpRequestException { InnerException: MissingOffsetException { Path: { } path } } && !httpContext.Response.HasStarted)
        {
            // Not unreadable, just incomplete: the caller gets the field and the message in its language.
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            var problem = new ValidationErrors().Add(field.Length == 0 ? "body" : field, ValidationMessages.OffsetRequired)
                .ToProblem(RequestLanguage.Of(httpContext.Request));
            await problem.ExecuteAsync(httpContext);
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            (title, detail) = Describe(bad);
            // The reason quotes the value that did not bind, which may be a number a party gave.
            logger.LogInformation("Refused an unreadable {Method} {Path}: {Reason}", httpContext.Request.Method, LogRedaction.Mask(OriginalPath(httpContext)), LogRedaction.Mask(bad.Message));
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            title = "An unexpected error occurred.";
            logger.LogError(
                "Unhandled {ExceptionType} on {Method} {Path}, trace {TraceId}: {Error}",
                exception.GetType().FullName,
                httpContext.Request.Method,
                LogRedaction.Mask(OriginalPath(httpContext)),
                RequestLog.TraceId(httpContext),
                LogRedaction.Mask(exception.ToString()));
            if (IsPageRequest(httpContext))
            {
                return false;
            }
        }

        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await ProblemResponses.WriteAsync(httpContext, status, title, detail);
        return true;
    }

    /// <summary>
    /// The path the client asked for: the exception middleware has already pointed the request at the error page
    /// when the handlers run.
    /// </summary>
    internal static string OriginalPath(HttpContext context) =>
        context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value ?? "/";

    private static bool IsPageRequest(HttpContext context) =>
        !OriginalPath(context).StartsWith(ApiGroup.Prefix + "/", StringComparison.OrdinalIgnoreCase)
        && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static (string Title, string? Detail) Describe(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => ("The request body is too large.", null),
        StatusCodes.Status400BadRequest when bad.InnerException is JsonException json => (
            "The request body is not valid JSON for this endpoint.",
            json.Path is { Length: > 0 } path ? $"The value at {path} could not be read." : "The JSON could not be read."),
        StatusCodes.Status400BadRequest => ("The request could not be read.", "A route, query or body value is missing or has the wrong format."),
        _ => ("The request could not be processed.", null),
    };
}
