namespace CaseFlow.Domain.Cases;

/// <summary>What can happen to a case (DESIGN §4). API action names are these in camelCase.</summary>
public enum CaseTrigger
{
    Grade,
    Accept,
    RecordSession,
    InviteParties,
    ExtendDeadline,
    Escalate,
    DeadlineElapsed,
    RiskRaised,
    ReachAgreement,
    ConfirmPerformance,
    PerformanceOverdue,
    Refer,
    CloseReferral,
    RecordFollowUp,
    Withdraw,
    Reject,
    Reopen,
}
