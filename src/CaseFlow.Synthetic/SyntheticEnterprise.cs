namespace CaseFlow.Synthetic;

/// <summary>A made-up employer with a valid unified social credit code, sitting under a village or community.</summary>
/// <param name="Id">The enterprise's own id (not an org unit id); assigned in order from <see cref="SyntheticOptions.FirstEnterpriseId"/>.</param>
/// <param name="UnitId">The village or community unit the enterprise sits under.</param>
/// <param name="MediationGroupUnitId">Its own mediation group (an enterprise-kind unit under <paramref name="UnitId"/>), if it has one.</param>
public sealed record SyntheticEnterprise(
    long Id,
    string Name,
    string CreditCode,
    string Address,
    SyntheticIndustry Industry,
    long UnitId,
    long? MediationGroupUnitId)
{
    /// <summary>
    /// Where its disputes are located: its mediation group if it has one, else the unit it sits under. The unit and its
    /// ancestors are the chain <see cref="CaseFlow.Domain.Organisation.MediationRouting"/> climbs.
    /// </summary>
    public long LocationUnitId => MediationGroupUnitId ?? UnitId;
}
