using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Synthetic.Loading;

/// <summary>Where one synthetic county landed in the database: generator ids mapped to row ids, and who mediates.</summary>
/// <param name="UnitIds">Generator unit id → org_units.id.</param>
/// <param name="EnterpriseIds">Generator enterprise id → enterprises.id.</param>
/// <param name="MediatorUserId">The user recorded as accepting and mediating the seeded cases.</param>
public sealed record SeededCounty(
    SyntheticCounty County, IReadOnlyDictionary<long, long> UnitIds, IReadOnlyDictionary<long, long> EnterpriseIds, long MediatorUserId)
{
    /// <summary>The mediator for a case located at a stored unit id, where it is not <see cref="MediatorUserId"/>.</summary>
    public Func<long, long>? MediatorByLocation { get; init; }
}

/// <summary>
/// Loads synthetic cases for demos, benchmarks and <c>caseflow seed</c>. Each case is driven to its target outcome
/// through the real aggregate, at the generator's times, so its events, deadlines, agreements and referrals are what
/// the workflow would have written; then cases are inserted in batches, one transaction per batch, through a
/// <see cref="CaseBulkWriter"/> (the rows <see cref="CaseStore.InsertAsync"/> would write, table by table).
/// </summary>
/// <param name="time">Stamps the rows' created_at.</param>
public sealed class SyntheticCaseLoader(Database database, RiskGrader grader, DeadlinePlanner planner, TimeProvider time)
{
    private static readonly AuditActor Seeder = new(null, "seed");

    /// <summary>
    /// Inserts <paramref name="cases"/> of one county; returns how many. Generating and replaying the next batch runs
    /// beside the insert of the current one, so the two cores a small server has are both at work.
    /// </summary>
    public async Task<int> LoadAsync(
        SeededCounty county,
        IEnumerable<SyntheticCase> cases,
        int batchSize = 1000,
        IProgress<int>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var batches = System.Threading.Channels.Channel.CreateBounded<List<(DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines)>>(
            new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var highest = new Dictionary<string, long>(StringComparer.Ordinal);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ReplayAllAsync(county, cases, batchSize, highest, batches.Writer, stop.Token), stop.Token);

        var loaded = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                loaded += await InsertBatchAsync(batch, ct);
                progress?.Report(loaded);
            }
        }
        catch
        {
            // The insert failed: stop the producer and report the insert's failure, not the cancellation it causes.
            await stop.CancelAsync();
            await Task.WhenAny(producer);
            _ = producer.Exception;
            throw;
        }

        // The producer's own failure, if it had one (the channel just ends early then).
        await producer;

        await database.InTransactionAsync((connection, transaction) => RaiseCountersAsync(connection, transaction, highest, ct), ct);
        return loaded;
    }

    /// <summary>The case as it stands after the generator's story: registered, graded and taken to its outcome.</summary>
    public DisputeCase Replay(SeededCounty county, SyntheticCase synthetic, CaseRouting routing)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(synthetic);
        var intake = synthetic.Case with
        {
            EnterpriseId = county.EnterpriseIds[synthetic.Case.EnterpriseId],
            LocationUnitId = county.UnitIds[synthetic.Case.LocationUnitId],
        };
        var c = DisputeCase.Register(intake);
        var steps = new Steps(intake.ReceivedAt, synthetic.OutcomeAt, 8);
        var mediator = county.MediatorByLocation?.Invoke(intake.LocationUnitId) ?? county.MediatorUserId;
        c.Grade(grader.Grade(c.Facts()), routing, new ActionContext(intake.ReceivedAt, mediator));

        for (var i = 0; i < synthetic.Escalations; i++)
        {
            c.DeadlineElapsed(routing, new ActionContext(steps.Next(), null, "调解期限届满，自动升级"));
        }

        switch (synthetic.Outcome)
        {
            case SyntheticOutcome.AwaitingAcceptance:
                break;
            case SyntheticOutcome.Withdrawn:
                c.Withdraw(new ActionContext(steps.Last, mediator, synthetic.Reason ?? "申请人撤回"));
                break;
            case SyntheticOutcome.Rejected:
                c.Reject(new ActionContext(steps.Last, mediator, synthetic.Reason ?? "不属于劳动争议调解范围"));
                break;
            default:
                c.Accept(mediator, new ActionContext(steps.Next(), mediator));
                c.RecordSession(new MediationSession(steps.Next(), "组织双方调解，核对欠薪金额"), new ActionContext(steps.Current, mediator));
                Finish(c, synthetic, routing, steps, mediator);
                break;
        }

        return c;
    }

    private static void Finish(DisputeCase c, SyntheticCase synthetic, CaseRouting routing, Steps steps, long mediator)
    {
        switch (synthetic.Outcome)
        {
            case SyntheticOutcome.InMediation:
                return;
            case SyntheticOutcome.MediationFailed or SyntheticOutcome.Referred:
                c.DeadlineElapsed(routing, new ActionContext(steps.Next(), null, synthetic.Reason ?? "调解不成"));
                if (synthetic.Outcome == SyntheticOutcome.Referred)
                {
                    c.Refer(synthetic.Referral ?? new Referral(ReferralBody.Arbitration, null), new ActionContext(steps.Last, mediator));
                }

                return;
        }

        var agreement = synthetic.Agreement ?? new AgreementTerms(c.AmountOwed, ChinaTime.DateOf(steps.Current).AddDays(10), "银行转账");
        c.ReachAgreement(agreement, new ActionContext(steps.Next(), mediator));
        if (synthetic.Outcome == SyntheticOutcome.AgreementReached)
        {
            return;
        }

        c.ConfirmPerformance(synthetic.AmountRecovered, new ActionContext(synthetic.Outcome == SyntheticOutcome.Closed ? steps.Next() : steps.Last, mediator));
        if (synthetic.Outcome == SyntheticOutcome.Closed)
        {
            c.RecordFollowUp(synthetic.FollowUp ?? new FollowUp(5, null), new ActionContext(steps.Last, mediator));
        }
    }

    private async Task ReplayAllAsync(
        SeededCounty county,
        IEnumerable<SyntheticCase> cases,
        int batchSize,
        Dictionary<string, long> highest,
        ChannelWriter<List<(DisputeCase, IReadOnlyList<PlannedDeadline>)>> output,
        CancellationToken ct)
    {
        var routes = new Dictionary<long, CaseRouting>();
        var batch = new List<(DisputeCase, IReadOnlyList<PlannedDeadline>)>(batchSize);
        try
        {
            foreach (var synthetic in cases)
            {
                var c = Replay(county, synthetic, RoutingFor(county, synthetic.Case.LocationUnitId, routes));
                batch.Add((c, planner.Plan(c)));
                Track(highest, c.Number);
                if (batch.Count == batchSize)
                {
                    await output.WriteAsync(batch, ct);
                    batch = new(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await output.WriteAsync(batch, ct);
            }
        }
        finally
        {
            output.Complete();
        }
    }

    private async Task<int> InsertBatchAsync(List<(DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines)> batch, CancellationToken ct)
    {
        await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                if (database.Provider == DatabaseProvider.Sqlite)
                {
                    // A bulk load touches index pages all over the file; a larger page cache saves reading them
                    // again. The pooled connection keeps it, which costs memory only as pages are actually used.
                    await using var pragma = connection.CreateCommand();
                    pragma.CommandText = "PRAGMA cache_size = -262144";
                    await pragma.ExecuteNonQueryAsync(ct);
                }

                await using var writer = new CaseBulkWriter(database, connection, transaction, time);
                await writer.InsertAllAsync([.. batch.Select(b => new NewCaseInsert(b.Case, b.Deadlines))], Seeder, ct);
            },
            ct);
        return batch.Count;
    }

    /// <summary>The generator's chain for a location, with database ids: routing only reads ids and kinds.</summary>
    private static CaseRouting RoutingFor(SeededCounty county, long generatorUnitId, Dictionary<long, CaseRouting> routes)
    {
        if (!routes.TryGetValue(generatorUnitId, out var routing))
        {
            var chain = county.County.ChainFrom(generatorUnitId)
                .Select(u => u with { Id = county.UnitIds[u.Id], ParentId = u.ParentId is { } p ? county.UnitIds[p] : null })
                .ToArray();
            routes[generatorUnitId] = routing = new CaseRouting(chain, county.County.Ladder);
        }

        return routing;
    }

    /// <summary>Remembers the highest running number per prefix and year ('AJ-2026-000123').</summary>
    private static void Track(Dictionary<string, long> highest, string number)
    {
        var parts = number.Split('-');
        if (parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            var counter = $"case_number:{parts[0]}:{parts[1]}";
            if (!highest.TryGetValue(counter, out var seen) || n > seen)
            {
                highest[counter] = n;
            }
        }
    }

    /// <summary>Moves the case-number counters past the seeded numbers, so cases registered later do not collide.</summary>
    private async Task RaiseCountersAsync(DbConnection connection, DbTransaction transaction, Dictionary<string, long> highest, CancellationToken ct)
    {
        var upsert = database.Dialect.Upsert("counters", ["name"], ["value"]);
        foreach (var (name, value) in highest)
        {
            var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT value FROM counters WHERE name = @Name", new { Name = name }, transaction, cancellationToken: ct));
            if (current is null || current < value)
            {
                await connection.ExecuteAsync(new CommandDefinition(upsert, new { Name = name, Value = value }, transaction, cancellationToken: ct));
            }
        }
    }

    /// <summary>Evenly spaced instants from a case's receipt to its outcome, for the transitions in between.</summary>
    private sealed class Steps(DateTimeOffset from, DateTimeOffset to, int count)
    {
        private readonly TimeSpan _step = to > from ? (to - from) / count : TimeSpan.Zero;
        private int _taken;

        public DateTimeOffset Current => from + (_step * _taken);

        public DateTimeOffset Last => to > from ? to : from;

        public DateTimeOffset Next()
        {
            _taken = Math.Min(_taken + 1, count);
            return Current;
        }
    }
}
