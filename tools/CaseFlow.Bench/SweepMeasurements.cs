using System.Diagnostics;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Bench;

/// <summary>M3 (batched) and M4: the import path's batches, and the deadline sweep under a pile of due limits.</summary>
public static class SweepMeasurements
{
    /// <summary>M3 (batched): registration through the ledger-import path, 1,000 cases per transaction.</summary>
    public static async Task<Result> BatchedRegisterAsync(BenchDatabase bench, int batches)
    {
        var (village, _) = await bench.SmallCountyAsync();
        var commands = new CaseBatchCommands(bench.Db, bench.Store, bench.Orgs, new RiskGrader(new GradingOptions()), new DeadlinePlanner(bench.Calculator), TimeProvider.System);
        var n = 0;
        return await Measure.RunAsync("M3 register, import path: 1,000 cases per transaction", "cases/s", async () =>
        {
            var started = Stopwatch.GetTimestamp();
            for (var b = 0; b < batches; b++)
            {
                var batch = Enumerable.Range(0, 1000).Select(_ => new KeyedRegistration(null, Registration(village, n++, TimeProvider.System.GetUtcNow()))).ToList();
                await commands.RegisterAsync(batch, CaseActor.System);
            }

            return batches * 1000 / Stopwatch.GetElapsedTime(started).TotalSeconds;
        });
    }

    /// <summary>
    /// M4: <paramref name="due"/> level limits fall due at once and the sweep escalates each through the case handler.
    /// Each sample: fresh cases, their other deadline rows removed so only escalations are due, then sweeps in the
    /// scheduler's batches from the moment they fall due. Lag is measured per commit: a row's lag is the time from
    /// the due instant to the commit of the sweep that escalated it (rows share commits of 50).
    /// </summary>
    public static async Task<(Result Rate, Result P50, Result P95, Result Max)> SweepAsync(int due, int repetitions)
    {
        var rates = new List<double>();
        var p50 = new List<double>();
        var p95 = new List<double>();
        var max = new List<double>();
        for (var rep = 0; rep <= repetitions; rep++)
        {
            await using var bench = await BenchDatabase.CreateAsync();
            var (village, _) = await bench.SmallCountyAsync();
            var clock = new ShiftedClock();
            var commands = new CaseCommands(bench.Db, bench.Store, bench.Orgs, new RiskGrader(new GradingOptions()), new DeadlinePlanner(bench.Calculator), clock);
            var batch = new CaseBatchCommands(bench.Db, bench.Store, bench.Orgs, new RiskGrader(new GradingOptions()), new DeadlinePlanner(bench.Calculator), clock);
            var received = clock.GetUtcNow();
            for (var i = 0; i < due; i += 1000)
            {
                await batch.RegisterAsync([.. Enumerable.Range(i, Math.Min(1000, due - i)).Select(k => new KeyedRegistration(null, Registration(village, k, received)))], CaseActor.System);
            }

            DateTimeOffset dueAt;
            await using (var connection = await bench.Db.OpenAsync())
            {
                await connection.ExecuteAsync("DELETE FROM case_deadlines WHERE kind <> 'level_limit'");
                dueAt = await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT MAX(due_at) FROM case_deadlines");
            }

            // From here the clock reads real time shifted so that the limits fall due right now.
            clock.Offset = dueAt - TimeProvider.System.GetUtcNow();
            var sweeper = new DeadlineSweeper(bench.Db, commands, clock);
            var lags = new List<double>(due);
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var result = await sweeper.SweepAsync(DeadlineSweeper.RowsPerCommit);
                var lag = Stopwatch.GetElapsedTime(started).TotalSeconds;
                lags.AddRange(Enumerable.Repeat(lag, result.Transitions));
                if (result.Due < DeadlineSweeper.RowsPerCommit)
                {
                    break;
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (lags.Count != due)
            {
                throw new InvalidOperationException($"The sweep escalated {lags.Count} of {due} cases.");
            }

            if (rep == 0)
            {
                continue; // warm-up
            }

            lags.Sort();
            rates.Add(due / elapsed);
            p50.Add(lags[lags.Count / 2]);
            p95.Add(lags[(int)(lags.Count * 0.95)]);
            max.Add(lags[^1]);
        }

        return (
            Summarise($"M4 sweep: {due:N0} due limits escalated", "escalations/s", rates),
            Summarise("M4 lag from due time to escalation, p50", "s", p50),
            Summarise("M4 lag from due time to escalation, p95", "s", p95),
            Summarise("M4 lag from due time to escalation, max", "s", max).Goal("all within 2 s of due time", m => m <= 2));
    }

    private static Result Summarise(string name, string unit, List<double> values)
    {
        values.Sort();
        var result = new Result(name, unit, values[0], values[values.Count / 2], values[^1]);
        Console.WriteLine(Measure.Row(result));
        return result;
    }

    internal static CaseRegistration Registration(long village, int i, DateTimeOffset receivedAt) => new()
    {
        Channel = Channel.WalkIn,
        ReceivedAt = receivedAt,
        Enterprise = new EnterpriseRef(null, $"基准企业{i % 50}", null, village),
        Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", 3000m + (i % 1000), 0.5m)],
    };

    /// <summary>Real time, moved by an offset the measurement sets: the sweep sees deadlines fall due as it starts.</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
