using CaseFlow.Cli.Commands;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Cli.Tests.Commands;

public class WorkflowCommandsTests
{
    [Fact]
    public void Diagram_WithoutFormat_PrintsTheMermaidDiagram()
    {
        var run = CliRun.Of("workflow", "diagram");

        run.ExitCode.Should().Be(0);
        run.Output.Should().StartWith("stateDiagram-v2\n").And.Be(CaseWorkflow.Diagram(DiagramFormat.Mermaid));
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Diagram_FormatDot_PrintsTheDotDiagram()
    {
        var run = CliRun.Of("workflow", "diagram", "--format", "dot");

        run.ExitCode.Should().Be(0);
        run.Output.Should().StartWith("digraph {").And.Contain("subgraph \"clusterMediation\"");
    }

    [Fact]
    public void Diagram_UnknownFormat_FailsWithAOneLineMessage()
    {
        var run = CliRun.Of("workflow", "diagram", "--format", "nonsense");

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().BeEmpty();
        run.Error.Trim().Should().Be("Unknown format 'nonsense': use mermaid or dot.");
    }

    [Fact]
    public void Diagram_WithOutputFile_WritesTheFileInsteadOfPrinting()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"caseflow-cli-{Guid.NewGuid():N}");
        var file = Path.Combine(directory, "docs", "workflow.md");
        try
        {
            var run = CliRun.Of("workflow", "diagram", "--markdown", "--output", file);

            run.ExitCode.Should().Be(0);
            run.Output.Should().BeEmpty();
            File.ReadAllText(file).Should().Be(WorkflowCommands.RenderMarkdown(WorkflowCommands.Mermaid));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void DocsWorkflowMd_MatchesTheGeneratedDiagram()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "workflow.md");
        File.Exists(path).Should().BeTrue($"docs/workflow.md should exist; create it from the repository root with: {WorkflowCommands.RegenerateDocs}");

        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");

        committed.Should().Be(
            WorkflowCommands.RenderMarkdown(WorkflowCommands.Mermaid),
            $"docs/workflow.md must show the workflow as the code defines it; regenerate it from the repository root with: {WorkflowCommands.RegenerateDocs}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CaseFlow.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CaseFlow.sln above {AppContext.BaseDirectory}.");
    }
}
