using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;

namespace CaseFlow.Cli.Tests.Data;

/// <summary>
/// The bulk writer must write exactly what CaseStore.InsertAsync writes: the same cases go into two fresh databases,
/// one through each, and every row of every table they touch must match.
/// </summary>
public sealed class CaseBulkWriterTests : IDisposable
{
    private static readonly string[] Tables =
        ["cases", "case_parties", "case_events", "case_deadlines", "mediation_sessions", "agreements", "referrals", "notifications", "audit_log"];

    private static readonly AuditActor Actor = new(1, "seed-mediator-aj", "192.0.2.7");

    private readonly CliDatabase _viaStore = new CliDatabase().WithCounty();
    private readonly CliDatabase _viaBulk = new CliDatabase().WithCounty();

    [Fact]
    public async Task Insert_WritesTheSameRowsAsCaseStore_ForCasesInEveryOutcome()
    {
        var storeServices = _viaStore.Services();
        await storeServices.Database.InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var c in Cases(storeServices))
            {
                await storeServices.Store.InsertAsync(connection, transaction, c, storeServices.Planner.Plan(c), Actor);
            }
        });

        var bulkServices = _viaBulk.Services();
        await bulkServices.Database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var writer = new CaseBulkWriter(bulkServices.Database, connection, transaction, bulkServices.Time);
            foreach (var c in Cases(bulkServices))
            {
                await writer.InsertAsync(c, bulkServices.Planner.Plan(c), Actor);
            }
        });

        foreach (var table in Tables)
        {
            var expected = _viaStore.Rows(table);
            expected.Should().NotBeEmpty($"the cases fill {table}");
            _viaBulk.Rows(table).Should().Equal(expected, $"{table} must match");
        }

        _viaBulk.Scalar("SELECT COUNT(*) FROM agreements WHERE performed_at IS NOT NULL").Should().BePositive();
        _viaBulk.Scalar("SELECT COUNT(*) FROM referrals WHERE closed_at IS NOT NULL").Should().BePositive();
        _viaBulk.Scalar("SELECT COUNT(*) FROM (SELECT case_id FROM agreements GROUP BY case_id HAVING COUNT(*) > 1)").Should().Be(1);
    }

    public void Dispose()
    {
        _viaStore.Dispose();
        _viaBulk.Dispose();
    }

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
