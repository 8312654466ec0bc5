namespace CaseFlow.Domain.Workflow;

/// <summary>
/// A hierarchical state machine over an external context: the context stores the state, the machine stores only
/// the configuration. Configure it once, then share it; firing reads the configuration only and is thread-safe
/// (for distinct contexts) and allocation-free as long as the configured guards and actions are.
/// </summary>
/// <remarks>
/// Semantics follow the Stateless library: guards within one state must be mutually exclusive, a sub-state's own
/// definitions take precedence over its super-states', super-state entry actions run before a sub-state's and
/// exit actions run innermost first. Do not fire on the same context from inside an action.
/// </remarks>
public sealed class StateMachine<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    private readonly Func<TContext, TState> _stateAccessor;
    private readonly Action<TContext, TState> _stateMutator;
    private readonly StateRepresentation<TState, TTrigger, TContext>?[] _states;
    private readonly object?[] _triggerParameters;
    private Action<TContext, Transition<TState, TTrigger>>[] _transitionedHandlers = [];

    /// <param name="stateAccessor">Reads the state stored in the context.</param>
    /// <param name="stateMutator">Stores a new state in the context.</param>
    public StateMachine(Func<TContext, TState> stateAccessor, Action<TContext, TState> stateMutator)
    {
        ArgumentNullException.ThrowIfNull(stateAccessor);
        ArgumentNullException.ThrowIfNull(stateMutator);
        if ((EnumIndex<TState>.Problem ?? EnumIndex<TTrigger>.Problem) is { } problem)
        {
            throw new NotSupportedException(problem);
        }

        _stateAccessor = stateAccessor;
        _stateMutator = stateMutator;
        _states = new StateRepresentation<TState, TTrigger, TContext>?[EnumIndex<TState>.Length];
        foreach (var state in EnumIndex<TState>.Values)
        {
            _states[EnumIndex<TState>.Of(state)] ??= new StateRepresentation<TState, TTrigger, TContext>(state);
        }

        _triggerParameters = new object?[EnumIndex<TTrigger>.Length];
    }

    /// <summary>Begin or continue configuring <paramref name="state"/>.</summary>
    public StateConfiguration<TState, TTrigger, TContext> Configure(TState state)
    {
        var representation = GetRepresentation(state);
        representation.InGraph = true;
        return new StateConfiguration<TState, TTrigger, TContext>(this, representation);
    }

    /// <summary>Declare that <paramref name="trigger"/> carries an argument of type <typeparamref name="TArg"/>.</summary>
    public TriggerWithParameters<TTrigger, TArg> SetTriggerParameters<TArg>(TTrigger trigger) =>
        SetTriggerParametersCore<TArg>(trigger, null, null);

    /// <summary>
    /// As <see cref="SetTriggerParameters{TArg}(TTrigger)"/>, and refuse any argument failing <paramref name="isValid"/>
    /// with <paramref name="invalidReason"/> before a guard sees it (e.g. an undefined colour).
    /// </summary>
    public TriggerWithParameters<TTrigger, TArg> SetTriggerParameters<TArg>(TTrigger trigger, Func<TArg, bool> isValid, string invalidReason)
    {
        ArgumentNullException.ThrowIfNull(isValid);
        ArgumentException.ThrowIfNullOrWhiteSpace(invalidReason);
        return SetTriggerParametersCore(trigger, isValid, invalidReason);
    }

    /// <summary>Call <paramref name="handler"/> after every transition, internal ones included, once entry actions have run.</summary>
    public void OnTransitioned(Action<TContext, Transition<TState, TTrigger>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var handlers = new Action<TContext, Transition<TState, TTrigger>>[_transitionedHandlers.Length + 1];
        _transitionedHandlers.CopyTo(handlers, 0);
        handlers[^1] = handler;
        _transitionedHandlers = handlers;
    }

    public TState GetState(TContext context) => _stateAccessor(context);

    /// <summary>Whether the context is in <paramref name="state"/> or in one of its sub-states.</summary>
    public bool IsInState(TContext context, TState state)
    {
        var index = EnumIndex<TState>.Of(state);
        if ((uint)index >= (uint)_states.Length || _states[index] is not { } target)
        {
            return false;
        }

        return target.Includes(Current(context));
    }

    /// <summary>
    /// Whether <paramref name="trigger"/> may fire now. For a parameterised trigger only the conditions that do not
    /// depend on the argument are checked.
    /// </summary>
    public bool CanFire(TContext context, TTrigger trigger)
    {
        var current = Current(context);
        return Select(current, EnumIndex<TTrigger>.Of(trigger), context, default(NoArgument), false, out _) is not null;
    }

    /// <summary>Whether firing <paramref name="trigger"/> with <paramref name="argument"/> would be accepted.</summary>
    public bool CanFire<TArg>(TContext context, TriggerWithParameters<TTrigger, TArg> trigger, TArg argument)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var current = Current(context);
        var index = EnumIndex<TTrigger>.Of(trigger.Trigger);
        return trigger.IsValid(argument) && Select(current, index, context, argument, true, out _) is not null;
    }

    /// <summary>The triggers that <see cref="CanFire(TContext, TTrigger)"/> now, in enum order.</summary>
    public IReadOnlyList<TTrigger> GetPermittedTriggers(TContext context)
    {
        var current = Current(context);
        var permitted = new List<TTrigger>();
        foreach (var trigger in DistinctTriggers())
        {
            if (Select(current, EnumIndex<TTrigger>.Of(trigger), context, default(NoArgument), false, out _) is not null)
            {
                permitted.Add(trigger);
            }
        }

        return permitted;
    }

    /// <summary>
    /// Every trigger the current state or its super-states define, in enum order, whether it is allowed now, and if
    /// not the reason of each unmet guard. Argument guards are not evaluated (there is no argument yet).
    /// </summary>
    public IReadOnlyList<TriggerInfo<TTrigger>> GetTriggerInfos(TContext context)
    {
        var current = Current(context);
        var infos = new List<TriggerInfo<TTrigger>>();
        foreach (var trigger in DistinctTriggers())
        {
            var index = EnumIndex<TTrigger>.Of(trigger);
            var allowed = Select(current, index, context, default(NoArgument), false, out var defined) is not null;
            if (!defined)
            {
                continue;
            }

            IReadOnlyList<string> reasons = allowed ? [] : CollectReasons(current, trigger, context, default(NoArgument), false);
            infos.Add(new TriggerInfo<TTrigger>(trigger, allowed, reasons, _triggerParameters[index] is not null));
        }

        return infos;
    }

    /// <summary>Fire a trigger that carries no argument.</summary>
    /// <exception cref="InvalidTransitionException{TState, TTrigger}">The current state does not permit it now.</exception>
    public void Fire(TContext context, TTrigger trigger) => FireCore(context, trigger, default(NoArgument), null);

    /// <summary>Fire a trigger with its argument.</summary>
    /// <exception cref="InvalidTransitionException{TState, TTrigger}">The current state does not permit it now.</exception>
    public void Fire<TArg>(TContext context, TriggerWithParameters<TTrigger, TArg> trigger, TArg argument)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        FireCore(context, trigger.Trigger, argument, trigger);
    }

    /// <summary>The whole graph as a Mermaid <c>stateDiagram-v2</c>; super-states are drawn as composite states.</summary>
    public string ToMermaid(TState initialState) => StateGraphWriter<TState, TTrigger, TContext>.Mermaid(AllStates(), GetRepresentation(initialState));

    /// <summary>The whole graph as Graphviz DOT; super-states are drawn as clusters.</summary>
    public string ToDot(TState initialState) => StateGraphWriter<TState, TTrigger, TContext>.Dot(AllStates(), GetRepresentation(initialState));

    internal StateRepresentation<TState, TTrigger, TContext> GetRepresentation(TState state)
    {
        var index = EnumIndex<TState>.Of(state);
        if ((uint)index >= (uint)_states.Length || _states[index] is not { } representation)
        {
            throw new ArgumentOutOfRangeException(nameof(state), index, $"{index} is not a defined {typeof(TState).Name}.");
        }

        return representation;
    }

    internal int TriggerIndex(TTrigger trigger)
    {
        var index = EnumIndex<TTrigger>.Of(trigger);
        if ((uint)index >= (uint)_triggerParameters.Length || !Enum.IsDefined(trigger))
        {
            throw new ArgumentOutOfRangeException(nameof(trigger), index, $"{index} is not a defined {typeof(TTrigger).Name}.");
        }

        return index;
    }

    private TriggerWithParameters<TTrigger, TArg> SetTriggerParametersCore<TArg>(TTrigger trigger, Func<TArg, bool>? isValid, string? invalidReason)
    {
        var index = TriggerIndex(trigger);
        if (_triggerParameters[index] is not null)
        {
            throw new InvalidOperationException($"The parameters of {trigger} are already set.");
        }

        var parameterised = new TriggerWithParameters<TTrigger, TArg>(this, trigger, isValid, invalidReason);
        _triggerParameters[index] = parameterised;
        return parameterised;
    }

    private StateRepresentation<TState, TTrigger, TContext> Current(TContext context)
    {
        var state = _stateAccessor(context);
        var index = EnumIndex<TState>.Of(state);
        if ((uint)index >= (uint)_states.Length || _states[index] is not { } representation)
        {
            throw new InvalidOperationException($"The stored state {index} is not a defined {typeof(TState).Name}.");
        }

        return representation;
    }

    private void FireCore<TArg>(TContext context, TTrigger trigger, TArg argument, TriggerWithParameters<TTrigger, TArg>? parameters)
    {
        var current = Current(context);
        var index = EnumIndex<TTrigger>.Of(trigger);
        var declared = (uint)index < (uint)_triggerParameters.Length ? _triggerParameters[index] : null;
        if (!ReferenceEquals(declared, parameters))
        {
            throw ArgumentMismatch(trigger, declared);
        }

        TriggerBehaviour<TState, TTrigger, TContext>? behaviour;
        if (parameters is not null && !parameters.IsValid(argument))
        {
            behaviour = null;
        }
        else
        {
            behaviour = Select(current, index, context, argument, true, out _);
        }

        if (behaviour is null)
        {
            throw Refusal(current, trigger, context, argument, parameters);
        }

        var source = current.State;
        switch (behaviour.Kind)
        {
            case BehaviourKind.Ignore:
                return;

            case BehaviourKind.Internal:
                var transition = new Transition<TState, TTrigger>(source, source, trigger, IsReentry: false, IsInternal: true);
                if (behaviour.Argument is ArgumentBehaviour<TState, TTrigger, TContext, TArg> { Action: { } argumentAction })
                {
                    argumentAction(context, argument, transition);
                }
                else
                {
                    behaviour.Action?.Invoke(context, transition);
                }

                Notify(context, transition);
                return;

            case BehaviourKind.Transition:
                Move(context, current, GetRepresentation(behaviour.Destination), trigger, index, argument, reentry: false);
                return;

            case BehaviourKind.Reentry:
                Move(context, current, GetRepresentation(behaviour.Destination), trigger, index, argument, reentry: true);
                return;

            case BehaviourKind.Dynamic:
                var destination = GetRepresentation(SelectDestination(behaviour, context, argument));
                Move(context, current, destination, trigger, index, argument, reentry: ReferenceEquals(destination, current));
                return;

            default:
                throw new InvalidOperationException($"Unknown behaviour {behaviour.Kind}.");
        }
    }

    /// <summary>
    /// The behaviour that handles the trigger: the current state's first, then each super-state's. More than one
    /// passing guard within one state is a configuration error. Without an argument (<paramref name="evaluateArgument"/>
    /// false), argument guards count as passing and only argument-free behaviours must be exclusive.
    /// </summary>
    private static TriggerBehaviour<TState, TTrigger, TContext>? Select<TArg>(
        StateRepresentation<TState, TTrigger, TContext> current,
        int triggerIndex,
        TContext context,
        TArg argument,
        bool evaluateArgument,
        out bool defined)
    {
        defined = false;
        if ((uint)triggerIndex >= (uint)current.ByTrigger.Length)
        {
            return null;
        }

        for (var representation = current; representation is not null; representation = representation.Super)
        {
            var behaviours = representation.ByTrigger[triggerIndex];
            if (behaviours is null)
            {
                continue;
            }

            defined = true;
            TriggerBehaviour<TState, TTrigger, TContext>? found = null;
            var foundCount = 0;
            var definiteCount = 0;
            foreach (var behaviour in behaviours)
            {
                if (!GuardsPass(behaviour, context, argument, evaluateArgument))
                {
                    continue;
                }

                found ??= behaviour;
                foundCount++;
                if (behaviour.Argument is not { HasGuard: true })
                {
                    definiteCount++;
                }
            }

            if (evaluateArgument ? foundCount > 1 : definiteCount > 1)
            {
                throw new InvalidOperationException(
                    $"More than one transition of {representation.State} is permitted for {found!.Trigger}: " +
                    "guards within one state must be mutually exclusive.");
            }

            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static bool GuardsPass<TArg>(TriggerBehaviour<TState, TTrigger, TContext> behaviour, TContext context, TArg argument, bool evaluateArgument)
    {
        if (behaviour.Guard is not null && !behaviour.Guard(context))
        {
            return false;
        }

        if (!evaluateArgument || behaviour.Argument is not { HasGuard: true })
        {
            return true;
        }

        return behaviour.Argument is ArgumentBehaviour<TState, TTrigger, TContext, TArg> typed
            ? typed.Guard!(context, argument)
            : throw new InvalidOperationException($"{behaviour.Trigger} was configured with a different argument type.");
    }

    private static TState SelectDestination<TArg>(TriggerBehaviour<TState, TTrigger, TContext> behaviour, TContext context, TArg argument)
    {
        TState destination;
        if (behaviour.Argument is ArgumentBehaviour<TState, TTrigger, TContext, TArg> { Selector: { } argumentSelector })
        {
            destination = argumentSelector(context, argument);
        }
        else if (behaviour.Selector is { } selector)
        {
            destination = selector(context);
        }
        else
        {
            throw new InvalidOperationException($"{behaviour.Trigger} was configured with a different argument type.");
        }

        var possible = behaviour.PossibleDestinations;
        if (possible.Length == 0)
        {
            return destination;
        }

        foreach (var candidate in possible)
        {
            if (EqualityComparer<TState>.Default.Equals(candidate, destination))
            {
                return destination;
            }
        }

        throw new InvalidOperationException(
            $"The selector of {behaviour.Trigger} chose {destination}, which is not among its declared destinations.");
    }

    private void Move<TArg>(
        TContext context,
        StateRepresentation<TState, TTrigger, TContext> current,
        StateRepresentation<TState, TTrigger, TContext> destination,
        TTrigger trigger,
        int triggerIndex,
        TArg argument,
        bool reentry)
    {
        var transition = new Transition<TState, TTrigger>(current.State, destination.State, trigger, reentry, IsInternal: false);
        if (reentry)
        {
            // A reentry declared on a super-state leaves every state up to and including that super-state.
            for (var representation = current; representation is not null; representation = representation.Super)
            {
                RunExit(representation, context, transition);
                if (ReferenceEquals(representation, destination))
                {
                    break;
                }
            }
        }
        else
        {
            for (var representation = current; representation is not null && !representation.Includes(destination); representation = representation.Super)
            {
                RunExit(representation, context, transition);
            }
        }

        _stateMutator(context, destination.State);

        if (reentry)
        {
            RunEntry(destination, context, transition, triggerIndex, argument);
        }
        else
        {
            Enter(destination, current, context, transition, triggerIndex, argument);
        }

        Notify(context, transition);
    }

    /// <summary>Enter the outermost super-state not yet entered first, then each level down to <paramref name="representation"/>.</summary>
    private static void Enter<TArg>(
        StateRepresentation<TState, TTrigger, TContext> representation,
        StateRepresentation<TState, TTrigger, TContext> source,
        TContext context,
        Transition<TState, TTrigger> transition,
        int triggerIndex,
        TArg argument)
    {
        if (representation.Includes(source))
        {
            return;
        }

        if (representation.Super is { } super)
        {
            Enter(super, source, context, transition, triggerIndex, argument);
        }

        RunEntry(representation, context, transition, triggerIndex, argument);
    }

    private static void RunEntry<TArg>(
        StateRepresentation<TState, TTrigger, TContext> representation,
        TContext context,
        Transition<TState, TTrigger> transition,
        int triggerIndex,
        TArg argument)
    {
        foreach (var entry in representation.EntryActions)
        {
            if (entry.HasTrigger && entry.TriggerIndex != triggerIndex)
            {
                continue;
            }

            if (entry.Action is { } action)
            {
                action(context, transition);
            }
            else if (entry.ArgumentAction is Action<TContext, TArg, Transition<TState, TTrigger>> argumentAction)
            {
                argumentAction(context, argument, transition);
            }
        }
    }

    private static void RunExit(StateRepresentation<TState, TTrigger, TContext> representation, TContext context, Transition<TState, TTrigger> transition)
    {
        foreach (var action in representation.ExitActions)
        {
            action(context, transition);
        }
    }

    private void Notify(TContext context, Transition<TState, TTrigger> transition)
    {
        foreach (var handler in _transitionedHandlers)
        {
            handler(context, transition);
        }
    }

    private static InvalidTransitionException<TState, TTrigger> Refusal<TArg>(
        StateRepresentation<TState, TTrigger, TContext> current,
        TTrigger trigger,
        TContext context,
        TArg argument,
        TriggerWithParameters<TTrigger, TArg>? parameters)
    {
        Select(current, EnumIndex<TTrigger>.Of(trigger), context, argument, false, out var defined);
        IReadOnlyList<string> reasons = defined && parameters is not null && !parameters.IsValid(argument)
            ? [parameters.InvalidReason ?? $"the argument of {trigger} is not valid"]
            : CollectReasons(current, trigger, context, argument, evaluateArgument: true);
        return new InvalidTransitionException<TState, TTrigger>(current.State, trigger, reasons);
    }

    private static List<string> CollectReasons<TArg>(
        StateRepresentation<TState, TTrigger, TContext> current,
        TTrigger trigger,
        TContext context,
        TArg argument,
        bool evaluateArgument)
    {
        var reasons = new List<string>();
        var index = EnumIndex<TTrigger>.Of(trigger);
        if ((uint)index < (uint)current.ByTrigger.Length)
        {
            for (var representation = current; representation is not null; representation = representation.Super)
            {
                foreach (var behaviour in representation.ByTrigger[index] ?? [])
                {
                    var reason = behaviour.Guard is not null && !behaviour.Guard(context)
                        ? behaviour.GuardReason
                        : evaluateArgument && !GuardsPass(behaviour, context, argument, evaluateArgument: true)
                            ? behaviour.Argument!.GuardReason
                            : null;
                    if (!string.IsNullOrWhiteSpace(reason) && !reasons.Contains(reason))
                    {
                        reasons.Add(reason);
                    }
                }
            }
        }

        if (reasons.Count == 0)
        {
            reasons.Add($"{trigger} is not a valid trigger in {current.State}");
        }

        return reasons;
    }

    private static ArgumentException ArgumentMismatch(TTrigger trigger, object? declared) => declared is null
        ? new ArgumentException($"{trigger} takes no argument on this machine; fire it without one.", nameof(trigger))
        : new ArgumentException($"{trigger} takes an argument: fire it with {declared} from this machine's SetTriggerParameters.", nameof(trigger));

    private static IEnumerable<TTrigger> DistinctTriggers()
    {
        var previous = -1;
        foreach (var trigger in EnumIndex<TTrigger>.Values)
        {
            var index = EnumIndex<TTrigger>.Of(trigger);
            if (index != previous)
            {
                previous = index;
                yield return trigger;
            }
        }
    }

    private List<StateRepresentation<TState, TTrigger, TContext>> AllStates()
    {
        var states = new List<StateRepresentation<TState, TTrigger, TContext>>();
        foreach (var representation in _states)
        {
            if (representation is not null)
            {
                states.Add(representation);
            }
        }

        return states;
    }

    /// <summary>Stands in for the argument of a trigger that has none, so one generic path serves both.</summary>
    private readonly struct NoArgument;
}
