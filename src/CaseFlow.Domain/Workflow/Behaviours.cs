namespace CaseFlow.Domain.Workflow;

internal enum BehaviourKind
{
    Transition,
    Reentry,
    Dynamic,
    Internal,
    Ignore,
}

/// <summary>What a state does with one trigger, with an optional guard; immutable once configured.</summary>
internal sealed class TriggerBehaviour<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public required BehaviourKind Kind { get; init; }

    public required TTrigger Trigger { get; init; }

    /// <summary>The fixed destination; for a reentry, the state that declared it.</summary>
    public TState Destination { get; init; }

    public Func<TContext, bool>? Guard { get; init; }

    public string? GuardReason { get; init; }

    /// <summary>The argument-typed part (guard, selector, action) of a parameterised trigger's behaviour.</summary>
    public ArgumentBehaviour? Argument { get; init; }

    public Func<TContext, TState>? Selector { get; init; }

    public TState[] PossibleDestinations { get; init; } = [];

    public Action<TContext, Transition<TState, TTrigger>>? Action { get; init; }
}

/// <summary>The part of a behaviour that needs the trigger's argument; typed in the subclass.</summary>
internal abstract class ArgumentBehaviour
{
    public string? GuardReason { get; init; }

    public abstract bool HasGuard { get; }
}

internal sealed class ArgumentBehaviour<TState, TTrigger, TContext, TArg> : ArgumentBehaviour
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public Func<TContext, TArg, bool>? Guard { get; init; }

    public Func<TContext, TArg, TState>? Selector { get; init; }

    public Action<TContext, TArg, Transition<TState, TTrigger>>? Action { get; init; }

    public override bool HasGuard => Guard is not null;
}

/// <summary>An entry action, optionally limited to entries through one trigger.</summary>
internal sealed class EntryAction<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public bool HasTrigger { get; init; }

    public int TriggerIndex { get; init; }

    public Action<TContext, Transition<TState, TTrigger>>? Action { get; init; }

    /// <summary>An <c>Action&lt;TContext, TArg, Transition&gt;</c> for a parameterised trigger.</summary>
    public Delegate? ArgumentAction { get; init; }
}
