using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Cases;

/// <summary>The one state machine every case runs on (DESIGN §4), configured once and shared.</summary>
public static class CaseWorkflow
{
    public const string LacksMinimumFacts = "the case lacks the minimum facts: enterprise, at least one worker and the date received";
    public const string MediatorRequired = "a mediator must be assigned";
    public const string ConsentRequired = "both parties must consent to an extension";
    public const string ExtensionTooShort = "an extension must be at least one day";
    public const string ReopenWindowPassed = "the reopen window has passed";
    public const string UnknownColour = "the colour must be yellow, orange or red";

    // Declared before Machine: static initialisers run in textual order and Configure reads these.
    private static readonly StateMachine<CaseState, CaseTrigger, IWorkflowCase> Definition =
        new(static c => c.State, static (c, state) => c.SetState(state));

    /// <summary>Grade carries the colour the grading rules computed.</summary>
    public static TriggerWithParameters<CaseTrigger, RiskColor> Grade { get; } =
        Definition.SetTriggerParameters<RiskColor>(CaseTrigger.Grade, IsColour, UnknownColour);

    /// <summary>Accept carries the user id of the mediator the receiving unit assigns.</summary>
    public static TriggerWithParameters<CaseTrigger, long> Accept { get; } =
        Definition.SetTriggerParameters<long>(CaseTrigger.Accept);

    public static TriggerWithParameters<CaseTrigger, DeadlineExtension> ExtendDeadline { get; } =
        Definition.SetTriggerParameters<DeadlineExtension>(CaseTrigger.ExtendDeadline, static e => e.Days > 0, ExtensionTooShort);

    /// <summary>RiskRaised carries the new colour after re-grading.</summary>
    public static TriggerWithParameters<CaseTrigger, RiskColor> RiskRaised { get; } =
        Definition.SetTriggerParameters<RiskColor>(CaseTrigger.RiskRaised, IsColour, UnknownColour);

    /// <summary>The configured machine. Thread-safe: share it across all cases.</summary>
    public static StateMachine<CaseState, CaseTrigger, IWorkflowCase> Machine { get; } = Configure(Definition);

    /// <summary>The mediation level (1..3) a state belongs to, or null outside mediation.</summary>
    public static int? LevelOf(CaseState state) => state switch
    {
        CaseState.Level1 or CaseState.Level1AwaitingAcceptance or CaseState.Level1InMediation => 1,
        CaseState.Level2 or CaseState.Level2AwaitingAcceptance or CaseState.Level2InMediation => 2,
        CaseState.Level3 or CaseState.Level3AwaitingAcceptance or CaseState.Level3InMediation => 3,
        _ => null,
    };

    public static CaseState LevelState(int level) => level switch
    {
        1 => CaseState.Level1,
        2 => CaseState.Level2,
        3 => CaseState.Level3,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Mediation levels are 1, 2 and 3."),
    };

    public static CaseState AwaitingAcceptanceAt(int level) => level switch
    {
        1 => CaseState.Level1AwaitingAcceptance,
        2 => CaseState.Level2AwaitingAcceptance,
        3 => CaseState.Level3AwaitingAcceptance,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Mediation levels are 1, 2 and 3."),
    };

    public static CaseState InMediationAt(int level) => level switch
    {
        1 => CaseState.Level1InMediation,
        2 => CaseState.Level2InMediation,
        3 => CaseState.Level3InMediation,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Mediation levels are 1, 2 and 3."),
    };

    /// <summary>Whether a case may be stored in the state: a defined value that is not a super-state.</summary>
    public static bool IsStored(CaseState state) =>
        Enum.IsDefined(state) && state is not (CaseState.Mediation or CaseState.Level1 or CaseState.Level2 or CaseState.Level3);

    /// <summary>Closed, Withdrawn and Rejected end a case; only a Closed one may still be reopened.</summary>
    /// <summary>Whether the case waits for a unit to accept it, at any level.</summary>
    public static bool IsAwaitingAcceptance(CaseState state) =>
        state is CaseState.Level1AwaitingAcceptance or CaseState.Level2AwaitingAcceptance or CaseState.Level3AwaitingAcceptance;

    public static bool IsTerminal(CaseState state) => state is CaseState.Closed or CaseState.Withdrawn or CaseState.Rejected;

    private static bool IsColour(RiskColor colour) => colour is RiskColor.Yellow or RiskColor.Orange or RiskColor.Red;

    private static StateMachine<CaseState, CaseTrigger, IWorkflowCase> Configure(StateMachine<CaseState, CaseTrigger, IWorkflowCase> machine)
    {
        // Graded response: the colour picks the level the case starts at.
        machine.Configure(CaseState.Registered)
            .PermitIf(Grade, CaseState.Level1AwaitingAcceptance, static c => c.HasMinimumFacts, LacksMinimumFacts, static (_, colour) => colour == RiskColor.Yellow, "graded yellow")
            .PermitIf(Grade, CaseState.Level2AwaitingAcceptance, static c => c.HasMinimumFacts, LacksMinimumFacts, static (_, colour) => colour == RiskColor.Orange, "graded orange")
            .PermitIf(Grade, CaseState.Level3AwaitingAcceptance, static c => c.HasMinimumFacts, LacksMinimumFacts, static (_, colour) => colour == RiskColor.Red, "graded red")
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn)
            .Permit(CaseTrigger.Reject, CaseState.Rejected);

        machine.Configure(CaseState.Mediation)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn);

        for (var level = 1; level <= 3; level++)
        {
            var next = level < 3 ? AwaitingAcceptanceAt(level + 1) : CaseState.MediationFailed;
            var levelState = machine.Configure(LevelState(level))
                .SubstateOf(CaseState.Mediation)
                .Permit(CaseTrigger.Escalate, next)
                .Permit(CaseTrigger.DeadlineElapsed, next);
            ConfigureRiskRaised(levelState, level);

            machine.Configure(AwaitingAcceptanceAt(level))
                .SubstateOf(LevelState(level))
                .PermitIf(Accept, InMediationAt(level), static (_, mediatorId) => mediatorId > 0, MediatorRequired)
                .Permit(CaseTrigger.Reject, CaseState.Rejected);

            machine.Configure(InMediationAt(level))
                .SubstateOf(LevelState(level))
                .InternalTransition(CaseTrigger.RecordSession)
                .InternalTransition(CaseTrigger.InviteParties)
                .InternalTransitionIf(ExtendDeadline, static (_, e) => e.WorkerConsented && e.EmployerConsented, ConsentRequired, static (_, _, _) => { })
                .Permit(CaseTrigger.ReachAgreement, CaseState.AgreementReached)
                .Permit(CaseTrigger.ConfirmPerformance, CaseState.Resolved);
        }

        machine.Configure(CaseState.AgreementReached)
            .Permit(CaseTrigger.ConfirmPerformance, CaseState.Resolved)
            .Permit(CaseTrigger.PerformanceOverdue, CaseState.MediationFailed)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn);

        machine.Configure(CaseState.MediationFailed)
            .Permit(CaseTrigger.Refer, CaseState.Referred)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn);

        machine.Configure(CaseState.Referred)
            .Permit(CaseTrigger.CloseReferral, CaseState.Closed);

        machine.Configure(CaseState.Resolved)
            .Permit(CaseTrigger.RecordFollowUp, CaseState.Closed);

        machine.Configure(CaseState.Closed)
            .PermitDynamicIf(
                CaseTrigger.Reopen,
                static c => AwaitingAcceptanceAt(c.LastMediationLevel),
                static c => c.IsWithinReopenWindow,
                ReopenWindowPassed,
                CaseState.Level1AwaitingAcceptance,
                CaseState.Level2AwaitingAcceptance,
                CaseState.Level3AwaitingAcceptance);

        // Final: configured with nothing, so every trigger is refused.
        machine.Configure(CaseState.Withdrawn);
        machine.Configure(CaseState.Rejected);

        machine.OnTransitioned(static (c, transition) => c.OnTransitioned(transition));

        return machine;
    }

    /// <summary>Re-grading upwards jumps to the colour's level; anything else is recorded where the case is.</summary>
    private static void ConfigureRiskRaised(StateConfiguration<CaseState, CaseTrigger, IWorkflowCase> level, int number)
    {
        switch (number)
        {
            case 1:
                level
                    .PermitIf(RiskRaised, CaseState.Level2AwaitingAcceptance, static (_, colour) => colour == RiskColor.Orange, "raised to orange")
                    .PermitIf(RiskRaised, CaseState.Level3AwaitingAcceptance, static (_, colour) => colour == RiskColor.Red, "raised to red")
                    .InternalTransitionIf(RiskRaised, static (_, colour) => colour == RiskColor.Yellow, "still yellow", static (_, _, _) => { });
                break;
            case 2:
                level
                    .PermitIf(RiskRaised, CaseState.Level3AwaitingAcceptance, static (_, colour) => colour == RiskColor.Red, "raised to red")
                    .InternalTransitionIf(RiskRaised, static (_, colour) => colour != RiskColor.Red, "not raised to red", static (_, _, _) => { });
                break;
            default:
                level.InternalTransition(RiskRaised, static (_, _, _) => { });
                break;
        }
    }
}
