using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Synthetic;

namespace CaseFlow.Cli.Tests.Data;

/// <summary>
/// Batch registration (the ledger import's path) must register a dispute exactly as CaseCommands.RegisterAsync (the
/// API's path) does: same employer resolution, number, grade, route, deadlines, notices and audit rows.
/// </summary>
public sealed class CaseBatchCommandsTests : IDisposable
{
    private static readonly CaseActor Actor = new(1, "seed-mediator-aj", "/1/", "192.0.2.7");
    private static readonly SyntheticCounty County = new SyntheticGenerator(new SyntheticOptions { Seed = 2026, Counties = 1 }).Counties[0];

    private readonly CliDatabase _viaCommands = new CliDatabase().WithCounty();
    private readonly CliDatabase _viaBatch = new CliDatabase().WithCounty();

    [Fact]
    public async Task Register_WritesWhatCaseCommandsWrites_ForKnownAndNewEmployers()
    {
        var registrations = Registrations();
        var services = _viaCommands.Services();
        var commands = new CaseCommands(services.Database, services.Store, services.Orgs, services.Grader, services.Planner, services.Time);
        foreach (var registration in registrations)
        {
            await commands.RegisterAsync(registration, Actor);
        }

        var result = await _viaBatch.Services().Batch.RegisterAsync([.. registrations.Select(r => new KeyedRegistration(null, r))], Actor);

        result.Registered.Select(c => c.RiskColor).Should().Equal(RiskColor.Yellow, RiskColor.Orange, RiskColor.Red);
        foreach (var table in new[] { "enterprises", "cases", "case_parties", "case_events", "case_deadlines", "notifications", "audit_log" })
        {
            _viaBatch.Rows(table).Should().Equal(_viaCommands.Rows(table), $"{table} must match");
        }

        _viaBatch.Rows("counters", "name").Should().Equal(_viaCommands.Rows("counters", "name"));
    }

    [Fact]
    public async Task Register_SkipsAKeyAlreadyTaken_AndTheSameKeyTwiceInABatch()
    {
        var batch = _viaBatch.Services().Batch;
        var registration = Registrations()[0];
        await batch.RegisterAsync([new KeyedRegistration("ledger:20261101:A", registration)], Actor);

        var result = await batch.RegisterAsync(
            [
                new KeyedRegistration("ledger:20261101:A", registration),
                new KeyedRegistration("ledger:20261101:B", registration),
                new KeyedRegistration("ledger:20261101:B", registration),
            ],
            Actor);

        result.Registered.Should().ContainSingle();
        result.AlreadyImported.Should().Equal("ledger:20261101:A", "ledger:20261101:B");
        _viaBatch.Query<string>("SELECT import_key FROM cases ORDER BY id").Should().Equal("ledger:20261101:A", "ledger:20261101:B");
    }

    public void Dispose()
    {
        _viaCommands.Dispose();
        _viaBatch.Dispose();
    }

    private static List<CaseRegistration> Registrations()
    {
        var people = new SyntheticPeople(CountyModel.Anji, seed: 5);
        List<CaseWorker> Workers(int count, decimal amount, decimal months) =>
            [.. Enumerable.Range(0, count).Select(_ => people.Next(new DateOnly(2026, 11, 1)))
                .Select(p => new CaseWorker(p.Name, p.IdNumber, p.Phone, amount, months))];
        var known = County.Enterprises[0];
        var village = County.Units.First(u => u.Kind == Domain.Organisation.UnitKind.Village);
        var received = CliDatabase.Now.AddDays(-10);
        return
        [
            new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = received,
                Enterprise = new EnterpriseRef(null, known.Name, known.CreditCode, null),
                Workers = Workers(1, 3000m, 0.5m),
            },
            new CaseRegistration
            {
                Channel = Channel.Hotline,
                ReceivedAt = received.AddHours(3),
                Enterprise = new EnterpriseRef(null, "安吉县新开竹业有限公司", "91330523MA2JH5XK19", village.Id),
                Workers = Workers(3, 9000m, 1.5m),
                ClaimTypes = [ClaimType.WageArrears, ClaimType.Overtime],
                DeclaredWorkers = 12,
                Description = "十二名工人反映拖欠工资",
            },
            new CaseRegistration
            {
                Channel = Channel.GridScreening,
                ReceivedAt = received.AddDays(1),
                Enterprise = new EnterpriseRef(County.Enterprises[5].Id, null, null, null),
                Workers = Workers(2, 18000m, 3m),
            },
        ];
    }
}
