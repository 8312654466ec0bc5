namespace CaseFlow.Web.Hosting;

/// <summary>HTTP limits, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class HostingOptions
{
    public const string SectionName = "Hosting";

    /// <summary>Larger request bodies are refused with 413; a case with its parties is a few kilobytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public IReadOnlyList<string> Validate() =>
        MaxRequestBodyBytes < 1024
            ? [$"{SectionName}:{nameof(MaxRequestBodyBytes)} must be at least 1024 (was {MaxRequestBodyBytes})."]
            : [];
}
