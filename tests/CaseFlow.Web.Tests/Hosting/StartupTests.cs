using CaseFlow.Web.Tests.Infrastructure;

namespace CaseFlow.Web.Tests.Hosting;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_WithInvalidOptions_FailsWithEveryProblemNamed()
    {
        await using var app = new MisconfiguredApp();

        var start = () => app.InitializeAsync();

        var failure = await start.Should().ThrowAsync<InvalidOperationException>();
        failure.Which.Message.Should().Contain("CaseFlow cannot start")
            .And.Contain("Grading: OrangeWorkersFrom must be above 1")
            .And.Contain("TimeLimits:ArbitrationRightDays must be at least 1")
            .And.Contain("Auth:MaxFailedAttempts must be at least 1")
            .And.Contain("Hosting:MaxRequestBodyBytes must be at least 1024")
            .And.Contain("Dashboard:FiguresSeconds must be between 0 and 300 (was 301)");
    }

    private sealed class MisconfiguredApp : CaseFlowApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Grading:OrangeWorkersFrom"] = "1",
            ["TimeLimits:ArbitrationRightDays"] = "0",
            ["Auth:MaxFailedAttempts"] = "0",
            ["Hosting:MaxRequestBodyBytes"] = "10",
            ["Dashboard:FiguresSeconds"] = "301",
        };
    }
}
