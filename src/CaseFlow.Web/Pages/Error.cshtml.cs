using CaseFlow.Web.Operations;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages;

/// <summary>
/// The page a person sees when a page request fails: the request's trace id, which the error's log line and the
/// request's log line carry. The exception handler re-runs the request here with its own method, hence no antiforgery check.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : AppPageModel
{
    protected override bool AllowAnonymous => true;

    public string TraceId { get; private set; } = "";

    public void OnGet() => TraceId = RequestLog.TraceId(HttpContext);

    public void OnPost() => OnGet();
}
