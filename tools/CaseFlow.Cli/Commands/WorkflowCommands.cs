using System.CommandLine;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow workflow …</c>: the case workflow as a diagram.</summary>
internal static class WorkflowCommands
{
    public const string Mermaid = "mermaid";
    public const string Dot = "dot";

    /// <summary>The command that regenerates docs/workflow.md, run from the repository root.</summary>
    public const string RegenerateDocs = "dotnet run --project tools/CaseFlow.Cli -- workflow diagram --markdown --output docs/workflow.md";

    public static Command Build()
    {
        var workflow = new Command("workflow", "The case workflow.");
        workflow.Subcommands.Add(BuildDiagram());
        return workflow;
    }

    /// <summary>The diagram in the given format: Mermaid stateDiagram-v2 or Graphviz DOT.</summary>
    public static string Render(string format) => format == Dot
        ? CaseWorkflow.Diagram(DiagramFormat.Dot)
        : CaseWorkflow.Diagram(DiagramFormat.Mermaid);

    /// <summary>The diagram as a Markdown page: the content of docs/workflow.md for the Mermaid format.</summary>
    public static string RenderMarkdown(string format) =>
        "The case workflow defined in `src/CaseFlow.Domain/Cases/CaseWorkflow.cs` (DESIGN §4), drawn by the workflow library from its " +
        "configuration: bracketed text is a transition's guard (a `workflow.*` code is the refusal code given when it fails), and " +
        $"a Decision node is where the colour or the last level picks the destination; regenerate this file with `{RegenerateDocs}`.\n" +
        "\n" +
        $"```{format}\n" +
        Render(format) +
        "```\n";

    private static Command BuildDiagram()
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "The diagram language.",
            HelpName = $"{Mermaid}|{Dot}",
            DefaultValueFactory = _ => Mermaid,
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not (Mermaid or Dot))
            {
                result.AddError($"Unknown format '{value}': use {Mermaid} or {Dot}.");
            }
        });

        var markdown = new Option<bool>("--markdown")
        {
            Description = "Wrap the diagram in a Markdown page, as committed in docs/workflow.md.",
        };

        var output = new Option<FileInfo?>("--output", "-o")
        {
            Description = "Write to this file instead of standard output.",
        };

        var diagram = new Command("diagram", "Print the case workflow as a diagram.") { format, markdown, output };
        diagram.SetAction(parseResult =>
        {
            var chosen = parseResult.GetValue(format) ?? Mermaid;
            var text = parseResult.GetValue(markdown) ? RenderMarkdown(chosen) : Render(chosen);
            if (parseResult.GetValue(output) is { } file)
            {
                try
                {
                    Directory.CreateDirectory(file.DirectoryName!);
                    File.WriteAllText(file.FullName, text);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"Cannot write {file.FullName}: {e.Message}");
                    return 1;
                }
            }
            else
            {
                parseResult.InvocationConfiguration.Output.Write(text);
            }

            return 0;
        });
        return diagram;
    }
}
