using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Cases;

/// <summary>What the case workflow reads from and writes to a case; the case aggregate implements it.</summary>
public interface IWorkflowCase
{
    CaseState State { get; }

    /// <summary>Stores the state the workflow moved to; the aggregate implements it explicitly.</summary>
    void SetState(CaseState state);

    /// <summary>Grading needs the enterprise, at least one worker and the date the dispute was received.</summary>
    bool HasMinimumFacts { get; }

    /// <summary>1..3: the level a reopened case returns to (1 when it never reached mediation).</summary>
    int LastMediationLevel { get; }

    bool IsWithinReopenWindow { get; }

    /// <summary>
    /// Called after every transition, internal ones included, so the aggregate can append its event.
    /// Optional: the shared machine cannot hold a hook per case, so it calls this one.
    /// </summary>
    void OnTransitioned(Transition<CaseState, CaseTrigger> transition)
    {
    }
}
