using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace CaseFlow.Web.Pages;

/// <summary>Registration of the server-rendered pages.</summary>
public static class PagesSetup
{
    public static IServiceCollection AddCaseFlowPages(this IServiceCollection services)
    {
        services.AddRazorPages();
        // Chinese text goes out as text, not as numeric character references.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddScoped<PageShell>();
        services.AddSingleton<Cases.PageQueries>();
        return services;
    }

    public static WebApplication MapCaseFlowPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRazorPages();
        return app;
    }
}
