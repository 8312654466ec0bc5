using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;

namespace CaseFlow.Cli.Tests.Data;

/// <summary>
/// A batch written through the bulk writer: every case with its whole history, each agreement and referral in its
/// final shape, and the ledger key of an imported case.
/// </summary>
public sealed class CaseBulkWriterTests : IDisposable
{
    private static readonly AuditActor Actor = new(1, "seed-mediator-aj", "192.0.2.7");

    private readonly CliDatabase _database = new CliDatabase().WithCounty();

    [Fact]
    public async Task Insert_WritesEachCaseWithItsEventsRecordsNoticesAndAuditRows_ForCasesInEveryOutcome()
    {
        var services = _database.Services();
        var cases = Cases(services);
        await services.Database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var writer = new CaseBulkWriter(services.Database, connection, transaction, services.Time);
            foreach (var c in cases)
            {
                await writer.InsertAsync(c, services.Planner.Plan(c), Actor, importKey: c == cases[0] ? "ledger:20261101:A" : null);
            }
        });

        _database.Query<string>("SELECT number FROM cases ORDER BY id").Should().Equal(cases.Select(c => c.Number));
        _database.Query<string>("SELECT state FROM cases ORDER BY id").Should().Equal(cases.Select(c => c.State.ToString()));
        _database.Query<string>("SELECT import_key FROM cases WHERE import_key IS NOT NULL").Should().Equal("ledger:20261101:A");
        _database.Scalar("SELECT COUNT(*) FROM case_parties").Should().Be(cases.Sum(c => c.Workers.Count));
        _database.Scalar("SELECT COUNT(*) FROM case_events").Should().Be(cases.Sum(c => c.NewEvents.Count));
        _database.Scalar("SELECT COUNT(*) FROM audit_log WHERE entity = 'case'").Should().Be(cases.Sum(c => c.NewEvents.Count), "one audit row per event");
        _database.Scalar("SELECT COUNT(*) FROM mediation_sessions").Should().Be(cases.Sum(c => c.NewSessions.Count));
        _database.Scalar("SELECT COUNT(*) FROM notifications WHERE kind <> 'party_alert'").Should().Be(cases.Sum(c => c.NewNotices.Count));
        _database.Scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'party_alert'")
            .Should().Be(3 * cases.Sum(c => c.NewNotices.Count(n => n.Kind == NoticeKind.RedAlert)), "each red alert reaches the three parties");
        _database.Scalar("SELECT COUNT(DISTINCT case_id) FROM case_deadlines")
            .Should().Be(cases.Count(c => services.Planner.Plan(c).Count > 0));

        _database.Scalar("SELECT COUNT(*) FROM agreements WHERE performed_at IS NOT NULL").Should().BePositive();
        _database.Scalar("SELECT COUNT(*) FROM referrals WHERE closed_at IS NOT NULL").Should().BePositive();
    }

    [Fact]
    public async Task Insert_OfACaseTakenRoundTwice_WritesBothAgreements_AndAClosedReferralInItsFinalShape()
    {
        var services = _database.Services();
        var cases = Cases(services);
        var twice = cases.Single(c => c.Number == "AJ-2026-900001");
        var closed = cases.Single(c => c.Number == "AJ-2026-900002");
        await services.Database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var writer = new CaseBulkWriter(services.Database, connection, transaction, services.Time);
            await writer.InsertAsync(twice, services.Planner.Plan(twice), Actor);
            await writer.InsertAsync(closed, services.Planner.Plan(closed), Actor);
        });

        _database.Query<(string Method, string? PerformedAt, long? Paid)>(
            "SELECT method, performed_at, amount_paid FROM agreements WHERE case_id = @Id ORDER BY id", new { twice.Id })
            .Should().HaveCount(2)
            .And.SatisfyRespectively(
                first => first.PerformedAt.Should().BeNull("the first agreement went unpaid"),
                second =>
                {
                    second.Method.Should().Be("分期支付");
                    second.PerformedAt.Should().NotBeNull();
                    second.Paid.Should().Be((long)(twice.AmountOwed * 100), "SQLite keeps money in hundredths");
                });
        _database.Query<string?>("SELECT outcome FROM referrals WHERE case_id = @Id", new { closed.Id }).Should().Equal("仲裁调解结案");
    }

    public void Dispose() => _database.Dispose();

    /// <summary>
    /// Synthetic cases of every outcome, replayed afresh (inserting gives a case its id), plus one that goes round twice
    /// (agreement, late payment, referral, closing, reopening, a second agreement and its payment) and a referral closed.
    /// </summary>
    private static List<DisputeCase> Cases(CliServices services)
    {
        var generator = new SyntheticGenerator(new SyntheticOptions { Seed = 2026, Counties = 1 });
        var county = generator.Counties[0];

        // A fresh database seeded from the same generator numbers its rows as the generator does.
        var units = county.Units.ToDictionary(u => u.Id, u => u.Id);
        var enterprises = county.Enterprises.ToDictionary(e => e.Id, e => e.Id);
        var seeded = new SeededCounty(county, units, enterprises, MediatorUserId: 1);
        var synthetic = generator.Cases(county, 240, new DateOnly(2026, 3, 1), new DateOnly(2026, 11, 20)).ToList();
        synthetic.Select(s => s.Outcome).Distinct().Should().HaveCount(Enum.GetValues<SyntheticOutcome>().Length);

        var loader = services.Loader;
        CaseRouting Routing(SyntheticCase s) => new(county.ChainFrom(s.Case.LocationUnitId), county.Ladder);
        var cases = synthetic.Select(s => loader.Replay(seeded, s, Routing(s))).ToList();

        var agreed = synthetic.First(s => s.Outcome == SyntheticOutcome.AgreementReached);
        var roundTwice = agreed with { Case = agreed.Case with { Number = "AJ-2026-900001" } };
        var c = loader.Replay(seeded, roundTwice, Routing(roundTwice));
        var at = roundTwice.OutcomeAt;
        c.PerformanceOverdue(new ActionContext(at.AddDays(11), null));
        c.Refer(new Referral(ReferralBody.Arbitration, "安劳仲案〔2026〕88号"), new ActionContext(at.AddDays(12), 1));
        c.CloseReferral("仲裁裁决已生效", new ActionContext(at.AddDays(30), 1, "仲裁裁决已生效"));
        c.Reopen(Routing(roundTwice), 30, new ActionContext(at.AddDays(31), 1, "裁决未履行，重新调解"));
        c.Accept(1, new ActionContext(at.AddDays(31), 1));
        c.ReachAgreement(new AgreementTerms(c.AmountOwed, DateOnly.FromDateTime(at.AddDays(40).UtcDateTime), "分期支付"), new ActionContext(at.AddDays(32), 1));
        c.ConfirmPerformance(c.AmountOwed, new ActionContext(at.AddDays(40), 1));
        cases.Add(c);

        var referred = synthetic.First(s => s.Outcome == SyntheticOutcome.Referred);
        var closed = referred with { Case = referred.Case with { Number = "AJ-2026-900002" } };
        c = loader.Replay(seeded, closed, Routing(closed));
        c.CloseReferral("仲裁调解结案", new ActionContext(closed.OutcomeAt.AddDays(20), 1, "仲裁调解结案"));
        cases.Add(c);
        return cases;
    }
}
