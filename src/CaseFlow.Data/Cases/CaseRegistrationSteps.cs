using System.Data.Common;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Registration up to the insert, inside the caller's transaction: resolve (or record) the employer in the actor's
/// jurisdiction, find the routing chain and ladder, allocate the number, register and grade. Shared by
/// <see cref="CaseCommands"/> (one case per transaction) and <see cref="CaseBatchCommands"/> (ledger imports).
/// </summary>
internal sealed class CaseRegistrationSteps(
    SqlDialect dialect, CaseStore store, OrgStore orgs, RiskGrader grader, DeadlinePlanner planner, TimeProvider time)
{
    /// <summary>The registered and graded case, not yet inserted, with its deadlines.</summary>
    public async Task<(DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines)> BuildAsync(
        DbConnection connection, DbTransaction transaction, CaseRegistration registration, CaseActor actor, CancellationToken ct)
    {
        var (location, routing) = await LocateAsync(connection, transaction, registration, actor, lookups: null, ct);
        var number = await store.NextNumberAsync(connection, transaction, routing.CountyCode, registration.ReceivedAt, ct);
        return Register(registration, location, routing.Routing, number, actor);
    }

    /// <summary>
    /// <see cref="BuildAsync"/> for each registration of a batch, in order, with what the batch shares asked once: an
    /// employer found once per enterprise id or credit code (one recorded by an earlier registration of the batch is
    /// found as the next query would find it), a unit's jurisdiction checked once, and the case numbers taken as one
    /// range per county and year. The cases and their numbers are those the registrations would get one by one.
    /// </summary>
    /// <exception cref="CaseRegistrationException">A registration the data refuses (the caller's transaction then rolls back).</exception>
    public async Task<List<(DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines)>> BuildAllAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<CaseRegistration> registrations, CaseActor actor, CancellationToken ct)
    {
        var lookups = new EnterpriseLookups();
        var located = new List<((long EnterpriseId, long LocationUnitId) Location, CaseRouting Routing, string Counter, string CountyCode, int Year)>(registrations.Count);
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            var (location, routing) = await LocateAsync(connection, transaction, registration, actor, lookups, ct);
            var year = ChinaTime.DateOf(registration.ReceivedAt).Year;
            var counter = CaseStore.NumberCounter(routing.CountyCode, year);
            wanted[counter] = wanted.GetValueOrDefault(counter) + 1;
            located.Add((location, routing.Routing, counter, routing.CountyCode, year));
        }

        // One range per counter, in the order the counters first come up (as one-by-one numbering would touch them).
        var next = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (counter, count) in wanted)
        {
            next[counter] = await Counters.TakeAsync(connection, transaction, dialect, counter, count, ct);
        }

        var built = new List<(DisputeCase, IReadOnlyList<PlannedDeadline>)>(registrations.Count);
        for (var i = 0; i < registrations.Count; i++)
        {
            var (location, routing, counter, countyCode, year) = located[i];
            var running = next[counter]++;
            built.Add(Register(registrations[i], location, routing, CaseStore.FormatNumber(countyCode, year, running), actor));
        }

        return built;
    }

    private async Task<((long EnterpriseId, long LocationUnitId) Location, (CaseRouting Routing, string CountyCode) Routing)> LocateAsync(
        DbConnection connection, DbTransaction transaction, CaseRegistration registration, CaseActor actor, EnterpriseLookups? lookups, CancellationToken ct)
    {
        var location = await ResolveEnterpriseAsync(connection, transaction, registration.Enterprise, actor, lookups, ct);
        try
        {
            return (location, await RoutingAsync(connection, transaction, location.LocationUnitId, ct));
        }
        catch (MissingLadderException)
        {
            // The registrar can do nothing about it but ask: a refusal with its reason, not a server error.
            throw new CaseRegistrationException("enterprise", MissingLadderException.MessageKey);
        }
    }

    /// <summary>Registration and grading in memory, once the employer, routing and number are known.</summary>
    private (DisputeCase Case, IReadOnlyList<PlannedDeadline> Deadlines) Register(
        CaseRegistration registration, (long EnterpriseId, long LocationUnitId) location, CaseRouting routing, string number, CaseActor actor)
    {
        var c = DisputeCase.Register(new NewCase
        {
            Number = number,
            Channel = registration.Channel,
            ClaimTypes = registration.ClaimTypes,
            Description = registration.Description,
            ReceivedAt = registration.ReceivedAt,
            EnterpriseId = location.EnterpriseId,
            LocationUnitId = location.LocationUnitId,
            Workers = registration.Workers,
            DeclaredWorkers = registration.DeclaredWorkers,
            Signals = registration.Signals,
        });
        if (registration.History is { } history)
        {
            c.RecordHistory(grader.Grade(c.Facts()), history, new ActionContext(time.GetUtcNow(), actor.UserId, HistoryReason(history)));
            return (c, []);
        }

        c.Grade(grader.Grade(c.Facts()), routing, new ActionContext(time.GetUtcNow(), actor.UserId), registration.LevelClockFrom);
        return (c, planner.Plan(c));
    }

    private static string HistoryReason(CaseHistory history) =>
        $"台账补录：处理情况“{history.Outcome}”，作为已办结的历史记录导入（不计时限、不发预警）";

    /// <exception cref="CaseRegistrationException">The enterprise or unit is unknown or outside the actor's jurisdiction.</exception>
    public Task<(long EnterpriseId, long LocationUnitId)> ResolveEnterpriseAsync(
        DbConnection connection, DbTransaction transaction, EnterpriseRef enterprise, CaseActor actor, CancellationToken ct) =>
        ResolveEnterpriseAsync(connection, transaction, enterprise, actor, lookups: null, ct);

    /// <param name="lookups">What earlier registrations of the same batch (same actor, same transaction) found; null for one registration.</param>
    private async Task<(long EnterpriseId, long LocationUnitId)> ResolveEnterpriseAsync(
        DbConnection connection, DbTransaction transaction, EnterpriseRef enterprise, CaseActor actor, EnterpriseLookups? lookups, CancellationToken ct)
    {
        var scope = new { SubtreePattern = dialect.SubtreePattern(actor.ScopePath) };
        string find = $"""
            SELECT e.id AS Id, e.unit_id AS UnitId, e.mediation_unit_id AS MediationUnitId,
                   CASE WHEN {dialect.SubtreeCondition("u.path")} THEN 1 ELSE 0 END AS InScope
            FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
            """;
        StoredEnterprise? found;
        if (enterprise.Id is { } id)
        {
            if (lookups is null || !lookups.ById.TryGetValue(id, out found))
            {
                found = await connection.QuerySingleOrDefaultAsync<StoredEnterprise>(new CommandDefinition(
                    find + " WHERE e.id = @Id", new { Id = id, scope.SubtreePattern }, transaction, cancellationToken: ct));
                lookups?.ById.Add(id, found);
            }

            if (found is not { InScope: 1 })
            {
                throw new CaseRegistrationException("enterprise.id", "unknown_enterprise");
            }
        }
        else
        {
            found = null;
            if (enterprise.CreditCode is { } creditCode && (lookups is null || !lookups.ByCreditCode.TryGetValue(creditCode, out found)))
            {
                found = await connection.QuerySingleOrDefaultAsync<StoredEnterprise>(new CommandDefinition(
                    find + " WHERE e.credit_code = @CreditCode", new { enterprise.CreditCode, scope.SubtreePattern }, transaction, cancellationToken: ct));
                lookups?.ByCreditCode.Add(creditCode, found);
            }

            if (found is { InScope: 0 })
            {
                throw new CaseRegistrationException("enterprise.creditCode", "enterprise_outside_jurisdiction");
            }

            if (found is null)
            {
                long unitInScope;
                if (lookups is null || enterprise.UnitId is not { } unitId || !lookups.UnitInScope.TryGetValue(unitId, out unitInScope))
                {
                    unitInScope = await RowWriter.Cached(connection, transaction, dialect).ScalarInt64Async(
                        _unitInScope ??= $"SELECT COUNT(*) FROM org_units AS u WHERE u.id = @UnitId AND {dialect.SubtreeCondition("u.path")}",
                        new UnitInScope(enterprise.UnitId, scope.SubtreePattern),
                        ct);
                    if (lookups is not null && enterprise.UnitId is { } checkedUnit)
                    {
                        lookups.UnitInScope[checkedUnit] = unitInScope;
                    }
                }

                if (unitInScope == 0)
                {
                    throw new CaseRegistrationException("enterprise.unitId", "unknown_unit");
                }

                var newId = await orgs.InsertEnterpriseAsync(
                    connection, transaction, new NewEnterprise(enterprise.Name!, enterprise.CreditCode, null, enterprise.UnitId!.Value), ct);
                if (lookups is not null && enterprise.CreditCode is { } recorded)
                {
                    // What the next registration's query by this credit code would now find.
                    lookups.ByCreditCode[recorded] = new StoredEnterprise { Id = newId, UnitId = enterprise.UnitId.Value, InScope = 1 };
                }

                return (newId, enterprise.UnitId!.Value);
            }
        }

        return (found.Id, found.MediationUnitId ?? found.UnitId);
    }

    /// <summary>How long a location's routing (its unit chain, the county's ladder and case-number prefix) is reused.</summary>
    public static readonly TimeSpan RoutingLifetime = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, (CaseRouting Routing, string CountyCode, DateTimeOffset Until)> _routes = new();

    /// <summary>
    /// The chain from the location up to its county, the county's ladder and its case-number prefix, cached for
    /// <see cref="RoutingLifetime"/>: the org tree and the ladders change rarely (an administrator's edit), while every
    /// transition needs them. An edit reaches routing within that time.
    /// </summary>
    public async Task<(CaseRouting Routing, string CountyCode)> RoutingAsync(
        DbConnection connection, DbTransaction transaction, long locationUnitId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_routes.TryGetValue(locationUnitId, out var cached) && cached.Until > now)
        {
            return (cached.Routing, cached.CountyCode);
        }

        var chain = await OrgStore.ChainAsync(connection, transaction, locationUnitId, ct);
        if (chain.Count == 0)
        {
            throw new InvalidOperationException($"Org unit {locationUnitId} does not exist.");
        }

        var county = chain[^1];
        var ladder = await OrgStore.GetLadderAsync(connection, transaction, county.Id, ct)
            ?? throw new MissingLadderException(county.Id, county.Name);
        var code = await OrgStore.CountyCodeAsync(connection, transaction, county.Id, ct) ?? "CF";
        _routes[locationUnitId] = (new CaseRouting(chain, ladder), code, now + RoutingLifetime);
        return (new CaseRouting(chain, ladder), code);
    }

    // Made once: a kept command is found by its text.
    private string? _unitInScope;

    private sealed record UnitInScope(long? UnitId, string SubtreePattern);

    /// <summary>What a batch's registrations looked up so far, for the next ones.</summary>
    private sealed class EnterpriseLookups
    {
        public Dictionary<long, StoredEnterprise?> ById { get; } = [];

        public Dictionary<string, StoredEnterprise?> ByCreditCode { get; } = new(StringComparer.Ordinal);

        public Dictionary<long, long> UnitInScope { get; } = [];
    }

    private sealed class StoredEnterprise
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public long? MediationUnitId { get; init; }
        public int InScope { get; init; }
    }
}

/// <summary>The county has no (complete) mediation ladder configured, so a case there cannot be routed.</summary>
public sealed class MissingLadderException(long countyId, string countyName)
    : InvalidOperationException($"County {countyName} ({countyId}) has no mediation ladder configured.")
{
    /// <summary>The validation message key a registration refused for this reason carries.</summary>
    public const string MessageKey = "no_mediation_ladder";

    public long CountyId { get; } = countyId;
}
