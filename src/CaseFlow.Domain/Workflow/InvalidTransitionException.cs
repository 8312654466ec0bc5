namespace CaseFlow.Domain.Workflow;

/// <summary>A trigger was fired that the current state does not permit; <see cref="Reasons"/> says why.</summary>
public class InvalidTransitionException : InvalidOperationException
{
    public InvalidTransitionException()
        : this("The trigger is not permitted in the current state.")
    {
    }

    public InvalidTransitionException(string message)
        : base(message)
    {
        StateName = string.Empty;
        TriggerName = string.Empty;
        Reasons = [];
    }

    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        StateName = string.Empty;
        TriggerName = string.Empty;
        Reasons = [];
    }

    public InvalidTransitionException(string stateName, string triggerName, IReadOnlyList<string> reasons)
        : base(FormatMessage(stateName, triggerName, reasons))
    {
        StateName = stateName;
        TriggerName = triggerName;
        Reasons = reasons;
    }

    public string StateName { get; }

    public string TriggerName { get; }

    /// <summary>One human-readable sentence per unmet condition; never empty when thrown by a machine.</summary>
    public IReadOnlyList<string> Reasons { get; }

    private static string FormatMessage(string stateName, string triggerName, IReadOnlyList<string> reasons) =>
        $"{triggerName} is not permitted in {stateName}: {string.Join("; ", reasons)}.";
}

/// <summary>An <see cref="InvalidTransitionException"/> that also carries the typed state and trigger.</summary>
public sealed class InvalidTransitionException<TState, TTrigger> : InvalidTransitionException
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public InvalidTransitionException()
    {
    }

    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidTransitionException(TState state, TTrigger trigger, IReadOnlyList<string> reasons)
        : base(state.ToString(), trigger.ToString(), reasons)
    {
        State = state;
        Trigger = trigger;
    }

    public TState State { get; }

    public TTrigger Trigger { get; }
}
