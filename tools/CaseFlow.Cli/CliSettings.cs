using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Grading;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Cli;

/// <summary>
/// The grading thresholds and time limits the command line applies: the web host's own configuration, read from the
/// host's settings file (<c>--settings</c>, or the CASEFLOW_SETTINGS environment variable) and the environment
/// variables the host reads too (Grading__…, TimeLimits__…), bound to the same sections. Without a settings file the
/// defaults of DESIGN §5–6 apply, as they do in a host with no such sections.
/// </summary>
internal sealed record CliSettings(GradingOptions Grading, TimeLimitOptions TimeLimits, string? Source)
{
    public const string EnvironmentVariable = "CASEFLOW_SETTINGS";

    public static CliSettings Defaults { get; } = new(new GradingOptions(), new TimeLimitOptions(), null);

    /// <exception cref="CliFailure">The file is missing, not JSON, or its options do not validate.</exception>
    public static CliSettings Load(string? path, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new CliFailure($"The settings file {path} does not exist.");
            }

            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        if (environment is not null)
        {
            builder.AddInMemoryCollection(environment
                .Where(e => e.Key.StartsWith(GradingOptions.SectionName + "__", StringComparison.Ordinal)
                    || e.Key.StartsWith(TimeLimitOptions.SectionName + "__", StringComparison.Ordinal))
                .Select(e => new KeyValuePair<string, string?>(e.Key.Replace("__", ":", StringComparison.Ordinal), e.Value)));
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
        {
            throw new CliFailure($"The settings file {path} cannot be read: {e.Message}");
        }

        var grading = new GradingOptions();
        var limits = new TimeLimitOptions();
        try
        {
            configuration.GetSection(GradingOptions.SectionName).Bind(grading);
            configuration.GetSection(TimeLimitOptions.SectionName).Bind(limits);
        }
        catch (InvalidOperationException e)
        {
            throw new CliFailure($"The settings in {path ?? "the environment"} cannot be read: {e.Message}");
        }

        var problems = grading.Validate().Select(p => $"{GradingOptions.SectionName}: {p}").Concat(limits.Validate()).ToList();
        if (problems.Count > 0)
        {
            throw new CliFailure($"The settings in {path ?? "the environment"} are not usable: {string.Join(" ", problems)}");
        }

        return new CliSettings(grading, limits, path);
    }
}
