namespace CaseFlow.Cli.Tests;

/// <summary>Runs the caseflow command tree in-process and captures what it writes.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args) => In(CliEnvironment.Captured(), args);

    /// <summary>Runs with the given environment: its standard input and its clock.</summary>
    public static CliRun In(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CaseFlowCli.Invoke(args, output, error, environment);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The run failed with exactly one line on standard error and no stack trace.</summary>
    public void ShouldFailWithOneLine(string containing)
    {
        ExitCode.Should().NotBe(0);
        var lines = Error.TrimEnd().Split('\n');
        lines.Should().ContainSingle($"a failure is reported in one line, not:\n{Error}");
        lines[0].Should().Contain(containing).And.NotContain(" at CaseFlow.");
    }
}
