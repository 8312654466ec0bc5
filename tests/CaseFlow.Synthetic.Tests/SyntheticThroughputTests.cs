using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace CaseFlow.Synthetic.Tests;

/// <summary>
/// How long bulk generation takes, written to the test output and not asserted, as the machine is shared.
/// 200,000 cases by default; set CASEFLOW_SYNTHETIC_CASES=1000000 to time a full-size seed.
/// </summary>
public class SyntheticThroughputTests(ITestOutputHelper output)
{
    [Fact]
    public void Cases_InBulkOverTwoCounties_StreamInOrderAndAreAllCounted()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("CASEFLOW_SYNTHETIC_CASES"), CultureInfo.InvariantCulture, out var n)
            ? n
            : 200_000;
        var generator = AGenerator.WithSeed(11).Build();

        var clock = Stopwatch.StartNew();
        var count = 0;
        var workers = 0L;
        var ordered = true;
        var last = DateTimeOffset.MinValue;
        var previousPrefix = "";
        foreach (var synthetic in generator.Cases(total, new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31)))
        {
            var prefix = synthetic.Case.Number[..2];
            ordered &= prefix != previousPrefix || synthetic.Case.ReceivedAt >= last;
            previousPrefix = prefix;
            last = synthetic.Case.ReceivedAt;
            workers += synthetic.Case.Workers.Count;
            count++;
        }

        clock.Stop();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{count:N0} cases ({workers:N0} workers) over {generator.Counties.Count} counties in {clock.Elapsed.TotalSeconds:F2} s " +
            $"({count / clock.Elapsed.TotalSeconds:N0} cases/s) on {Environment.ProcessorCount} cores"));
        count.Should().Be(total);
        ordered.Should().BeTrue("each county's cases stream in order of receipt");
    }
}
