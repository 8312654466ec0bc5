namespace CaseFlow.Web.Tests.Browser;

/// <summary>Where Debian's Chromium lives, and whether a browser test may run here.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public const string MissingReason = $"Chromium not found at {Path}: apt-get install chromium fonts-noto-cjk";

    public static bool IsInstalled => File.Exists(Path);

    /// <summary>CI sets CI=true: there a missing browser must fail the tests, never skip them.</summary>
    public static bool MustRun => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string[] Arguments { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
}

/// <summary>A browser test: reported as skipped, with the reason, where Chromium is missing — except on CI, where it runs and fails.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.MustRun)
        {
            Skip = Chromium.MissingReason;
        }
    }
}

/// <summary>The theory form of <see cref="BrowserFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!Chromium.IsInstalled && !Chromium.MustRun)
        {
            Skip = Chromium.MissingReason;
        }
    }
}
