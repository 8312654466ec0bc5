namespace CaseFlow.Synthetic;

/// <summary>
/// Where the seeding code should leave a synthetic case, driving it there through the real workflow. The level it
/// ends at is its entry level (yellow 1, orange 2, red 3) plus <see cref="SyntheticCase.Escalations"/>.
/// </summary>
public enum SyntheticOutcome
{
    /// <summary>Routed (or escalated) to a unit that has not accepted it yet.</summary>
    AwaitingAcceptance,

    /// <summary>Accepted, a mediator assigned and sessions recorded.</summary>
    InMediation,

    /// <summary>An agreement is signed and its payment is not yet confirmed.</summary>
    AgreementReached,

    /// <summary>The agreed amount was paid (see <see cref="SyntheticCase.AmountRecovered"/>).</summary>
    Resolved,

    /// <summary>Resolved, then followed up (回访) and closed.</summary>
    Closed,

    /// <summary>Mediation failed at level 3.</summary>
    MediationFailed,

    /// <summary>Climbed to level 3 and was handed to another body (see <see cref="SyntheticCase.Referral"/>).</summary>
    Referred,

    /// <summary>The applicant withdrew.</summary>
    Withdrawn,

    /// <summary>Not accepted (不予受理) at the entry level, with a reason.</summary>
    Rejected,
}
