using CaseFlow.Data;
using CaseFlow.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>
/// Between ticks a run keeps looking for newly due rows (Scheduling:SweepPollMilliseconds), so a limit that falls due
/// just after a pass does not wait for the next tick.
/// </summary>
public sealed class SweepLingerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ALimitFallingDueJustAfterAPass_IsEscalatedByTheRunStillLingering_BeforeAnyRunHasEnded()
    {
        await using var world = await SchedulingHost.CreateAsync();

        // A long interval: the run that made the first pass lingers for 19 s, and the next tick is 20 s away.
        world.Settings["Scheduling:SweepIntervalSeconds"] = "20";
        world.Settings["Scheduling:SweepPollMilliseconds"] = "100";
        var received = await world.RegisterAsync(daysAgo: 0);
        using var host = world.Build();
        var record = host.Services.GetRequiredService<SweepRecord>();
        var runs = host.Services.GetRequiredService<JobRuns>();
        await host.StartAsync();
        var swept = await SchedulingHost.EventuallyAsync(() => Task.FromResult(record.Last() is not null), Patience);
        var endedBefore = runs.Count(DeadlineSweepJob.Id);
        var escalationsBefore = await world.EscalationsAsync(received);

        // The limit (five days from receipt) falls due now, right after that pass.
        world.Clock.Advance(TimeSpan.FromDays(10));
        var escalated = await SchedulingHost.EventuallyAsync(async () => await world.EscalationsAsync(received) == 1, TimeSpan.FromSeconds(15));
        var endedAtEscalation = runs.Count(DeadlineSweepJob.Id);
        await host.StopAsync();

        swept.Should().BeTrue("the first run made a pass");
        escalationsBefore.Should().Be(0, "the limit was not yet due at the first pass");
        escalated.Should().BeTrue();
        (endedBefore, endedAtEscalation).Should().Be((0, 0), "the run that made the first pass was still looking when the limit fell due, and swept it");
    }

    [Theory]
    [InlineData(5, 250, true)]
    [InlineData(5, 0, true)]
    [InlineData(5, 5000, false)]
    [InlineData(5, -1, false)]
    public void SweepPollMilliseconds_IsOffOrShorterThanTheInterval(int intervalSeconds, int pollMilliseconds, bool valid)
    {
        var options = new SchedulingOptions { SweepIntervalSeconds = intervalSeconds, SweepPollMilliseconds = pollMilliseconds };

        var problems = options.Validate(DatabaseProvider.Sqlite);

        if (valid)
        {
            problems.Should().BeEmpty();
        }
        else
        {
            problems.Should().ContainSingle().Which.Should().Contain("Scheduling:SweepPollMilliseconds");
        }
    }

    [Theory]
    [InlineData(5, 250, 4)]
    [InlineData(1, 250, 0)]
    [InlineData(5, 0, 0)]
    public void SweepLinger_LastsUntilASecondBeforeTheNextTick_AndNotAtAllWhenOffOrAtOneSecond(int intervalSeconds, int pollMilliseconds, int lingerSeconds)
    {
        new SchedulingOptions { SweepIntervalSeconds = intervalSeconds, SweepPollMilliseconds = pollMilliseconds }.SweepLinger
            .Should().Be(TimeSpan.FromSeconds(lingerSeconds));
    }
}
