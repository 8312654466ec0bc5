using CaseFlow.Data.Cases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CaseFlow.Web.Tests.Browser;

/// <summary>
/// The real host on Kestrel at a free localhost port, in Development on a fresh database with the demo seed, and one
/// headless Chromium for the test class. Screenshots go to the test output's <c>screenshots</c> folder.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "caseflow-browser-tests", Guid.NewGuid().ToString("N"));

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string ScreenshotFolder { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "screenshots");

    public CaseQueries Queries => Services.GetRequiredService<CaseQueries>();

    public Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            // Elsewhere the tests report themselves skipped; on CI they must fail rather than pass without a browser.
            return Chromium.MustRun ? throw new InvalidOperationException(Chromium.MissingReason) : Task.CompletedTask;
        }

        return StartAsync();
    }

    private async Task StartAsync()
    {

        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Directory.CreateDirectory(ScreenshotFolder);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = Chromium.Arguments,
        });
    }

    /// <summary>A fresh browser context (its own cookies) at 1366×768, with a page in it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the form as a demo account and waits for the home page.</summary>
    public async Task<IPage> SignInAsync(string username)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", CaseFlow.Web.Demo.DemoSeeder.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#who-name");
        return page;
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(ScreenshotFolder, name + ".png") });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["Database:Sqlite:DataFolder"] = _folder,
                // Every test signs in from 127.0.0.1, many times a minute.
                ["Auth:SignInPermitsPerAddressPerMinute"] = "100000",
                ["Auth:SignInPermitsPerAccountPerMinute"] = "100000",
                // The tests open the dashboard right after the changes they make (DashboardReuseTests covers the reuse).
                ["Dashboard:FiguresSeconds"] = "0",
            }));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        CaseFlow.Data.Database.ReleaseAllConnections();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
