namespace CaseFlow.Web.Hosting;

/// <summary>HTTP limits, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Larger request bodies are refused with 413; a case with its parties is a few kilobytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// A folder every web node can read and write (a network share) for the keys that protect session cookies and
    /// antiforgery tokens. Needed as soon as two nodes serve the same users; one node keeps its keys by itself.
    /// </summary>
    public string? DataProtectionKeysFolder { get; set; }

    /// <summary>
    /// Whether CaseFlow is reached over HTTPS only (directly or through a TLS-terminating proxy): cookies are marked
    /// Secure whatever the request's scheme and HTTPS responses carry HSTS. Unset, it is on outside Development.
    /// </summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Whether HTTPS is required in this environment (see <see cref="RequireHttps"/>).</summary>
    public bool HttpsRequiredIn(IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return RequireHttps ?? !environment.IsDevelopment();
    }

    public IReadOnlyList<string> Validate() =>
        MaxRequestBodyBytes < 1024
            ? [$"{SectionName}:{nameof(MaxRequestBodyBytes)} must be at least 1024 (was {MaxRequestBodyBytes})."]
            : [];
}
