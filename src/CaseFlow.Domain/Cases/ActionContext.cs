using CaseFlow.Domain.Organisation;

namespace CaseFlow.Domain.Cases;

/// <summary>Who acts on a case, when and why. A null user is the system (timers).</summary>
public sealed record ActionContext(DateTimeOffset Now, long? UserId, string? Reason = null);

/// <summary>The units that host each mediation level for one case: its employer's chain and the county's ladder.</summary>
public sealed class CaseRouting(IReadOnlyList<OrgUnit> chain, MediationLadder ladder)
{
    public IReadOnlyList<OrgUnit> Chain { get; } = chain;

    public MediationLadder Ladder { get; } = ladder;

    /// <summary>The county (or district) at the top of the chain: it receives red alerts.</summary>
    public OrgUnit County => Chain[^1];

    public OrgUnit HostFor(int level) => MediationRouting.HostFor(level, Chain, Ladder);
}
