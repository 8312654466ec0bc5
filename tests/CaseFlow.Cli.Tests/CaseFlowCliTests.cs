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

    [Theory]
    [InlineData("users", "add")]
    [InlineData("users", "list")]
    [InlineData("seed")]
    [InlineData("import")]
    [InlineData("export")]
    [InlineData("report", "monthly")]
    [InlineData("db", "migrate")]
    [InlineData("workflow", "diagram")]
    public void Help_OfEveryCommand_DescribesItsOptions(params string[] command)
    {
        var run = CliRun.Of([.. command, "--help"]);

        run.ExitCode.Should().Be(0);
        run.Output.Should().Contain("Usage:").And.Contain("Options:");
        if (command[0] is not "workflow")
        {
            run.Output.Should().Contain("--connection");
        }
    }

    [Fact]
    public void ImportHelp_SaysALedgerRowIsAWorker_AndWhichRowsMakeACase()
    {
        var run = CliRun.Of("import", "--help");

        run.Output.Should().Contain("One row per worker").And.Contain("登记日期 and 统一社会信用代码 are one case");
    }

    [Fact]
    public void NoCommand_FailsAndShowsTheCommandsAvailable()
    {
        var run = CliRun.Of();

        run.ExitCode.Should().NotBe(0);
        run.Output.Should().Contain("workflow");
    }
}
