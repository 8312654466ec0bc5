using Spectre.Console;

namespace CaseFlow.Cli;

/// <summary>
/// What commands take from outside their arguments: standard input, whether a person sits at the terminal (for
/// prompts and progress bars), the clock, and the operator's name for the audit log. Tests pass their own.
/// </summary>
internal sealed record CliEnvironment(TextReader Input, bool InputIsTerminal, bool OutputIsTerminal, TimeProvider Time, string OperatorName)
{
    /// <summary>The environment variables the host's configuration reads too (CASEFLOW_SETTINGS, Grading__…, TimeLimits__…).</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; init; } = new Dictionary<string, string?>();

    /// <summary>The real console.</summary>
    public static CliEnvironment Console() => new(
        System.Console.In, !System.Console.IsInputRedirected, !System.Console.IsOutputRedirected, TimeProvider.System, Environment.UserName)
    {
        Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal),
    };

    /// <summary>No terminal: input is <paramref name="input"/> (empty by default), output is plain lines.</summary>
    public static CliEnvironment Captured(TextReader? input = null, TimeProvider? time = null) =>
        new(input ?? TextReader.Null, InputIsTerminal: false, OutputIsTerminal: false, time ?? TimeProvider.System, "operator");

    /// <summary>Asks at the terminal without echoing what is typed.</summary>
    public static string ReadSecret(string prompt) =>
        AnsiConsole.Prompt(new TextPrompt<string>(prompt).Secret().AllowEmpty());
}
