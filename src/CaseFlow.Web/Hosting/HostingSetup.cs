using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Grading;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Hosting;

/// <summary>The host's plumbing: options, database, JSON, problem details, limits, OpenAPI.</summary>
public static class HostingSetup
{
    public static WebApplicationBuilder AddCaseFlowHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                // The data folder is relative to the content root, not to wherever the process was started from.
                if (!Path.IsPathRooted(options.Sqlite.DataFolder))
                {
                    options.Sqlite.DataFolder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Sqlite.DataFolder));
                }
            });
        services.AddOptions<GradingOptions>().BindConfiguration(GradingOptions.SectionName);
        services.AddOptions<TimeLimitOptions>().BindConfiguration(TimeLimitOptions.SectionName);
        services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.SectionName);

        // Behind a load balancer every node must read the cookies and antiforgery tokens the others issued.
        var keysFolder = builder.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.DataProtectionKeysFolder;
        if (!string.IsNullOrWhiteSpace(keysFolder))
        {
            services.AddDataProtection().SetApplicationName("CaseFlow").PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new Database(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<DatabaseHostLock>();
        services.AddSingleton<OrgStore>();
        services.AddSingleton<UserStore>();

        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        // Unreadable JSON and bad route or query values become exceptions the problem handler answers with 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= $"{c.HttpContext.Request.Method} {ProblemExceptionHandler.OriginalPath(c.HttpContext)}";
            ProblemText.Localize(c);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(HostingOptions.SectionName).Get<HostingOptions>()?.MaxRequestBodyBytes
                ?? new HostingOptions().MaxRequestBodyBytes);

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
        });

        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CaseFlow API";
            document.Info.Description =
                "Labour-dispute case management: sign-in, audit and cases under /api/v1. Errors are RFC 9457 problem details. "
                + "Every instant (receivedAt, session.heldAt...) must carry its offset, e.g. 2026-11-20T09:30:00+08:00 for China time "
                + "or 2026-11-20T01:30:00Z; one without an offset is refused with 400 (offset_required), never read as UTC. "
                + "Workflow actions need If-Match with the case's ETag (\"3\"): 428 without it, 400 for *, weak or unquoted tags.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// camelCase, enums as camelCase strings (never numbers), numbers only as JSON numbers, instants only with their
    /// offset, unknown fields ignored.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new InstantConverter());
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
    }

    /// <summary>Where the status pages of <c>Pages/Status</c> live.</summary>
    public const string StatusPagePath = "/status";

    private static bool IsMachinePath(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/metrics");

    /// <summary>Error handling and limits, outermost first; call before routing and authentication.</summary>
    public static WebApplication UseCaseFlowHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Where a page request's error is shown; ProblemExceptionHandler answers every other one itself.
            ExceptionHandlingPath = "/error",

            // ProblemExceptionHandler has logged the error once, with its trace id.
            SuppressDiagnosticsCallback = _ => true,
        });
        app.UseMiddleware<SecurityHeaders>();
        if (app.Services.GetRequiredService<IOptions<HostingOptions>>().Value.HttpsRequiredIn(app.Environment))
        {
            // Only on HTTPS responses (a browser ignores it over HTTP), and never for localhost.
            app.UseHsts();
        }

        // A person's browser gets a page in their language for a bodiless 401, 403 or 404 (an unknown address, the
        // jobs dashboard's refusals); the API, the OpenAPI document and health answer problem details.
        app.UseWhen(c => !IsMachinePath(c.Request.Path), page => page.UseStatusCodePagesWithReExecute(StatusPagePath + "/{0}"));
        app.UseWhen(c => IsMachinePath(c.Request.Path), api => api.UseStatusCodePages());
        app.UseMiddleware<RequestBodyLimit>();
        return app;
    }

    /// <summary>
    /// The OpenAPI document: open in Development, for signed-in users elsewhere (it maps every endpoint an attacker
    /// could probe).
    /// </summary>
    public static WebApplication MapCaseFlowOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var document = app.MapOpenApi();
        if (!app.Environment.IsDevelopment())
        {
            document.RequireAuthorization();
        }

        return app;
    }
}
