using System.Diagnostics;
using System.Globalization;
using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Operations;

/// <summary>
/// One log line per request (category <see cref="Category"/>): method, route, path, status, duration, the signed-in
/// user, the case id when the route names one, and the trace id that the error page and every problem response show.
/// The path is masked (<see cref="LogRedaction"/>) and the query string is never logged (the case search takes names
/// and numbers). With <c>Logging:Console:FormatterName</c> = <c>json</c> each line is one JSON object.
/// </summary>
internal sealed class RequestLog(RequestDelegate next, ILoggerFactory loggers, TimeProvider time)
{
    public const string Category = "CaseFlow.Requests";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is not null)
        {
            // The error page, re-run for a request that failed: that request's line is written already.
            await next(context);
            return;
        }

        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            await next(context);
        }
        catch
        {
            // A request whose client went away (closed the connection mid-request) did not fail here.
            status = context.RequestAborted.IsCancellationRequested ? ClientClosedRequest : StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            Write(context, status ?? context.Response.StatusCode, time.GetElapsedTime(started));
        }
    }

    /// <summary>The status logged for a request the client abandoned before its answer (nginx's 499): no answer was sent.</summary>
    public const int ClientClosedRequest = 499;

    /// <summary>The id a user quotes to the operator: the W3C trace id of the request's activity, else ASP.NET Core's request id.</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.Id ?? context.TraceIdentifier;

    private void Write(HttpContext context, int status, TimeSpan elapsed)
    {
        var level = status >= 500 ? LogLevel.Warning : LogLevel.Information;
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        var endpoint = context.GetEndpoint() as RouteEndpoint;
        var caseId = context.Request.RouteValues.TryGetValue("id", out var id) && endpoint?.RoutePattern.RawText?.Contains("cases", StringComparison.Ordinal) == true
            ? Convert.ToString(id, CultureInfo.InvariantCulture)
            : null;
        _logger.Log(
            level,
            "{Method} {Path} ({Route}) answered {Status} in {ElapsedMs} ms for {User}, case {CaseId}, trace {TraceId}",
            context.Request.Method,
            LogRedaction.Mask(context.Request.PathBase + context.Request.Path),
            endpoint?.RoutePattern.RawText ?? "",
            status,
            Math.Round(elapsed.TotalMilliseconds, 1),
            CurrentUser.From(context)?.Username ?? "anonymous",
            caseId is null ? null : LogRedaction.Mask(caseId),
            TraceId(context));
    }
}
