using System.Globalization;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Reports;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;
using Xunit.Abstractions;

namespace CaseFlow.Data.Tests.Reports;

/// <summary>
/// The per-unit summary the dashboard reads (migration 0018) against the cases it summarises: after a random mix of
/// every kind of write, and after a rebuild. The aggregate it is compared with is computed here, in C#, from the case
/// rows, not by the SQL that maintains or rebuilds the summary.
/// </summary>
public abstract class CaseSummaryTests<TDatabase>(TDatabase fixture, ITestOutputHelper output) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private const int Operations = 10_000;
    private const int ReopenWindowDays = 30;

    private static readonly CaseTrigger[] Driven =
    [
        CaseTrigger.Accept, CaseTrigger.Escalate, CaseTrigger.RiskRaised, CaseTrigger.ReachAgreement, CaseTrigger.ConfirmPerformance,
        CaseTrigger.PerformanceOverdue, CaseTrigger.Refer, CaseTrigger.CloseReferral, CaseTrigger.RecordFollowUp, CaseTrigger.Withdraw,
        CaseTrigger.Reject, CaseTrigger.Reopen, CaseTrigger.ExtendDeadline,
    ];

    [DatabaseFact]
    public async Task Summary_AfterTenThousandRandomOperations_EqualsAnAggregateOfTheCases()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CASEFLOW_SUMMARY_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var fixedSeed)
            ? fixedSeed
            : Random.Shared.Next();
        output.WriteLine($"seed {seed} (set CASEFLOW_SUMMARY_SEED={seed} to replay)");
        var random = new Random(seed);
        var county = await ACounty.CreateAsync(Fixture);
        var clock = Fixture.Clock;
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        var batches = new CaseBatchCommands(
            Db, county.Store, new OrgStore(Db, clock), new RiskGrader(new GradingOptions()), new DeadlinePlanner(calculator), clock);
        var sweeper = new DeadlineSweeper(Db, county.Commands, clock);
        var ids = new List<long>();
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string what, int n = 1) => done[what] = done.GetValueOrDefault(what) + n;

        for (var op = 0; op < Operations; op++)
        {
            var roll = random.Next(100);
            if (roll < 20 || ids.Count < 20)
            {
                var c = (await county.Commands.RegisterAsync(Registration(county, random), county.CountyManager)).Case;
                ids.Add(c.Id);
                Count("register");
            }
            else if (roll < 24)
            {
                var batch = Enumerable.Range(0, random.Next(1, 6))
                    .Select(_ => new KeyedRegistration(null, Registration(county, random, history: random.Next(3) == 0 ? History(clock, random) : null)))
                    .ToList();
                var result = await batches.RegisterAsync(batch, county.CountyManager);
                ids.AddRange(result.Registered.Select(r => r.Id));
                Count("import", result.Registered.Count);
            }
            else if (roll < 26)
            {
                clock.Advance(TimeSpan.FromHours(random.Next(12, 72)));
                var swept = await sweeper.SweepAsync(batchSize: 50);
                Count("sweep");
                Count("swept transitions", swept.Transitions);
            }
            else if (roll < 30)
            {
                clock.Advance(TimeSpan.FromMinutes(random.Next(1, 600)));
            }
            else
            {
                var id = ids[random.Next(ids.Count)];
                var fired = await ActAsync(county, id, random);
                Count(fired?.ToString() ?? "nothing to do");
            }
        }

        output.WriteLine(string.Join(", ", done.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} {d.Value}")));
        var (expectedCells, expectedWeeks) = await AggregateOfTheCasesAsync();
        var (cells, weeks) = await SummaryAsync();

        cells.Should().BeEquivalentTo(expectedCells, $"the summary is the aggregate of the cases (seed {seed})");
        weeks.Should().BeEquivalentTo(expectedWeeks, $"the weekly summary is the aggregate of the cases (seed {seed})");

        // The mix reached every kind of change the summary must follow.
        foreach (var what in new[] { "register", "import", "swept transitions", "Accept", "Escalate", "RiskRaised", "Withdraw", "Reopen", "RecordFollowUp", "ConfirmPerformance", "CloseReferral" })
        {
            done.GetValueOrDefault(what).Should().BeGreaterThan(0, $"the operations include {what} (seed {seed})");
        }

        expectedCells.Select(c => c.UnitId).Distinct().Should().HaveCountGreaterThan(2, "cases moved between units");
        expectedCells.Should().Contain(c => !c.IsOpen).And.Contain(c => c.IsOpen);
    }

    [DatabaseFact]
    public async Task Rebuild_AfterTheSummaryDrifted_RestoresTheAggregate_AndCountsTheWrongRows()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var open = (await county.Commands.RegisterAsync(county.Dispute(amount: 800m), county.CountyManager)).Case;
        var closed = (await county.Commands.RegisterAsync(county.Dispute(amount: 1200m), county.CountyManager)).Case;
        await county.Commands.ActAsync(closed.Id, 1, county.CountyManager, (c, _, ctx) => c.Withdraw(ctx));
        await using (var connection = await Db.OpenAsync())
        {
            // What a hand edit of the cases table, or a bug, would leave behind.
            await connection.ExecuteAsync("UPDATE case_summary SET cases = cases + 3 WHERE unit_id = @Unit", new { Unit = open.UnitId });
            await connection.ExecuteAsync("DELETE FROM case_week_summary");
        }

        var rebuilt = await Db.InTransactionAsync((c, t) => CaseSummaryWriter.For(Dialect).RebuildAsync(c, t));
        var (expectedCells, expectedWeeks) = await AggregateOfTheCasesAsync();
        var (cells, weeks) = await SummaryAsync();

        cells.Should().BeEquivalentTo(expectedCells);
        weeks.Should().BeEquivalentTo(expectedWeeks);
        rebuilt.WrongCells.Should().BeGreaterThan(0);
        rebuilt.WrongUnitWeeks.Should().Be(expectedWeeks.Count, "every unit-week had been deleted");
        rebuilt.Cells.Should().Be(expectedCells.Count);
        var again = await Db.InTransactionAsync((c, t) => CaseSummaryWriter.For(Dialect).RebuildAsync(c, t));
        again.Should().Be(rebuilt with { WrongCells = 0, WrongUnitWeeks = 0 });
    }

    [DatabaseFact]
    public async Task Transition_ThatFailsOnAStaleVersion_MovesNothing_EvenWhenItsTransactionCommits()
    {
        var county = await ACounty.CreateAsync(Fixture);
        var c = (await county.Commands.RegisterAsync(county.Dispute(), county.CountyManager)).Case;
        await county.Commands.ActAsync(c.Id, 1, county.CountyManager, (x, _, ctx) => x.Accept(county.Mediator, ctx));

        // The write is refused, the caller swallows the refusal and commits what else it did: the summary must not move.
        var refused = await Db.InTransactionAsync(async (connection, transaction) =>
        {
            var loaded = (await county.Store.LoadAsync(connection, transaction, c.Id, county.CountyPath))!;
            await connection.ExecuteAsync("UPDATE cases SET version = version + 1 WHERE id = @Id", new { c.Id }, transaction);
            loaded.Withdraw(new ActionContext(Fixture.Clock.GetUtcNow(), county.Mediator, null));
            try
            {
                await county.Store.SaveAsync(connection, transaction, loaded, [], county.CountyManager.Audit);
                return false;
            }
            catch (CaseConcurrencyException)
            {
                return true;
            }
        });

        refused.Should().BeTrue();
        var (expectedCells, expectedWeeks) = await AggregateOfTheCasesAsync();
        var (cells, weeks) = await SummaryAsync();
        cells.Should().BeEquivalentTo(expectedCells);
        weeks.Should().BeEquivalentTo(expectedWeeks);
        cells.Should().Contain(x => x.UnitId == c.UnitId && x.IsOpen && x.State == nameof(CaseState.Level1InMediation));
    }

    private static CaseRegistration Registration(ACounty county, Random random, CaseHistory? history = null)
    {
        var signals = random.Next(6) switch
        {
            0 => RiskSignals.EmployerAbsconded,
            1 => RiskSignals.CollectiveAction,
            _ => RiskSignals.None,
        };
        var amount = Math.Round((decimal)random.Next(100, 5_000_000) / 100m, 2);
        return county.Dispute(
                amount: amount,
                months: random.Next(5) * 0.5m,
                signals: signals,
                enterprise: random.Next(2) == 0 ? county.EnterpriseWithGroup : county.EnterpriseInTownB) with
        {
            DeclaredWorkers = random.Next(4) == 0 ? random.Next(1, 40) : 0,
            History = history,
        };
    }

    private static CaseHistory History(TimeProvider clock, Random random) =>
        new(random.Next(2) == 0 ? CaseState.Closed : CaseState.Withdrawn, clock.GetUtcNow().AddDays(-random.Next(1, 90)), "已结案", random.Next(0, 3000));

    /// <summary>One action the case allows now, chosen at random; null when it allows none of those driven here.</summary>
    private async Task<CaseTrigger?> ActAsync(ACounty county, long id, Random random)
    {
        CaseTrigger? chosen = null;
        try
        {
            await county.Commands.ActAsync(
                id,
                null,
                county.CountyManager,
                (c, routing, ctx) =>
                {
                    var allowed = c.Availability(ctx.Now, ReopenWindowDays).Where(a => a.Allowed && Driven.Contains(a.Action)).ToList();
                    if (allowed.Count == 0)
                    {
                        throw new NothingToDoException();
                    }

                    chosen = allowed[random.Next(allowed.Count)].Action;
                    switch (chosen)
                    {
                        case CaseTrigger.Accept: c.Accept(county.Mediator, ctx); break;
                        case CaseTrigger.Escalate: c.Escalate(routing, ctx); break;
                        case CaseTrigger.RiskRaised: c.OverrideRisk((RiskColor)random.Next(1, 4), routing, ctx); break;
                        case CaseTrigger.ReachAgreement: c.ReachAgreement(new AgreementTerms(c.AmountOwed, ChinaTime.DateOf(ctx.Now).AddDays(random.Next(1, 20)), "转账"), ctx); break;
                        case CaseTrigger.ConfirmPerformance: c.ConfirmPerformance(Math.Round(c.AmountOwed * (decimal)random.NextDouble(), 2), ctx); break;
                        case CaseTrigger.PerformanceOverdue: c.PerformanceOverdue(ctx); break;
                        case CaseTrigger.Refer: c.Refer(new Referral(ReferralBody.Arbitration, "仲裁-" + id.ToString(CultureInfo.InvariantCulture)), ctx); break;
                        case CaseTrigger.CloseReferral: c.CloseReferral("仲裁裁决", ctx); break;
                        case CaseTrigger.RecordFollowUp: c.RecordFollowUp(new FollowUp(random.Next(1, 6), null), ctx); break;
                        case CaseTrigger.Withdraw: c.Withdraw(ctx); break;
                        case CaseTrigger.Reject: c.Reject(ctx); break;
                        case CaseTrigger.Reopen: c.Reopen(routing, ReopenWindowDays, ctx); break;
                        case CaseTrigger.ExtendDeadline: c.ExtendDeadline(new DeadlineExtension(random.Next(1, 5), true, true), ctx); break;
                    }
                },
                reason: "随机操作");
            return chosen;
        }
        catch (NothingToDoException)
        {
            return null;
        }
        catch (CaseActionRefusedException)
        {
            // An argument the availability list does not judge (a colour no higher than the case's, say): nothing written.
            return null;
        }
    }

    private async Task<(List<Cell> Cells, List<Week> Weeks)> AggregateOfTheCasesAsync()
    {
        await using var connection = await Db.OpenAsync();
        var rows = (await connection.QueryAsync<StoredCase>("""
            SELECT unit_id AS UnitId, state AS State, risk_color AS RiskColor, level AS Level, closed_at AS ClosedAt,
                   first_received_at AS FirstReceivedAt, amount_owed AS AmountOwed, amount_recovered AS AmountRecovered,
                   workers_involved AS WorkersInvolved
            FROM cases
            """)).ToList();
        var cells = rows
            .GroupBy(r => (r.UnitId, r.State, RiskColor: r.RiskColor ?? 0, Level: r.Level ?? 0, IsOpen: r.ClosedAt is null))
            .Select(g => new Cell(g.Key.UnitId, g.Key.State, g.Key.RiskColor, g.Key.Level, g.Key.IsOpen, g.LongCount(),
                g.Sum(r => (long)(r.WorkersInvolved ?? 0)), g.Sum(r => r.AmountOwed ?? 0m), g.Sum(r => r.AmountRecovered)))
            .ToList();
        var weeks = rows.Select(r => (r.UnitId, Week: Monday(r.FirstReceivedAt), New: 1, Closed: 0))
            .Concat(rows.Where(r => r.ClosedAt is not null).Select(r => (r.UnitId, Week: Monday(r.ClosedAt!.Value), New: 0, Closed: 1)))
            .GroupBy(x => (x.UnitId, x.Week))
            .Select(g => new Week(g.Key.UnitId, g.Key.Week, g.Sum(x => (long)x.New), g.Sum(x => (long)x.Closed)))
            .ToList();
        return (cells, weeks);
    }

    /// <summary>The summary's rows that count anything (a cell a case left keeps its row, at zero).</summary>
    private async Task<(List<Cell> Cells, List<Week> Weeks)> SummaryAsync()
    {
        await using var connection = await Db.OpenAsync();
        var cells = (await connection.QueryAsync<Cell>("""
            SELECT unit_id AS UnitId, state AS State, risk_color AS RiskColor, level AS Level, is_open AS IsOpen, cases AS Cases,
                   workers AS Workers, amount_owed AS AmountOwed, amount_recovered AS AmountRecovered
            FROM case_summary
            """)).Where(c => c.Cases != 0 || c.Workers != 0 || c.AmountOwed != 0 || c.AmountRecovered != 0).ToList();
        var weeks = (await connection.QueryAsync<Week>("""
            SELECT unit_id AS UnitId, week_start AS WeekStart, new_cases AS NewCases, closed_cases AS ClosedCases FROM case_week_summary
            """)).Where(w => w.NewCases != 0 || w.ClosedCases != 0).ToList();
        return (cells, weeks);
    }

    private static DateOnly Monday(DateTimeOffset instant)
    {
        var day = ChinaTime.DateOf(instant);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private sealed class NothingToDoException : Exception;

    private sealed class StoredCase
    {
        public long UnitId { get; init; }
        public string State { get; init; } = "";
        public int? RiskColor { get; init; }
        public int? Level { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public DateTimeOffset FirstReceivedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public int? WorkersInvolved { get; init; }
    }

    public sealed record Cell(long UnitId, string State, int RiskColor, int Level, bool IsOpen, long Cases, long Workers, decimal AmountOwed, decimal AmountRecovered)
    {
        public Cell()
            : this(0, "", 0, 0, false, 0, 0, 0, 0)
        {
        }
    }

    public sealed record Week(long UnitId, DateOnly WeekStart, long NewCases, long ClosedCases)
    {
        public Week()
            : this(0, default, 0, 0)
        {
        }
    }
}

public sealed class SqliteCaseSummaryTests(SqliteTestDatabase fixture, ITestOutputHelper output) : CaseSummaryTests<SqliteTestDatabase>(fixture, output);

public sealed class SqlServerCaseSummaryTests(SqlServerTestDatabase fixture, ITestOutputHelper output) : CaseSummaryTests<SqlServerTestDatabase>(fixture, output);
