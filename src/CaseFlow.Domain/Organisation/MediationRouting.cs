namespace CaseFlow.Domain.Organisation;

/// <summary>Which unit hosts a mediation level for a dispute, given where the employer sits (DESIGN §3).</summary>
public static class MediationRouting
{
    /// <summary>
    /// The unit hosting <paramref name="level"/> for a dispute whose employer sits at the first unit of
    /// <paramref name="chain"/>.
    /// </summary>
    /// <param name="chain">
    /// The employer's own mediation group (an enterprise-kind unit) if it has one, or else the unit the employer sits
    /// under, followed by every ancestor up to the county: nearest first.
    /// </param>
    public static OrgUnit HostFor(int level, IReadOnlyList<OrgUnit> chain, MediationLadder ladder)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(ladder);
        if (chain.Count == 0)
        {
            throw new ArgumentException("The chain needs at least the unit where the employer sits.", nameof(chain));
        }

        var wanted = ladder[level].HostKind;

        // The nearest unit of the wanted kind; where the tree has none (an employer with no mediation group of its
        // own, a town with no villages), the nearest unit above that kind hosts the level.
        for (var i = 0; i < chain.Count; i++)
        {
            if (chain[i].Kind <= wanted)
            {
                return chain[i];
            }
        }

        return chain[^1];
    }
}
