using System.Data.Common;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>Who acts, from where, and which part of the org tree they may touch ('/' for the system).</summary>
public sealed record CaseActor(long? UserId, string? Username, string ScopePath, string? RemoteIp = null)
{
    /// <summary>The actor's partner organisation when they are a partner user: they see only what is shared with it.</summary>
    public long? PartnerOrgId { get; init; }

    /// <summary>The actor as <see cref="CaseVisibility"/> sees them.</summary>
    public CaseViewer Viewer => new(UserId, ScopePath, PartnerOrgId);

    /// <summary>Timers and other work no person started: every unit is in reach.</summary>
    public static CaseActor System { get; } = new(null, "system", "/");

    public AuditActor Audit => new(UserId, Username, RemoteIp) { UnitPath = ScopePath };
}

/// <summary>The employer of a new case: an existing enterprise, or a new one to record under a unit.</summary>
public sealed record EnterpriseRef(long? Id, string? Name, string? CreditCode, long? UnitId);

/// <summary>A dispute as registered through the API, the pages or a ledger import (already validated).</summary>
public sealed record CaseRegistration
{
    public required Channel Channel { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required EnterpriseRef Enterprise { get; init; }
    public required IReadOnlyList<CaseWorker> Workers { get; init; }
    public IReadOnlyList<ClaimType> ClaimTypes { get; init; } = [ClaimType.WageArrears];
    public string Description { get; init; } = "";
    public int DeclaredWorkers { get; init; }
    public RiskSignals Signals { get; init; }

    /// <summary>A ledger row finished long ago: registered as closed history, with no deadlines and no notices.</summary>
    public CaseHistory? History { get; init; }

    /// <summary>When the first level's clock starts if not at <see cref="ReceivedAt"/> (an open ledger row: at import).</summary>
    public DateTimeOffset? LevelClockFrom { get; init; }
}

/// <summary>
/// A registration the data refuses: the field and a message key (unknown_enterprise, enterprise_outside_jurisdiction,
/// unknown_unit) that the API turns into a field error.
/// </summary>
public sealed class CaseRegistrationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>No case with that id in the caller's jurisdiction (whether or not it exists elsewhere).</summary>
public sealed class CaseNotFoundException(long caseId) : Exception($"Case {caseId} was not found.")
{
    public long CaseId { get; } = caseId;
}

/// <summary>A case after a use case committed: the aggregate and its new version.</summary>
public sealed record CaseResult(DisputeCase Case, int Version);

/// <summary>
/// The case use cases (DESIGN §7): each loads the case in the caller's jurisdiction, fires the trigger in the
/// domain, and writes case, events, deadlines, records, notices and audit rows in one transaction with
/// optimistic concurrency. The web API, the timers and the ledger import all come through here.
/// </summary>
public sealed class CaseCommands(
    Database database, CaseStore store, OrgStore orgs, RiskGrader grader, DeadlinePlanner planner, TimeProvider time)
{
    private readonly CaseRegistrationSteps _steps = new(database.Dialect, store, orgs, grader, planner, time);

    /// <summary>Registers, grades and routes a new dispute.</summary>
    public Task<CaseResult> RegisterAsync(CaseRegistration registration, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync((connection, transaction) => RegisterAsync(connection, transaction, registration, actor, ct), ct);
    }

    /// <summary>Registers a dispute inside the caller's transaction, with whatever else that transaction writes (a screening record's link).</summary>
    public async Task<CaseResult> RegisterAsync(
        DbConnection connection, DbTransaction transaction, CaseRegistration registration, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(actor);
        var (c, deadlines) = await _steps.BuildAsync(connection, transaction, registration, actor, ct);
        await store.InsertAsync(connection, transaction, c, deadlines, actor.Audit, ct);
        return new CaseResult(c, 1);
    }

    /// <summary>
    /// Fires one action on a case: <paramref name="act"/> calls the aggregate's intent method.
    /// </summary>
    /// <param name="expectedVersion">The version the caller saw (If-Match); null skips the early check, the write still checks.</param>
    /// <exception cref="CaseNotFoundException">Not in the caller's jurisdiction, or no such case.</exception>
    /// <exception cref="CaseConcurrencyException">Someone changed the case first.</exception>
    /// <exception cref="CaseActionRefusedException">The workflow refuses the action; carries the refusal codes.</exception>
    public Task<CaseResult> ActAsync(
        long caseId,
        int? expectedVersion,
        CaseActor actor,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string? reason = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(act);
        return database.InTransactionAsync(
            (connection, transaction) => ActAsync(connection, transaction, caseId, expectedVersion, actor, act, reason, ct), ct);
    }

    /// <summary>
    /// <see cref="ActAsync(long, int?, CaseActor, Action{DisputeCase, CaseRouting, ActionContext}, string?, CancellationToken)"/>
    /// inside a transaction the caller owns, for work that must commit or roll back with the action (the deadline
    /// sweep marks its row fired in the same transaction, so a crash can never escalate a case twice).
    /// </summary>
    public async Task<CaseResult> ActAsync(
        DbConnection connection,
        DbTransaction transaction,
        long caseId,
        int? expectedVersion,
        CaseActor actor,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string? reason = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await ActAsync(connection, transaction, caseId, expectedVersion, actor, actor.Viewer, act, reason, ct);
    }

    /// <summary>
    /// The same write, with the case loaded as <paramref name="loadAs"/> sees it rather than as the actor does: for a
    /// partner recording the outcome of a referral addressed to its organisation, which the caller has checked in
    /// this same transaction (a partner acts on no case otherwise). Everything written is the actor's.
    /// </summary>
    public async Task<CaseResult> ActAsync(
        DbConnection connection,
        DbTransaction transaction,
        long caseId,
        int? expectedVersion,
        CaseActor actor,
        CaseViewer loadAs,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string? reason = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(loadAs);
        ArgumentNullException.ThrowIfNull(act);
        var c = await store.LoadAsync(connection, transaction, caseId, loadAs, ct)
            ?? throw new CaseNotFoundException(caseId);
        if (expectedVersion is { } expected && expected != c.Version)
        {
            throw new CaseConcurrencyException(caseId, expected);
        }

        return await ActOnLoadedAsync(connection, transaction, c, actor, act, reason, ct);
    }

    /// <summary>
    /// The cases with these ids as the system loads them, for a deadline sweep's group of due rows (see
    /// <see cref="CaseStore.LoadForSweepAsync"/>): what the group's <see cref="ActOnLoadedAsync"/> calls act on.
    /// </summary>
    internal Task<Dictionary<long, SweptCase>> LoadForSweepAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids, CancellationToken ct) =>
        store.LoadForSweepAsync(connection, transaction, ids, ct);

    /// <summary>
    /// The write of <see cref="ActAsync(DbConnection, DbTransaction, long, int?, CaseActor, CaseViewer, Action{DisputeCase, CaseRouting, ActionContext}, string?, CancellationToken)"/>
    /// on a case already loaded in this transaction (with the case row held since), as the deadline sweep does for a group.
    /// </summary>
    internal Task<CaseResult> ActOnLoadedAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        CaseActor actor,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string? reason,
        CancellationToken ct) =>
        ActOnLoadedAsync(connection, transaction, c, actor, act, reason, deferred: null, ct);

    /// <summary>As above, the write's plain inserts kept in <paramref name="deferred"/> for the group to write together.</summary>
    internal async Task<CaseResult> ActOnLoadedAsync(
        DbConnection connection,
        DbTransaction transaction,
        DisputeCase c,
        CaseActor actor,
        Action<DisputeCase, CaseRouting, ActionContext> act,
        string? reason,
        CaseStore.GroupInserts? deferred,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(act);
        var routing = await _steps.RoutingAsync(connection, transaction, c.LocationUnitId, ct);
        var stateBefore = c.State;
        var planBefore = planner.Plan(c);
        act(c, routing.Routing, new ActionContext(time.GetUtcNow(), actor.UserId, reason));
        var plan = planner.Plan(c);
        var deadlinesChanged = c.State != stateBefore || !plan.SequenceEqual(planBefore);
        var version = await store.SaveAsync(connection, transaction, c, plan, actor.Audit, deadlinesChanged, deferred, ct);
        return new CaseResult(c, version);
    }

    /// <summary>The grade the default rules give a case's facts now (for re-grading).</summary>
    public GradingResult Regrade(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return grader.Grade(c.Facts());
    }
}
