using CaseFlow.Data.Cases;
using CaseFlow.Data.Reports;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CaseFlow.Data.Tests.Cases;

/// <summary>
/// The dashboard aggregated in SQL (totals by colour and level, one row per unit below the root) against the same
/// figures computed here from the cases table, case by case, over a random tree and a random mix of cases.
/// </summary>
public abstract class DashboardAggregationTests<TDatabase>(TDatabase fixture, ITestOutputHelper output) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset Now = TestDatabase.Start.AddDays(20);

    [DatabaseFact]
    public async Task Dashboard_OfARandomTree_EqualsTheFiguresComputedCaseByCase()
    {
        var seed = Random.Shared.Next();
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        // A county, three towns, villages below them and a unit below one village: roots at every depth.
        var county = await AUnit.County("随机县", $"R{random.Next(1_000_000)}").InsertAsync(Db);
        var units = new List<long> { county };
        long? deep = null;
        for (var t = 0; t < 3; t++)
        {
            var town = await AUnit.Town(county, $"镇{t}").InsertAsync(Db);
            units.Add(town);
            for (var v = 0; v < t + 1; v++)
            {
                var village = await AUnit.Village(town, $"村{t}-{v}").InsertAsync(Db);
                units.Add(village);
                if (deep is null)
                {
                    deep = await new AUnit("village", "组", village).InsertAsync(Db);
                    units.Add(deep.Value);
                }
            }
        }

        RiskColor?[] colours = [null, RiskColor.Yellow, RiskColor.Orange, RiskColor.Red];
        int?[] levels = [null, 1, 2, 3];
        for (var i = 0; i < 160; i++)
        {
            var due = random.Next(5) switch
            {
                0 => (DateTimeOffset?)null,
                1 => Now, // overdue at the very instant
                2 => Now.AddHours(48), // the last instant of "due soon"
                _ => Now.AddMinutes(random.Next(-5 * 24 * 60, 5 * 24 * 60)),
            };
            var id = await (ACase.In(units[random.Next(units.Count)]) with
            {
                RiskColor = colours[random.Next(colours.Length)],
                Level = levels[random.Next(levels.Length)],
                State = random.Next(2) == 0 ? nameof(CaseState.Registered) : "Level1InMediation",
                AmountOwed = random.Next(4) == 0 ? null : random.Next(1, 10_000_000) / 100m,
                AmountRecovered = random.Next(3) == 0 ? random.Next(0, 500_000) / 100m : 0m,
                WorkersInvolved = random.Next(4) == 0 ? null : random.Next(1, 40),
                NextDueAt = due,
            }).InsertAsync(Db);
            if (random.Next(4) == 0)
            {
                await using var connection = await Db.OpenAsync();
                await connection.ExecuteAsync("UPDATE cases SET closed_at = @At WHERE id = @Id", new { Id = id, At = Now.AddDays(-1) });
            }
        }

        await Db.InTransactionAsync((c, t) => CaseSummaryWriter.For(Dialect).RebuildAsync(c, t));
        var queries = new CaseServices(Db, new FakeTimeProvider(Now)).Queries;
        var cases = await CasesAsync();
        var tree = await TreeAsync();

        foreach (var root in new[] { county, units[1], units[2], deep!.Value })
        {
            var rootPath = tree[root].Path;
            var mine = cases.Where(c => c.Path.StartsWith(rootPath, StringComparison.Ordinal)).ToList();
            var open = mine.Where(c => c.ClosedAt is null).ToList();

            var dashboard = await queries.DashboardAsync(rootPath);

            var because = $"the dashboard of {rootPath} (seed {seed})";
            dashboard.Open.Should().Equal(
                open.GroupBy(c => (Colour: c.RiskColor ?? 0, Level: c.Level ?? 0))
                    .OrderByDescending(g => g.Key.Colour).ThenBy(g => g.Key.Level)
                    .Select(g => new DashboardCell(g.Key.Colour == 0 ? null : (RiskColor)g.Key.Colour, g.Key.Level == 0 ? null : g.Key.Level, g.Count())),
                because);
            dashboard.OpenCases.Should().Be(open.Count, because);
            dashboard.AmountOwed.Should().Be(open.Sum(c => c.AmountOwed ?? 0m), because);
            dashboard.WorkersInvolved.Should().Be(open.Sum(c => (long)(c.WorkersInvolved ?? 0)), because);
            dashboard.AmountRecovered.Should().Be(mine.Sum(c => c.AmountRecovered), because);
            dashboard.Overdue.Should().Be(open.Count(c => c.NextDueAt <= Now), because);
            dashboard.DueWithin48Hours.Should().Be(open.Count(c => c.NextDueAt > Now && c.NextDueAt <= Now.AddHours(48)), because);

            var children = tree.Values.Where(u => u.ParentId == root).ToList();
            dashboard.ByUnit.Should().BeEquivalentTo(
                children.Select(u =>
                {
                    var below = open.Where(c => c.Path.StartsWith(u.Path, StringComparison.Ordinal)).ToList();
                    return new UnitFigures(
                        u.Id, u.Name,
                        below.Count(c => c.RiskColor == (int)RiskColor.Yellow),
                        below.Count(c => c.RiskColor == (int)RiskColor.Orange),
                        below.Count(c => c.RiskColor == (int)RiskColor.Red),
                        below.Count(c => c.NextDueAt <= Now),
                        below.Sum(c => c.AmountOwed ?? 0m),
                        mine.Where(c => c.Path.StartsWith(u.Path, StringComparison.Ordinal)).Sum(c => c.AmountRecovered));
                }),
                because);
        }
    }

    private async Task<List<StoredCase>> CasesAsync()
    {
        await using var connection = await Db.OpenAsync();
        return [.. await connection.QueryAsync<StoredCase>("""
            SELECT u.path AS Path, c.risk_color AS RiskColor, c.level AS Level, c.closed_at AS ClosedAt, c.amount_owed AS AmountOwed,
                   c.amount_recovered AS AmountRecovered, c.workers_involved AS WorkersInvolved, c.next_due_at AS NextDueAt
            FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            """)];
    }

    private async Task<Dictionary<long, StoredUnit>> TreeAsync()
    {
        await using var connection = await Db.OpenAsync();
        return (await connection.QueryAsync<StoredUnit>("SELECT id AS Id, parent_id AS ParentId, name AS Name, path AS Path FROM org_units"))
            .ToDictionary(u => u.Id);
    }

    private sealed class StoredCase
    {
        public string Path { get; init; } = "";
        public int? RiskColor { get; init; }
        public int? Level { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public int? WorkersInvolved { get; init; }
        public DateTimeOffset? NextDueAt { get; init; }
    }

    private sealed class StoredUnit
    {
        public long Id { get; init; }
        public long? ParentId { get; init; }
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }
}

public sealed class SqliteDashboardAggregationTests(SqliteTestDatabase fixture, ITestOutputHelper output)
    : DashboardAggregationTests<SqliteTestDatabase>(fixture, output)
{
    /// <summary>Every statement of the dashboard reads the cases table, if at all, from an index only: no case row is read.</summary>
    [Fact]
    public async Task Dashboard_ReadsNoCaseRow()
    {
        var (county, _, _) = await AUnit.TreeAsync(Db);
        await using var connection = await Db.OpenAsync();
        var path = await connection.QuerySingleAsync<string>("SELECT path FROM org_units WHERE id = @Id", new { Id = county });
        var queries = new CaseServices(Db, new FakeTimeProvider(TestDatabase.Start)).Queries;
        var args = new
        {
            SubtreePattern = Dialect.SubtreePattern(path),
            RootLength = path.Length,
            Now = TestDatabase.Start,
            Soon = TestDatabase.Start.AddHours(48),
            FirstWeek = new DateOnly(2026, 1, 5),
            LastWeek = new DateOnly(2026, 1, 12),
            RootPath = path,
        };

        var statements = queries.DashboardSql().Split(";\n", StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim().TrimEnd(';')).Where(s => s.Length > 0)
            .Append(queries.DueSql()).ToList();
        var plans = new List<string>();
        foreach (var statement in statements)
        {
            plans.AddRange((await connection.QueryAsync<PlanRow>("EXPLAIN QUERY PLAN " + statement, args)).Select(r => r.Detail));
        }

        statements.Should().HaveCount(5);
        var onCases = plans.Where(p => p.Contains(" c ", StringComparison.Ordinal) || p.EndsWith(" c", StringComparison.Ordinal)).ToList();
        onCases.Should().NotBeEmpty().And.OnlyContain(p => p.StartsWith(
            "SEARCH c USING INDEX ix_cases_unit_open_urgency (unit_id=? AND risk_color=? AND next_due_at", StringComparison.Ordinal));

        // The due count's ranges read the index only: no column of a case row is read (a seek into the table would be
        // deferred until one is, and none is).
        var casesRoot = await connection.QuerySingleAsync<long>("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'cases'");
        var program = (await connection.QueryAsync<OpRow>("EXPLAIN " + queries.DueSql(), args)).ToList();
        var tableCursors = program.Where(o => o.Opcode == "OpenRead" && o.P2 == casesRoot).Select(o => o.P1).ToHashSet();
        tableCursors.Should().NotBeEmpty("the statement opens the cases table, so the check below has something to look at");
        program.Where(o => o.Opcode is "Column" or "Rowid" or "RowData" && tableCursors.Contains(o.P1)).Should().BeEmpty();
    }

    private sealed class OpRow
    {
        public long Addr { get; init; }
        public string Opcode { get; init; } = "";
        public long P1 { get; init; }
        public long P2 { get; init; }
    }

    private sealed class PlanRow
    {
        public long Id { get; init; }
        public long Parent { get; init; }
        public long NotUsed { get; init; }
        public string Detail { get; init; } = "";
    }
}

public sealed class SqlServerDashboardAggregationTests(SqlServerTestDatabase fixture, ITestOutputHelper output)
    : DashboardAggregationTests<SqlServerTestDatabase>(fixture, output);
