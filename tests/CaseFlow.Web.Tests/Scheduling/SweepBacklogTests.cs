using CaseFlow.Data.Deadlines;
using CaseFlow.Web.Scheduling;
using Hangfire.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Tests.Scheduling;

/// <summary>The deadline sweep job raising and clearing <see cref="SweepBacklog"/> as its batches come back full or short.</summary>
public sealed class SweepBacklogTests
{
    [Fact]
    public async Task ADrainOfFullBatches_HoldsTheDeliveryBackFromTheSecondBatchOn_AndReleasesItWhenTheDrainEnds()
    {
        await using var world = await SchedulingHost.CreateAsync();
        await world.RegisterManyAsync(5, daysAgo: 10);
        var backlog = new SweepBacklog();
        var seen = new List<bool>();
        using var storage = new InMemoryStorage();

        // The sweeper reads the clock once at the start of each batch: that is where the job's flag is looked at.
        var job = Job(world, storage, new ProbingClock(world.Clock, () => seen.Add(backlog.DeliveryYields)), backlog, batchSize: 2);
        await job.RunAsync(CancellationToken.None);

        seen.Should().HaveCountGreaterThanOrEqualTo(3, "five cases due in batches of two take at least three batches");
        seen[0].Should().BeFalse("nothing was known to be waiting before the first batch");
        seen.Skip(1).Should().OnlyContain(yields => yields, "every batch after a full one is part of the drain");
        backlog.DeliveryYields.Should().BeFalse("the last batch came back short");
        (await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(5);
    }

    [Fact]
    public async Task ASweepThatFitsInOneBatch_NeverHoldsTheDeliveryBack()
    {
        await using var world = await SchedulingHost.CreateAsync();
        await world.RegisterAsync(daysAgo: 10);
        var backlog = new SweepBacklog();
        var seen = new List<bool>();
        using var storage = new InMemoryStorage();

        var job = Job(world, storage, new ProbingClock(world.Clock, () => seen.Add(backlog.DeliveryYields)), backlog, batchSize: 500);
        await job.RunAsync(CancellationToken.None);

        seen.Should().ContainSingle().Which.Should().BeFalse();
        backlog.DeliveryYields.Should().BeFalse();
        (await world.CountAsync("SELECT COUNT(*) FROM cases WHERE state = 'Level2AwaitingAcceptance'")).Should().Be(1);
    }

    private static DeadlineSweepJob Job(SchedulingHost world, InMemoryStorage storage, TimeProvider clock, SweepBacklog backlog, int batchSize)
    {
        var options = Options.Create(new SchedulingOptions { BatchSize = batchSize, SweepPollMilliseconds = 0 });
        return new DeadlineSweepJob(
            new DeadlineSweeper(world.Db, world.Commands, clock), storage, new SweepRecord(storage, world.Clock), backlog, options,
            NullLogger<DeadlineSweepJob>.Instance);
    }

    /// <summary>The world's clock, calling <paramref name="probe"/> each time it is read.</summary>
    private sealed class ProbingClock(TimeProvider inner, Action probe) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            probe();
            return inner.GetUtcNow();
        }
    }
}
