using CaseFlow.Web.Auth;
using Hangfire;
using Hangfire.Dashboard;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Hangfire's dashboard at <see cref="Path"/> for operators: the admin role works it (trigger, requeue, delete), the
/// auditor reads it (Hangfire's read-only mode). Hangfire's default filter (local requests only) is replaced by CaseFlow's own session and roles;
/// every POST needs the antiforgery token (the dashboard finds <c>IAntiforgery</c>, registered in
/// <see cref="AuthSetup"/>, and sends it in the <see cref="CsrfFilter.HeaderName"/> header).
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    /// <summary>Maps the dashboard where this host schedules jobs (there is nothing to show otherwise).</summary>
    public static WebApplication MapCaseFlowJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<JobStorage>() is not { } storage)
        {
            return app;
        }

        app.MapHangfireDashboard(Path, Options(), storage);
        return app;
    }

    /// <summary>Whether this host has the dashboard, for the navigation.</summary>
    public static bool IsAvailable(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetService<JobStorage>() is not null;
    }

    internal static DashboardOptions Options() => new()
    {
        // Back to CaseFlow: the home page sends each role to its own first page.
        AppPath = "/",
        DashboardTitle = "CaseFlow 后台任务",
        Authorization = [],
        AsyncAuthorization = [new RolesFilter()],
        IsReadOnlyFunc = context => !RolesFilter.MayOperate(context),
        DisplayStorageConnectionString = false,
    };

    /// <summary>
    /// Lets in the signed-in roles of <see cref="Policies.CanViewJobs"/>; of those only <see cref="Policies.CanAdminister"/>
    /// works the dashboard, the others get Hangfire's read-only mode (no buttons, and its commands answer 401; the
    /// live statistics, also a POST, keep working). Hangfire answers 401 without a session and 403 for other roles;
    /// each 403 is audited as every other refusal is.
    /// </summary>
    private sealed class RolesFilter : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (CurrentUser.From(http) is not { } user)
            {
                return false;
            }

            if (Has(user, Policies.CanViewJobs))
            {
                return true;
            }

            var reason = $"This needs one of the roles: {string.Join(", ", Policies.RolesByPolicy[Policies.CanViewJobs])}.";
            await http.RequestServices.GetRequiredService<AccessDenials>().RecordAsync(http, user.ToAuditActor(), reason, http.RequestAborted);
            return false;
        }

        public static bool MayOperate(DashboardContext context) =>
            CurrentUser.From(context.GetHttpContext()) is { } user && Has(user, Policies.CanAdminister);

        private static bool Has(CurrentUser user, string policy) => user.IsInAnyRole(Policies.RolesByPolicy[policy]);
    }
}
