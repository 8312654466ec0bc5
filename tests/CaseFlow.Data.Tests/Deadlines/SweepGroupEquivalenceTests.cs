using System.Globalization;
using CaseFlow.Data.Deadlines;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Tests.Deadlines;

/// <summary>
/// The sweep's group path (the group's cases locked and loaded together, <see cref="DeadlineSweeper.RowsPerCommit"/>
/// rows to a transaction) writes exactly what settling each row in a transaction of its own writes: the same rows in
/// every table, with the same ids, over a varied set of due rows.
/// </summary>
public abstract class SweepGroupEquivalenceTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Sweep_InGroups_WritesTheSameRowsAsOneRowPerTransaction()
    {
        var (together, togetherResults) = await RunAsync(oneByOne: false);
        var (oneByOne, oneByOneResults) = await RunAsync(oneByOne: true);

        togetherResults.Should().BeEquivalentTo(oneByOneResults, o => o.WithStrictOrdering());
        var sweeps = togetherResults.Aggregate(SweepResult.Empty, (a, b) => a.Add(b));
        sweeps.Transitions.Should().BeGreaterThan(20, "level limits and payment limits fire");
        sweeps.Notices.Should().BeGreaterThan(5, "reminders, acceptance and arbitration notices go out");
        sweeps.Obsolete.Should().BeGreaterThan(0, "rows of a superseded deadline version are removed");
        sweeps.Failures.Should().BeEmpty();

        var tables = await Fixture.TableNamesAsync(together.Db);
        tables.Should().Contain(["cases", "case_events", "case_deadlines", "notifications", "outbox_messages", "audit_log", "case_summary"]);
        foreach (var table in tables)
        {
            var expected = await RowsAsync(oneByOne, table);
            var actual = await RowsAsync(together, table);
            actual.Should().Equal(expected, "table {0} holds the same rows either way", table);
        }

        (await RowsAsync(together, "case_events")).Count(r => r.Contains("DeadlineElapsed", StringComparison.Ordinal))
            .Should().Be(sweeps.Transitions - 1, "one payment limit fails its mediation; the rest escalate");
    }

    /// <summary>
    /// Two counties (Anji's ladder and Jimo's) with cases in many states, swept over 40 days: level limits at each level,
    /// reminders, acceptance and arbitration notices, a payment limit, cases closed or accepted between the sweeps, rows
    /// of an old deadline version, and a case with two rows due in one group.
    /// </summary>
    private async Task<(ASweptCounty County, List<SweepResult> Sweeps)> RunAsync(bool oneByOne)
    {
        var anji = await ASweptCounty.AnjiAsync(Fixture);
        var jimo = await anji.AlsoAsync(jimo: true);
        await SameNamesAsync(anji, "A");
        await SameNamesAsync(jimo, "J");
        var sweeper = new DeadlineSweeper(anji.Db, anji.Commands, anji.Clock) { OneRowPerTransaction = oneByOne };

        var ids = new List<(ASweptCounty County, long Id)>();
        foreach (var county in new[] { anji, jimo })
        {
            for (var i = 0; i < 12; i++)
            {
                ids.Add((county, await county.RegisterAsync(months: i % 3 == 0 ? 1.5m : 0.5m)));
            }
        }

        // Accepted at level 1 (reminders to the mediator, then the limit), one with an agreement to pay, and one
        // closed before its limit.
        for (var i = 0; i < ids.Count; i += 4)
        {
            var (county, id) = ids[i];
            await county.ActAsync(id, (c, _, ctx) => c.Accept(county.Mediator, ctx));
        }

        var (payingCounty, paying) = ids[4];
        await payingCounty.ActAsync(paying, (c, _, ctx) => c.ReachAgreement(new AgreementTerms(4200m, new DateOnly(2026, 1, 16), "lump_sum"), ctx));
        var (closingCounty, closing) = ids[8];
        await closingCounty.ActAsync(closing, (c, _, ctx) => c.ConfirmPerformance(4200m, ctx));

        // A row of an older deadline version, due now, beside the case's live ones.
        await using (var connection = await anji.Db.OpenAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, created_at)
                VALUES (@Id, 'level_limit', 'Level1AwaitingAcceptance', 0, @Due, @Due)
                """,
                new { ids[1].Id, Due = anji.Clock.GetUtcNow().AddHours(-1) });
        }

        var sweeps = new List<SweepResult>();
        for (var day = 0; day < 40; day++)
        {
            anji.Clock.Advance(TimeSpan.FromDays(1));
            if (day == 3)
            {
                // Between sweeps: one case accepted at its new level, another closed.
                var (c1, id1) = ids[2];
                await c1.ActAsync(id1, (c, _, ctx) => c.Accept(c1.Mediator, ctx));
                var (c2, id2) = ids[12];
                await c2.ActAsync(id2, (c, _, ctx) => c.ConfirmPerformance(4200m, ctx));
            }

            // Small batches, so some groups end between two rows of one case and the job's batch loop is exercised.
            sweeps.Add(await anji.SweepAllAsync(sweeper, batchSize: 7));
        }

        return (anji, sweeps);
    }

    /// <summary>The county's code, employer and mediator named the same in both runs (the fixture numbers them apart).</summary>
    private static async Task SameNamesAsync(ASweptCounty county, string tag)
    {
        await using var connection = await county.Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE org_units SET code = @Code WHERE id = @Id", new { Code = "E" + tag, Id = county.County });
        await connection.ExecuteAsync("UPDATE enterprises SET name = @Name WHERE id = @Id", new { Name = "某服装有限公司" + tag, Id = county.Enterprise });
        await connection.ExecuteAsync("UPDATE users SET username = @Name WHERE id = @Id", new { Name = "mediator-" + tag, Id = county.Mediator });
    }

    /// <summary>Every row of the table, each as its columns and values, in a stable order (ids are among the values).</summary>
    private static async Task<List<string>> RowsAsync(ASweptCounty county, string table)
    {
        await using var connection = await county.Db.OpenAsync();
        var rows = await connection.QueryAsync($"SELECT * FROM {table}");
        return rows
            .Cast<IDictionary<string, object?>>()
            .Select(r => string.Join(" | ", r.Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

public sealed class SqliteSweepGroupEquivalenceTests(SqliteTestDatabase fixture) : SweepGroupEquivalenceTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSweepGroupEquivalenceTests(SqlServerTestDatabase fixture) : SweepGroupEquivalenceTests<SqlServerTestDatabase>(fixture);
