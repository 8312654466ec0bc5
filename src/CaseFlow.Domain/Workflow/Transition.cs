namespace CaseFlow.Domain.Workflow;

/// <summary>One step a machine took: from where, to where, on which trigger.</summary>
/// <param name="IsReentry">The state was exited and entered again.</param>
/// <param name="IsInternal">The trigger was handled without leaving the state: no exit or entry actions ran.</param>
public readonly record struct Transition<TState, TTrigger>(
    TState Source,
    TState Destination,
    TTrigger Trigger,
    bool IsReentry,
    bool IsInternal)
    where TState : struct, Enum
    where TTrigger : struct, Enum;
