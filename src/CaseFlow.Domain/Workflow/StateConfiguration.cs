namespace CaseFlow.Domain.Workflow;

/// <summary>Fluent configuration of one state of a <see cref="StateMachine{TState, TTrigger, TContext}"/>.</summary>
public sealed class StateConfiguration<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly StateMachine<TState, TTrigger, TContext> _machine;
    private readonly StateRepresentation<TState, TTrigger, TContext> _representation;

    internal StateConfiguration(
        StateMachine<TState, TTrigger, TContext> machine,
        StateRepresentation<TState, TTrigger, TContext> representation)
    {
        _machine = machine;
        _representation = representation;
    }

    public TState State => _representation.State;

    /// <summary>Move to <paramref name="destination"/> when <paramref name="trigger"/> fires.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Permit(TTrigger trigger, TState destination) =>
        AddTransition(trigger, destination, null, null, null);

    /// <summary>As <see cref="Permit"/>, only while <paramref name="guard"/> holds; otherwise refused with <paramref name="reason"/>.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitIf(
        TTrigger trigger, TState destination, Func<TContext, bool> guard, string reason)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return AddTransition(trigger, destination, guard, reason, null);
    }

    /// <summary>Move when the trigger's argument satisfies <paramref name="argumentGuard"/>.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitIf<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, TState destination, Func<TContext, TArg, bool> argumentGuard, string reason)
    {
        ArgumentNullException.ThrowIfNull(argumentGuard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return AddTransition(Checked(trigger), destination, null, null, Argument<TArg>(argumentGuard, reason));
    }

    /// <summary>Move when both the context guard and the argument guard hold; each gives its own reason.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitIf<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger,
        TState destination,
        Func<TContext, bool> guard,
        string reason,
        Func<TContext, TArg, bool> argumentGuard,
        string argumentReason)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(argumentGuard);
        ArgumentException.ThrowIfNullOrWhiteSpace(argumentReason);
        return AddTransition(Checked(trigger), destination, guard, reason, Argument<TArg>(argumentGuard, argumentReason));
    }

    /// <summary>Exit and re-enter this state (its exit then entry actions run).</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitReentry(TTrigger trigger) =>
        Add(BehaviourKind.Reentry, trigger, State, null, null);

    public StateConfiguration<TState, TTrigger, TContext> PermitReentryIf(TTrigger trigger, Func<TContext, bool> guard, string reason)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Add(BehaviourKind.Reentry, trigger, State, guard, reason);
    }

    /// <summary>
    /// Move to the state <paramref name="selector"/> picks when the trigger fires. List the states it can pick in
    /// <paramref name="possibleDestinations"/> so diagrams can draw them; any other pick is a configuration error.
    /// </summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitDynamic(
        TTrigger trigger, Func<TContext, TState> selector, params TState[] possibleDestinations) =>
        PermitDynamicCore(trigger, selector, null, null, possibleDestinations);

    public StateConfiguration<TState, TTrigger, TContext> PermitDynamicIf(
        TTrigger trigger, Func<TContext, TState> selector, Func<TContext, bool> guard, string reason, params TState[] possibleDestinations)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return PermitDynamicCore(trigger, selector, guard, reason, possibleDestinations);
    }

    /// <summary>Move to the state picked from the trigger's argument.</summary>
    public StateConfiguration<TState, TTrigger, TContext> PermitDynamic<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, Func<TContext, TArg, TState> selector, params TState[] possibleDestinations) =>
        PermitDynamicIf(trigger, selector, null, null, possibleDestinations);

    public StateConfiguration<TState, TTrigger, TContext> PermitDynamicIf<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger,
        Func<TContext, TArg, TState> selector,
        Func<TContext, bool>? guard,
        string? reason,
        params TState[] possibleDestinations)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(possibleDestinations);
        if (guard is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        }

        var key = Checked(trigger);
        MarkInGraph(possibleDestinations);
        _representation.Add(new TriggerBehaviour<TState, TTrigger, TContext>
        {
            Kind = BehaviourKind.Dynamic,
            Trigger = key,
            Guard = guard,
            GuardReason = reason,
            Argument = new ArgumentBehaviour<TState, TTrigger, TContext, TArg> { Selector = selector },
            PossibleDestinations = (TState[])possibleDestinations.Clone(),
        });
        return this;
    }

    /// <summary>Handle the trigger without leaving the state: no exit or entry actions, but the transition hook runs.</summary>
    public StateConfiguration<TState, TTrigger, TContext> InternalTransition(TTrigger trigger) =>
        InternalTransition(trigger, static (_, _) => { });

    public StateConfiguration<TState, TTrigger, TContext> InternalTransition(
        TTrigger trigger, Action<TContext, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Add(BehaviourKind.Internal, trigger, State, null, null, action: action);
    }

    public StateConfiguration<TState, TTrigger, TContext> InternalTransitionIf(
        TTrigger trigger, Func<TContext, bool> guard, string reason, Action<TContext, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(action);
        return Add(BehaviourKind.Internal, trigger, State, guard, reason, action: action);
    }

    public StateConfiguration<TState, TTrigger, TContext> InternalTransition<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, Action<TContext, TArg, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var argument = new ArgumentBehaviour<TState, TTrigger, TContext, TArg> { Action = action };
        return Add(BehaviourKind.Internal, Checked(trigger), State, null, null, argument);
    }

    public StateConfiguration<TState, TTrigger, TContext> InternalTransitionIf<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger,
        Func<TContext, TArg, bool> argumentGuard,
        string reason,
        Action<TContext, TArg, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(argumentGuard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(action);
        var argument = new ArgumentBehaviour<TState, TTrigger, TContext, TArg>
        {
            Guard = argumentGuard,
            GuardReason = reason,
            Action = action,
        };
        return Add(BehaviourKind.Internal, Checked(trigger), State, null, null, argument);
    }

    /// <summary>Accept the trigger and do nothing: no transition, no hook.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Ignore(TTrigger trigger) =>
        Add(BehaviourKind.Ignore, trigger, State, null, null);

    public StateConfiguration<TState, TTrigger, TContext> IgnoreIf(TTrigger trigger, Func<TContext, bool> guard, string reason)
    {
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return Add(BehaviourKind.Ignore, trigger, State, guard, reason);
    }

    /// <summary>
    /// Make this state a sub-state of <paramref name="superstate"/>: it inherits the super-state's transitions
    /// (its own take precedence) and the super-state's entry and exit actions run when the boundary is crossed.
    /// </summary>
    public StateConfiguration<TState, TTrigger, TContext> SubstateOf(TState superstate)
    {
        var parent = _machine.GetRepresentation(superstate);
        if (_representation.Includes(parent))
        {
            throw new ArgumentException($"{superstate} is {State} or one of its sub-states: that would make a cycle.", nameof(superstate));
        }

        if (_representation.Super is not null)
        {
            if (ReferenceEquals(_representation.Super, parent))
            {
                return this;
            }

            throw new InvalidOperationException($"{State} is already a sub-state of {_representation.Super.State}.");
        }

        _representation.Super = parent;
        parent.Substates.Add(_representation);
        parent.InGraph = true;
        return this;
    }

    public StateConfiguration<TState, TTrigger, TContext> OnEntry(Action<TContext, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _representation.AddEntry(new EntryAction<TState, TTrigger, TContext> { Action = action });
        return this;
    }

    /// <summary>Run <paramref name="action"/> on entry only when the state is entered through <paramref name="trigger"/>.</summary>
    public StateConfiguration<TState, TTrigger, TContext> OnEntryFrom(TTrigger trigger, Action<TContext, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _representation.AddEntry(new EntryAction<TState, TTrigger, TContext>
        {
            HasTrigger = true,
            TriggerIndex = _machine.TriggerIndex(trigger),
            Action = action,
        });
        return this;
    }

    /// <summary>Run <paramref name="action"/>, with the trigger's argument, on entry through that trigger.</summary>
    public StateConfiguration<TState, TTrigger, TContext> OnEntryFrom<TArg>(
        TriggerWithParameters<TTrigger, TArg> trigger, Action<TContext, TArg, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _representation.AddEntry(new EntryAction<TState, TTrigger, TContext>
        {
            HasTrigger = true,
            TriggerIndex = _machine.TriggerIndex(Checked(trigger)),
            ArgumentAction = action,
        });
        return this;
    }

    public StateConfiguration<TState, TTrigger, TContext> OnExit(Action<TContext, Transition<TState, TTrigger>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        _representation.AddExit(action);
        return this;
    }

    private StateConfiguration<TState, TTrigger, TContext> AddTransition(
        TTrigger trigger, TState destination, Func<TContext, bool>? guard, string? reason, ArgumentBehaviour? argument)
    {
        if (EqualityComparer<TState>.Default.Equals(destination, State))
        {
            throw new ArgumentException(
                $"{State} cannot permit {trigger} to itself: use PermitReentry, InternalTransition or Ignore.", nameof(destination));
        }

        MarkInGraph([destination]);
        return Add(BehaviourKind.Transition, trigger, destination, guard, reason, argument);
    }

    private StateConfiguration<TState, TTrigger, TContext> PermitDynamicCore(
        TTrigger trigger, Func<TContext, TState> selector, Func<TContext, bool>? guard, string? reason, TState[] possibleDestinations)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(possibleDestinations);
        _machine.TriggerIndex(trigger);
        MarkInGraph(possibleDestinations);
        _representation.Add(new TriggerBehaviour<TState, TTrigger, TContext>
        {
            Kind = BehaviourKind.Dynamic,
            Trigger = trigger,
            Guard = guard,
            GuardReason = reason,
            Selector = selector,
            PossibleDestinations = (TState[])possibleDestinations.Clone(),
        });
        return this;
    }

    private StateConfiguration<TState, TTrigger, TContext> Add(
        BehaviourKind kind,
        TTrigger trigger,
        TState destination,
        Func<TContext, bool>? guard,
        string? reason,
        ArgumentBehaviour? argument = null,
        Action<TContext, Transition<TState, TTrigger>>? action = null)
    {
        _machine.TriggerIndex(trigger);
        _representation.Add(new TriggerBehaviour<TState, TTrigger, TContext>
        {
            Kind = kind,
            Trigger = trigger,
            Destination = destination,
            Guard = guard,
            GuardReason = reason,
            Argument = argument,
            Action = action,
        });
        return this;
    }

    private void MarkInGraph(TState[] states)
    {
        foreach (var state in states)
        {
            _machine.GetRepresentation(state).InGraph = true;
        }
    }

    private TTrigger Checked<TArg>(TriggerWithParameters<TTrigger, TArg> trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        if (!ReferenceEquals(trigger.Owner, _machine))
        {
            throw new ArgumentException($"{trigger} was declared on another machine.", nameof(trigger));
        }

        return trigger.Trigger;
    }

    private static ArgumentBehaviour<TState, TTrigger, TContext, TArg> Argument<TArg>(Func<TContext, TArg, bool> guard, string reason) =>
        new() { Guard = guard, GuardReason = reason };
}
