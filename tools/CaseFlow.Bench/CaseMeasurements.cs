using System.Diagnostics;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Workflow;

namespace CaseFlow.Bench;

/// <summary>M1–M3: the workflow engine, the durable transition and registration.</summary>
public static class CaseMeasurements
{
    /// <summary>M1: Fire on the shared case workflow (guards evaluated, state stored outside the machine).</summary>
    public static async Task<(Result Rate, Result Bytes)> FireAsync(int rounds)
    {
        var machine = CaseWorkflow.Machine;
        var c = new BenchCase();
        var extension = new DeadlineExtension(1, true, true);

        void Round()
        {
            c.State = CaseState.Registered;
            machine.Fire(c, CaseWorkflow.Grade, RiskColor.Yellow);
            machine.Fire(c, CaseWorkflow.Accept, 42L);
            machine.Fire(c, CaseTrigger.RecordSession);
            machine.Fire(c, CaseWorkflow.ExtendDeadline, extension);
            machine.Fire(c, CaseTrigger.Escalate);
        }

        var bytesPerFire = new List<double>();
        var rate = await Measure.RunAsync("M1 workflow Fire (case workflow, guards, external state)", "fires/s", () =>
        {
            // Timestamps, not a Stopwatch object: the measurement itself must not allocate.
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < rounds; i++)
            {
                Round();
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            bytesPerFire.Add((GC.GetAllocatedBytesForCurrentThread() - before) / (rounds * 5.0));
            return Task.FromResult(rounds * 5 / elapsed.TotalSeconds);
        });
        bytesPerFire.Sort();
        var bytes = new Result("M1 bytes allocated per Fire", "bytes", bytesPerFire[0], bytesPerFire[bytesPerFire.Count / 2], bytesPerFire[^1]);
        Console.WriteLine(Measure.Row(bytes));
        return (rate, bytes.Goal("0 bytes", median => median == 0));
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

    private sealed class BenchCase : IWorkflowCase
    {
        public CaseState State { get; set; }

        public bool HasMinimumFacts => true;

        public int LastMediationLevel => 1;

        public bool IsWithinReopenWindow => false;

        public void SetState(CaseState state) => State = state;
    }
}
