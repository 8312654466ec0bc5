using System.CommandLine;
using System.CommandLine.Invocation;
using CaseFlow.Cli.Commands;

namespace CaseFlow.Cli;

/// <summary>The caseflow command tree. Each area adds its commands from one file under Commands/.</summary>
internal static class CaseFlowCli
{
    public static RootCommand BuildRootCommand(CliEnvironment environment)
    {
        var root = new RootCommand("CaseFlow administration tool.");
        root.Subcommands.Add(WorkflowCommands.Build());
        root.Subcommands.Add(DbCommands.Build(environment));
        root.Subcommands.Add(AuditCommands.Build(environment));
        root.Subcommands.Add(UserCommands.Build(environment));
        root.Subcommands.Add(SeedCommand.Build(environment));
        root.Subcommands.Add(ImportCommand.Build(environment));
        root.Subcommands.Add(ExportCommand.Build(environment));
        root.Subcommands.Add(ReportCommands.Build(environment));
        root.Subcommands.Add(CalendarCommands.Build(environment));
        return root;
    }

    /// <summary>Parse and run <paramref name="args"/>, writing to the given writers; returns the exit code.</summary>
    public static int Invoke(IReadOnlyList<string> args, TextWriter output, TextWriter error, CliEnvironment? environment = null) =>
        InvokeAsync(args, output, error, environment).GetAwaiter().GetResult();

    /// <inheritdoc cref="Invoke"/>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CliEnvironment? environment = null)
    {
        var parseResult = BuildRootCommand(environment ?? CliEnvironment.Captured()).Parse(args);

        // A mistyped option of a leaf command gets its one-line error, not the error buried under the help text;
        // a missing subcommand still shows the help listing the ones available.
        if (parseResult.Action is ParseErrorAction parseError && parseResult.CommandResult.Command.Subcommands.Count == 0)
        {
            parseError.ShowHelp = false;
        }

        return parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
