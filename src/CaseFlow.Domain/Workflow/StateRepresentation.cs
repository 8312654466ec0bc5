namespace CaseFlow.Domain.Workflow;

/// <summary>Everything configured for one state. Written only while configuring, then read concurrently.</summary>
internal sealed class StateRepresentation<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    public StateRepresentation(TState state)
    {
        State = state;
        ByTrigger = new TriggerBehaviour<TState, TTrigger, TContext>[EnumIndex<TTrigger>.Length][];
    }

    public TState State { get; }

    public StateRepresentation<TState, TTrigger, TContext>? Super { get; set; }

    public List<StateRepresentation<TState, TTrigger, TContext>> Substates { get; } = [];

    /// <summary>Configured, or referenced by a transition: drawn in diagrams.</summary>
    public bool InGraph { get; set; }

    /// <summary>Behaviours per trigger index; null where the state defines nothing for that trigger.</summary>
    public TriggerBehaviour<TState, TTrigger, TContext>[]?[] ByTrigger { get; }

    /// <summary>All behaviours in the order they were configured (for export).</summary>
    public List<TriggerBehaviour<TState, TTrigger, TContext>> Behaviours { get; } = [];

    public EntryAction<TState, TTrigger, TContext>[] EntryActions { get; private set; } = [];

    public Action<TContext, Transition<TState, TTrigger>>[] ExitActions { get; private set; } = [];

    public bool Includes(StateRepresentation<TState, TTrigger, TContext> other)
    {
        for (var current = other; current is not null; current = current.Super)
        {
            if (ReferenceEquals(current, this))
            {
                return true;
            }
        }

        return false;
    }

    public void Add(TriggerBehaviour<TState, TTrigger, TContext> behaviour)
    {
        var index = EnumIndex<TTrigger>.Of(behaviour.Trigger);
        ByTrigger[index] = Append(ByTrigger[index] ?? [], behaviour);
        Behaviours.Add(behaviour);
    }

    public void AddEntry(EntryAction<TState, TTrigger, TContext> action) => EntryActions = Append(EntryActions, action);

    public void AddExit(Action<TContext, Transition<TState, TTrigger>> action) => ExitActions = Append(ExitActions, action);

    // Arrays are replaced, never grown in place, so a reader never sees a half-written slot.
    private static T[] Append<T>(T[] items, T item)
    {
        var copy = new T[items.Length + 1];
        items.CopyTo(copy, 0);
        copy[^1] = item;
        return copy;
    }
}
