using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using CaseFlow.Synthetic.Loading;
using Dapper;

namespace CaseFlow.Synthetic.Tests.Loading;

public abstract class SyntheticCaseLoaderTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly Dictionary<SyntheticOutcome, CaseState[]> StatesOf = new()
    {
        [SyntheticOutcome.AwaitingAcceptance] = [CaseState.Level1AwaitingAcceptance, CaseState.Level2AwaitingAcceptance, CaseState.Level3AwaitingAcceptance],
        [SyntheticOutcome.InMediation] = [CaseState.Level1InMediation, CaseState.Level2InMediation, CaseState.Level3InMediation],
        [SyntheticOutcome.AgreementReached] = [CaseState.AgreementReached],
        [SyntheticOutcome.Resolved] = [CaseState.Resolved],
        [SyntheticOutcome.Closed] = [CaseState.Closed],
        [SyntheticOutcome.MediationFailed] = [CaseState.MediationFailed],
        [SyntheticOutcome.Referred] = [CaseState.Referred],
        [SyntheticOutcome.Withdrawn] = [CaseState.Withdrawn],
        [SyntheticOutcome.Rejected] = [CaseState.Rejected],
    };

    [DatabaseFact]
    public async Task Load_DrivesEveryCaseToItsOutcome_WithItsHistory_AndMovesTheNumberCounters()
    {
        var generator = new SyntheticGenerator(new SyntheticOptions { Seed = 7, Counties = 1, EnterprisesPerCounty = 20 });
        var county = await InsertCountyAsync(generator.Counties[0]);
        var synthetic = generator.Cases(generator.Counties[0], 400, new DateOnly(2025, 6, 1), new DateOnly(2026, 1, 14)).ToList();
        var calculator = new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions());
        var loader = new SyntheticCaseLoader(Db, new RiskGrader(new GradingOptions()), new DeadlinePlanner(calculator), Fixture.Clock);

        var loaded = await loader.LoadAsync(county, synthetic, batchSize: 150);

        loaded.Should().Be(400);
        await using var connection = await Db.OpenAsync();
        var rows = (await connection.QueryAsync<(string Number, string State, long Events)>(
            """
            SELECT c.number, c.state, (SELECT COUNT(*) FROM case_events AS e WHERE e.case_id = c.id)
            FROM cases AS c WHERE c.number LIKE @Prefix
            """,
            new { Prefix = generator.Counties[0].CasePrefix + "-%" })).ToDictionary(r => r.Number);
        rows.Should().HaveCount(400);
        foreach (var s in synthetic)
        {
            var row = rows[s.Case.Number];
            row.State.Should().BeOneOf(StatesOf[s.Outcome].Select(x => x.ToString()), $"{s.Case.Number} was to end {s.Outcome}");
            row.Events.Should().BeGreaterThan(s.Escalations, "grading and every escalation are events");
        }

        synthetic.Select(s => s.Outcome).Distinct().Should().HaveCountGreaterThan(6, "the mix covers most outcomes");
        var last = synthetic.Where(s => s.Case.Number.Contains("-2026-", StringComparison.Ordinal)).Max(s => s.Case.Number)!;
        (await connection.ExecuteScalarAsync<long>("SELECT value FROM counters WHERE name = @Name",
            new { Name = $"case_number:{generator.Counties[0].CasePrefix}:2026" })).Should().Be(long.Parse(last[^6..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<SeededCounty> InsertCountyAsync(SyntheticCounty county)
    {
        var units = new Dictionary<long, long>();
        var enterprises = new Dictionary<long, long>();
        await using var connection = await Db.OpenAsync();
        foreach (var unit in county.Units)
        {
            units[unit.Id] = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId(
                "INSERT INTO org_units (parent_id, kind, name, code, created_at) VALUES (@Parent, @Kind, @Name, @Code, @Now)"),
                new
                {
                    Parent = unit.ParentId is { } p ? units[p] : (long?)null,
                    Kind = DbCode.Of(unit.Kind),
                    unit.Name,
                    Code = unit.Kind == UnitKind.County ? county.CasePrefix : null,
                    Now = TestDatabase.Start,
                });
        }

        foreach (var e in county.Enterprises)
        {
            enterprises[e.Id] = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId(
                "INSERT INTO enterprises (name, credit_code, unit_id, mediation_unit_id, created_at) VALUES (@Name, @Code, @Unit, @Group, @Now)"),
                new { e.Name, Code = e.CreditCode, Unit = units[e.UnitId], Group = e.MediationGroupUnitId is { } g ? units[g] : (long?)null, Now = TestDatabase.Start });
        }

        var mediator = await connection.ExecuteScalarAsync<long>(Db.Dialect.InsertReturningId(
            "INSERT INTO users (username, display_name, password_hash, unit_id, created_at) VALUES (@Name, '王调解', 'x', @Unit, @Now)"),
            new { Name = "seed-" + county.CasePrefix, Unit = units[county.Root.Id], Now = TestDatabase.Start });
        return new SeededCounty(county, units, enterprises, mediator);
    }
}

public sealed class SqliteSyntheticCaseLoaderTests(SqliteTestDatabase fixture) : SyntheticCaseLoaderTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSyntheticCaseLoaderTests(SqlServerTestDatabase fixture) : SyntheticCaseLoaderTests<SqlServerTestDatabase>(fixture);
