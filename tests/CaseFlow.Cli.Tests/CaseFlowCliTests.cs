namespace CaseFlow.Cli.Tests;

public class CaseFlowCliTests
{
    [Fact]
    public void Help_ListsTheWorkflowCommand()
    {
        var run = CliRun.Of("--help");

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("Commands:").And.MatchRegex(@"\n\s+workflow\s");
    }

    [Fact]
    public void NoCommand_FailsAndShowsTheCommandsAvailable()
    {
        var run = CliRun.Of();

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("workflow");
    }
}
