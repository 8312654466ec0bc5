namespace CaseFlow.Domain.Cases;

/// <summary>
/// Where a dispute stands (DESIGN §4). <see cref="Mediation"/> and the three <c>LevelN</c> values are
/// super-states: a case is never stored in one of them, only in one of their sub-states.
/// </summary>
public enum CaseState
{
    Registered,

    Mediation,

    Level1,
    Level1AwaitingAcceptance,
    Level1InMediation,

    Level2,
    Level2AwaitingAcceptance,
    Level2InMediation,

    Level3,
    Level3AwaitingAcceptance,
    Level3InMediation,

    AgreementReached,
    Resolved,
    MediationFailed,
    Referred,
    Closed,
    Withdrawn,
    Rejected,
}
