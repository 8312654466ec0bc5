using System.Diagnostics;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Bench;

/// <summary>M1–M3: the workflow engine, the durable transition and registration.</summary>
public static class CaseMeasurements
{
    /// <summary>
    /// M1: one action on a case in memory, as every handler runs it: the case's own workflow machine built for the
    /// unit of work, the guards, the trigger fired, the event appended. Each round restores a case awaiting acceptance
    /// and accepts, records a session, extends the limit and escalates it (four actions).
    /// </summary>
    public static async Task<(Result Rate, Result Bytes)> FireAsync(int rounds)
    {
        const int actionsPerRound = 4;
        var chain = new List<OrgUnit>
        {
            new(4, 3, UnitKind.Enterprise, "基准企业调解小组", "/1/2/3/4/"),
            new(3, 2, UnitKind.Village, "基准村", "/1/2/3/"),
            new(2, 1, UnitKind.Town, "基准镇", "/1/2/"),
            new(1, null, UnitKind.County, "基准县", "/1/"),
        };
        var routing = new CaseRouting(chain, MediationLadder.Anji);
        var snapshot = new CaseSnapshot
        {
            Id = 1,
            Number = "BENCH-1",
            FirstReceivedAt = DateTimeOffset.UnixEpoch,
            ReceivedAtLevel = DateTimeOffset.UnixEpoch,
            EnterpriseId = 1,
            LocationUnitId = 4,
            UnitId = 4,
            State = CaseState.Level1AwaitingAcceptance,
            RiskColor = RiskColor.Yellow,
            Workers = [new CaseWorker("基准", "330523199001011238", "13812345678", 1000m, 0.5m)],
        };
        var ctx = new ActionContext(DateTimeOffset.UnixEpoch.AddDays(1), 42);
        var session = new MediationSession(ctx.Now, "基准调解记录");
        var extension = new DeadlineExtension(1, true, true);

        void Round()
        {
            var c = DisputeCase.Restore(snapshot);
            c.Accept(42, ctx);
            c.RecordSession(session, ctx);
            c.ExtendDeadline(extension, ctx);
            c.Escalate(routing, ctx);
        }

        var bytesPerAction = new List<double>();
        var rate = await Measure.RunAsync("M1 case action in memory (machine built per case, guards, fire, event)", "actions/s", () =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < rounds; i++)
            {
                Round();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            bytesPerAction.Add((GC.GetAllocatedBytesForCurrentThread() - before) / (rounds * (double)actionsPerRound));
            return Task.FromResult(rounds * actionsPerRound / elapsed.TotalSeconds);
        });
        Console.WriteLine($"M1 = {1e6 / rate.Median:F2} µs per action (median)");
        bytesPerAction.Sort();
        var bytes = new Result("M1 bytes allocated per action", "bytes", bytesPerAction[0], bytesPerAction[bytesPerAction.Count / 2], bytesPerAction[^1]);
        Console.WriteLine(Measure.Row(bytes));
        return (rate, bytes);
    }

    /// <summary>
    /// M2: the durable transition — load the case in jurisdiction, fire, write case + event + deadlines + audit, commit.
    /// Each sample records a session on <paramref name="count"/> cases in mediation.
    /// </summary>
    public static async Task<Result> TransitionAsync(BenchDatabase bench, int count)
    {
        var (village, mediator) = await bench.SmallCountyAsync();
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            var id = (await bench.Commands.RegisterAsync(Registration(village, i), CaseActor.System)).Case.Id;
            await bench.Commands.ActAsync(id, null, CaseActor.System, (c, _, ctx) => c.Accept(mediator, ctx));
            ids.Add(id);
        }

        var session = new MediationSession(DateTimeOffset.UnixEpoch, "基准调解记录");
        return await Measure.RunAsync("M2 durable transition (load, fire, write, commit)", "transitions/s", () =>
            Measure.RateAsync(count, i => bench.Commands.ActAsync(ids[i], null, CaseActor.System, (c, _, ctx) => c.RecordSession(session, ctx))));
    }

    /// <summary>M3 (single): register one case per transaction — validate, grade, route, insert case, parties, event, deadlines.</summary>
    public static async Task<Result> RegisterAsync(BenchDatabase bench, int count)
    {
        var (village, _) = await bench.SmallCountyAsync();
        var n = 0;
        return await Measure.RunAsync("M3 register a case, one transaction each", "cases/s", () =>
            Measure.RateAsync(count, _ => bench.Commands.RegisterAsync(Registration(village, n++), CaseActor.System)));
    }

    private static CaseRegistration Registration(long village, int i) =>
        SweepMeasurements.Registration(village, i, TimeProvider.System.GetUtcNow());
}
