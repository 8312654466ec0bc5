using System.Data.Common;
using CaseFlow.Data.Organisation;
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
        var location = await ResolveEnterpriseAsync(connection, transaction, registration.Enterprise, actor, ct);
        (CaseRouting Routing, string CountyCode) routing;
        try
        {
            routing = await RoutingAsync(connection, transaction, location.LocationUnitId, ct);
        }
        catch (MissingLadderException)
        {
            // The registrar can do nothing about it but ask: a refusal with its reason, not a server error.
            throw new CaseRegistrationException("enterprise", MissingLadderException.MessageKey);
        }

        var number = await store.NextNumberAsync(connection, transaction, routing.CountyCode, registration.ReceivedAt, ct);
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

        c.Grade(grader.Grade(c.Facts()), routing.Routing, new ActionContext(time.GetUtcNow(), actor.UserId), registration.LevelClockFrom);
        return (c, planner.Plan(c));
    }

    private static string HistoryReason(CaseHistory history) =>
        $"台账补录：处理情况“{history.Outcome}”，作为已办结的历史记录导入（不计时限、不发预警）";

    /// <exception cref="CaseRegistrationException">The enterprise or unit is unknown or outside the actor's jurisdiction.</exception>
    public async Task<(long EnterpriseId, long LocationUnitId)> ResolveEnterpriseAsync(
        DbConnection connection, DbTransaction transaction, EnterpriseRef enterprise, CaseActor actor, CancellationToken ct)
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
            found = await connection.QuerySingleOrDefaultAsync<StoredEnterprise>(new CommandDefinition(
                find + " WHERE e.id = @Id", new { Id = id, scope.SubtreePattern }, transaction, cancellationToken: ct));
            if (found is not { InScope: 1 })
            {
                throw new CaseRegistrationException("enterprise.id", "unknown_enterprise");
            }
        }
        else
        {
            found = enterprise.CreditCode is null ? null : await connection.QuerySingleOrDefaultAsync<StoredEnterprise>(new CommandDefinition(
                find + " WHERE e.credit_code = @CreditCode", new { enterprise.CreditCode, scope.SubtreePattern }, transaction, cancellationToken: ct));
            if (found is { InScope: 0 })
            {
                throw new CaseRegistrationException("enterprise.creditCode", "enterprise_outside_jurisdiction");
            }

            if (found is null)
            {
                var unitInScope = await RowWriter.Cached(connection, transaction, dialect).ScalarInt64Async(
                    _unitInScope ??= $"SELECT COUNT(*) FROM org_units AS u WHERE u.id = @UnitId AND {dialect.SubtreeCondition("u.path")}",
                    new UnitInScope(enterprise.UnitId, scope.SubtreePattern),
                    ct);
                if (unitInScope == 0)
                {
                    throw new CaseRegistrationException("enterprise.unitId", "unknown_unit");
                }

                var newId = await orgs.InsertEnterpriseAsync(
                    connection, transaction, new NewEnterprise(enterprise.Name!, enterprise.CreditCode, null, enterprise.UnitId!.Value), ct);
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
