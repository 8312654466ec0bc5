using CaseFlow.Data.Operations;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Problems;
using Microsoft.Extensions.Options;
using Prometheus;

namespace CaseFlow.Web.Operations;

/// <summary>What an operator watches: the request log, <c>/metrics</c> and the operations page's data.</summary>
public static class OperationsSetup
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddCaseFlowOperations(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        services.AddSingleton<OperationsQueries>();
        services.AddSingleton<OperationsMetrics>();
        return services;
    }

    /// <summary>The request log and the HTTP metrics; after routing and authentication, so both know the route and the user.</summary>
    public static WebApplication UseCaseFlowRequestLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestLog>();
        var metrics = app.Services.GetRequiredService<OperationsMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        return app;
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus's text format: from an address in <see cref="MetricsOptions.AllowedNetworks"/>
    /// without a session, otherwise for a signed-in admin only (401 without a session, 403 for other roles, audited).
    /// </summary>
    public static IEndpointRouteBuilder MapCaseFlowMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet(MetricsPath, ServeAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task ServeAsync(HttpContext context, OperationsMetrics metrics, IOptions<MetricsOptions> options, AccessDenials denials)
    {
        if (!options.Value.Allows(context.Connection.RemoteIpAddress))
        {
            if (CurrentUser.From(context) is not { } user)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign in first.", "The metrics are for administrators and the monitoring network.");
                return;
            }

            if (!user.IsInAnyRole(Policies.RolesByPolicy[Policies.CanAdminister]))
            {
                var reason = $"The metrics need one of the roles: {string.Join(", ", Policies.RolesByPolicy[Policies.CanAdminister])}, or an address in {MetricsOptions.SectionName}:{nameof(MetricsOptions.AllowedNetworks)}.";
                await (await denials.ForbidAsync(context, user, reason, context.RequestAborted)).ExecuteAsync(context);
                return;
            }
        }

        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
