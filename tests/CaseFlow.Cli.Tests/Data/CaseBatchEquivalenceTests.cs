using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Organisation;
using CaseFlow.Synthetic;

namespace CaseFlow.Cli.Tests.Data;

/// <summary>
/// The batch path writes table by table what CaseCommands.RegisterAsync writes case by case: two databases seeded
/// alike, one registering a ledger's disputes one transaction each, the other in one batch, end with the same rows
/// (ids included) in every table a registration touches. A batch that fails anywhere leaves nothing behind.
/// </summary>
public sealed class CaseBatchEquivalenceTests : IDisposable
{
    private static readonly CaseActor Actor = new(1, "seed-mediator-aj", "/1/", "192.0.2.7");
    private static readonly SyntheticCounty County = new SyntheticGenerator(new SyntheticOptions { Seed = 2026, Counties = 1 }).Counties[0];

    // Every table a registration writes, with the order its rows are compared in.
    private static readonly (string Table, string OrderBy)[] Written =
    [
        ("cases", "id"), ("case_parties", "id"), ("case_events", "id"), ("case_deadlines", "id"), ("audit_log", "id"),
        ("notifications", "id"), ("outbox_messages", "id"), ("enterprises", "id"), ("counters", "name"),
        ("case_units_held", "case_id, unit_id"), ("case_shares", "case_id, partner_org_id"), ("case_activities", "id"),
        ("case_summary", "unit_id, state, risk_color, level, is_open"), ("case_week_summary", "unit_id, week_start"),
    ];

    private readonly CliDatabase _oneByOne = new CliDatabase().WithCounty();
    private readonly CliDatabase _batched = new CliDatabase().WithCounty();

    [Fact]
    public async Task Register_InOneBatch_WritesTheRowsOfTheSameRegistrationsOneByOne()
    {
        // Over a thousand cases, so parties, events, deadlines, notices and audit rows each take more than one statement.
        var registrations = Registrations(1_040);
        var services = _oneByOne.Services();
        var commands = new CaseCommands(services.Database, services.Store, services.Orgs, services.Grader, services.Planner, services.Time);
        var oneByOne = new List<DisputeCase>();
        foreach (var registration in registrations)
        {
            oneByOne.Add((await commands.RegisterAsync(registration, Actor)).Case);
        }

        var result = await _batched.Services().Batch.RegisterAsync([.. registrations.Select(r => new KeyedRegistration(null, r))], Actor);

        result.Registered.Select(c => (c.Id, c.Number)).Should().Equal(oneByOne.Select(c => (c.Id, c.Number)));
        result.Registered.Select(c => c.RiskColor).Distinct().Should().HaveCount(3, "yellow, orange and red cases are all in the batch");
        result.Registered.Should().Contain(c => c.ClosedAt != null, "closed history is in the batch");
        _batched.Scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'party_alert'").Should().BePositive();
        foreach (var (table, orderBy) in Written)
        {
            _batched.Rows(table, orderBy).Should().Equal(_oneByOne.Rows(table, orderBy), $"{table} holds the same rows either way");
        }
    }

    [Fact]
    public async Task Register_WhenARegistrationFailsOnItsInsert_WritesNothingOfTheBatch()
    {
        var before = Written.Select(w => _batched.Rows(w.Table, w.OrderBy)).ToList();
        var registrations = Registrations(12);

        // The database refuses the seventh case's description (at most 2,000 characters), after six cases went in.
        registrations[6] = registrations[6] with { Description = new string('欠', 2001) };
        var act = () => _batched.Services().Batch.RegisterAsync([.. registrations.Select(r => new KeyedRegistration(null, r))], Actor);

        await act.Should().ThrowAsync<Exception>();
        Written.Select(w => _batched.Rows(w.Table, w.OrderBy)).Should().Equal(before, (a, b) => a.SequenceEqual(b));
    }

    [Fact]
    public async Task Register_WhenALaterRegistrationNamesAnUnknownEmployer_RecordsNoEmployerAndTakesNoNumber()
    {
        var before = Written.Select(w => _batched.Rows(w.Table, w.OrderBy)).ToList();
        var registrations = Registrations(5);
        registrations.Add(registrations[0] with { Enterprise = new EnterpriseRef(999_999, null, null, null) });

        var act = () => _batched.Services().Batch.RegisterAsync([.. registrations.Select(r => new KeyedRegistration(null, r))], Actor);

        (await act.Should().ThrowAsync<CaseRegistrationException>()).Which.Field.Should().Be("enterprise.id");
        Written.Select(w => _batched.Rows(w.Table, w.OrderBy)).Should().Equal(before, (a, b) => a.SequenceEqual(b));
    }

    public void Dispose()
    {
        _oneByOne.Dispose();
        _batched.Dispose();
    }

    /// <summary>
    /// A ledger's worth of disputes: known employers by credit code and by id, a new employer recorded by its credit
    /// code and then found by it, new employers known only by name, yellow, orange and red cases, and closed history.
    /// </summary>
    private static List<CaseRegistration> Registrations(int count)
    {
        var people = new SyntheticPeople(CountyModel.Anji, seed: 5);
        List<CaseWorker> Workers(int n, decimal amount, decimal months) =>
            [.. Enumerable.Range(0, n).Select(_ => people.Next(new DateOnly(2026, 11, 1))).Select(p => new CaseWorker(p.Name, p.IdNumber, p.Phone, amount, months))];
        var villages = County.Units.Where(u => u.Kind == UnitKind.Village).ToList();
        var received = CliDatabase.Now.AddDays(-40);
        var list = new List<CaseRegistration>(count);
        for (var i = 0; i < count; i++)
        {
            var at = received.AddHours(i * 0.9);
            var enterprise = (i % 7) switch
            {
                0 => new EnterpriseRef(null, County.Enterprises[i % County.Enterprises.Count].Name, County.Enterprises[i % County.Enterprises.Count].CreditCode, null),
                1 => new EnterpriseRef(County.Enterprises[(i * 3) % County.Enterprises.Count].Id, null, null, null),
                2 => new EnterpriseRef(null, "安吉县新开竹业有限公司", "91330523MA2JH5XK19", villages[0].Id),
                3 => new EnterpriseRef(null, $"台账企业{i % 11}", null, villages[i % villages.Count].Id),
                _ => new EnterpriseRef(County.Enterprises[i % County.Enterprises.Count].Id, null, null, null),
            };
            var (workers, declared) = (i % 13) switch
            {
                0 => (Workers(3, 18000m, 3m), 3),  // red: three months owed
                5 => (Workers(2, 9000m, 1.5m), 12), // orange: twelve workers
                _ => (Workers(1 + (i % 2), 2500m + (i % 40), 0.5m), 0),
            };
            list.Add(new CaseRegistration
            {
                Channel = (i % 3) switch { 0 => Channel.WalkIn, 1 => Channel.Hotline, _ => Channel.GridScreening },
                ReceivedAt = at,
                Enterprise = enterprise,
                Workers = workers,
                DeclaredWorkers = declared,
                ClaimTypes = i % 4 == 0 ? [ClaimType.WageArrears, ClaimType.Overtime] : [ClaimType.WageArrears],
                Description = $"台账第{i}行",
                History = i % 17 == 3 ? new CaseHistory(i % 2 == 0 ? CaseState.Closed : CaseState.Withdrawn, at.AddHours(2), "已结案", 1200m) : null,
            });
        }

        return list;
    }
}
