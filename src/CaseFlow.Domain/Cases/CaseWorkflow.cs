using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace CaseFlow.Domain.Cases;

/// <summary>The languages the workflow diagram is written in.</summary>
public enum DiagramFormat
{
    Mermaid,
    Dot,
}

/// <summary>
/// The case workflow of DESIGN §4: its one configuration, and what others may ask of it without a case (levels,
/// super-states, the diagram). The machine itself is private to <see cref="DisputeCase"/>, which builds one per
/// unit of work through <see cref="Build"/>.
/// </summary>
public static class CaseWorkflow
{
    private static readonly CaseState[] Stored = [.. Enum.GetValues<CaseState>().Where(IsStored)];

    private static readonly Dictionary<CaseState, CaseState[]> Under = Enum.GetValues<CaseState>().ToDictionary(
        state => state,
        state => Stored.Where(stored => Build(() => stored, static _ => { }, WorkflowFacts.Diagram).Machine.IsInState(state)).ToArray());

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

    /// <summary>Graded response: the level a colour starts at (yellow 1, orange 2, red 3).</summary>
    public static int StartLevel(RiskColor colour) => colour switch
    {
        RiskColor.Red => 3,
        RiskColor.Orange => 2,
        _ => 1,
    };

    /// <summary>Whether a case may be stored in the state: a defined value that is not a super-state.</summary>
    public static bool IsStored(CaseState state) =>
        Enum.IsDefined(state) && state is not (CaseState.Mediation or CaseState.Level1 or CaseState.Level2 or CaseState.Level3);

    /// <summary>The stored states a state stands for: itself, or every stored state below a super-state (for filters).</summary>
    public static IReadOnlyList<CaseState> StatesUnder(CaseState state) => Under.TryGetValue(state, out var states) ? states : [];

    /// <summary>Whether the case waits for a unit to accept it, at any level.</summary>
    public static bool IsAwaitingAcceptance(CaseState state) =>
        state is CaseState.Level1AwaitingAcceptance or CaseState.Level2AwaitingAcceptance or CaseState.Level3AwaitingAcceptance;

    /// <summary>Closed, Withdrawn and Rejected end a case; only a Closed one may still be reopened.</summary>
    public static bool IsTerminal(CaseState state) => state is CaseState.Closed or CaseState.Withdrawn or CaseState.Rejected;

    /// <summary>Whether a value is one of the three colours.</summary>
    public static bool IsColour(RiskColor colour) => colour is RiskColor.Yellow or RiskColor.Orange or RiskColor.Red;

    /// <summary>The workflow as a diagram, drawn by Stateless from the configuration itself; guards show their refusal codes.</summary>
    public static string Diagram(DiagramFormat format)
    {
        var info = Build(static () => CaseState.Registered, static _ => { }, WorkflowFacts.Diagram).Machine.GetInfo();
        var text = format switch
        {
            DiagramFormat.Dot => UmlDotGraph.Format(info),
            _ => MermaidGraph.Format(info),
        };

        // An internal transition's action is a lambda, which Stateless labels "Function": say nothing rather than that.
        return text.Replace(" [Function]", "", StringComparison.Ordinal).TrimEnd() + "\n";
    }

    /// <summary>
    /// The one configuration of the machine, over a case's state (read and written through the two functions)
    /// and the facts its guards read. Guards read only those facts, never an action's argument (Stateless would
    /// evaluate them with default values when listing), and within a state they are mutually exclusive. The
    /// colour's routing is the exception that proves it: the two RiskRaised guards of a level are exhaustive and
    /// exclusive over every value, so a listing without an argument finds exactly one of them true.
    /// </summary>
    internal static CaseMachine Build(Func<CaseState> read, Action<CaseState> write, WorkflowFacts facts)
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(read, write, FiringMode.Immediate);
        var grade = machine.SetTriggerParameters<RiskColor>(CaseTrigger.Grade);
        var riskRaised = machine.SetTriggerParameters<RiskColor>(CaseTrigger.RiskRaised);

        // Graded response: the colour picks the level the case starts at.
        machine.Configure(CaseState.Registered)
            .PermitDynamicIf(
                grade,
                static colour => AwaitingAcceptanceAt(StartLevel(colour)),
                () => facts.HasMinimumFacts,
                CaseRefusal.LacksMinimumFacts,
                Destinations(1, "graded yellow", "graded orange", "graded red"))
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn)
            .Permit(CaseTrigger.Reject, CaseState.Rejected);

        machine.Configure(CaseState.Mediation)
            .Permit(CaseTrigger.Withdraw, CaseState.Withdrawn);

        for (var level = 1; level <= 3; level++)
        {
            var here = level;
            var next = level < 3 ? AwaitingAcceptanceAt(level + 1) : CaseState.MediationFailed;
            var levelState = machine.Configure(LevelState(level))
                .SubstateOf(CaseState.Mediation)
                .Permit(CaseTrigger.Escalate, next)
                .Permit(CaseTrigger.DeadlineElapsed, next);
            if (level < 3)
            {
                // Re-grading upwards jumps to the colour's level; anything else is recorded where the case is.
                levelState
                    .PermitDynamicIf(
                        riskRaised,
                        static colour => AwaitingAcceptanceAt(StartLevel(colour)),
                        colour => StartLevel(colour) > here,
                        "colour above this level",
                        level == 1 ? Destinations(2, "raised to orange", "raised to red") : Destinations(3, "raised to red"))
                    .InternalTransitionIf(riskRaised, colour => StartLevel(colour) <= here, static (_, _) => { }, "colour at or below this level");
            }
            else
            {
                levelState.InternalTransition(riskRaised, static (_, _) => { });
            }

            machine.Configure(AwaitingAcceptanceAt(level))
                .SubstateOf(LevelState(level))
                .Permit(CaseTrigger.Accept, InMediationAt(level))
                .Permit(CaseTrigger.Reject, CaseState.Rejected);

            machine.Configure(InMediationAt(level))
                .SubstateOf(LevelState(level))
                .InternalTransition(CaseTrigger.RecordSession, static _ => { })
                .InternalTransition(CaseTrigger.InviteParties, static _ => { })
                .InternalTransition(CaseTrigger.ExtendDeadline, static _ => { })
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

        // A reopened case returns to the last level it was mediated at.
        machine.Configure(CaseState.Closed)
            .PermitDynamicIf(
                CaseTrigger.Reopen,
                () => AwaitingAcceptanceAt(facts.LastMediationLevel),
                () => facts.IsWithinReopenWindow,
                CaseRefusal.ReopenWindowPassed,
                Destinations(1, "last mediated at level 1", "last mediated at level 2", "last mediated at level 3"));

        // Final: configured with nothing, so every trigger is refused.
        machine.Configure(CaseState.Withdrawn);
        machine.Configure(CaseState.Rejected);

        machine.OnUnhandledTrigger(static (state, trigger, unmet) =>
            throw new CaseActionRefusedException(trigger, state, unmet is { Count: > 0 } ? [.. unmet] : [CaseRefusal.NotInThisState]));
        return new CaseMachine(machine, grade, riskRaised);
    }

    /// <summary>The awaiting-acceptance states a dynamic transition may reach, from level <paramref name="from"/> up, named for the diagram.</summary>
    private static DynamicStateInfos Destinations(int from, params string[] criteria)
    {
        var infos = new DynamicStateInfos();
        for (var i = 0; i < criteria.Length; i++)
        {
            infos.Add(AwaitingAcceptanceAt(from + i), criteria[i]);
        }

        return infos;
    }
}

/// <summary>One case's machine for one unit of work, with the two triggers that carry a colour.</summary>
internal readonly record struct CaseMachine(
    StateMachine<CaseState, CaseTrigger> Machine,
    StateMachine<CaseState, CaseTrigger>.TriggerWithParameters<RiskColor> Grade,
    StateMachine<CaseState, CaseTrigger>.TriggerWithParameters<RiskColor> RiskRaised);

/// <summary>The facts of a case the workflow's guards read, taken once per unit of work.</summary>
internal readonly record struct WorkflowFacts(bool HasMinimumFacts, int LastMediationLevel, bool IsWithinReopenWindow)
{
    /// <summary>For the diagram and super-state queries: every guard passes.</summary>
    public static WorkflowFacts Diagram { get; } = new(true, 1, true);
}
