using System.Text;

namespace CaseFlow.Domain.Workflow;

/// <summary>
/// Writes a configured machine as Mermaid or DOT. Output is deterministic: states in enum order, transitions in
/// configuration order, lines ending in '\n' on every platform.
/// </summary>
internal static class StateGraphWriter<TState, TTrigger, TContext>
    where TState : struct, Enum
    where TTrigger : struct, Enum
{
    // Longer reasons, or ones with characters Mermaid or DOT treat specially, are left off the label.
    private const int MaxReadableReasonLength = 48;

    public static string Mermaid(
        List<StateRepresentation<TState, TTrigger, TContext>> states,
        StateRepresentation<TState, TTrigger, TContext> initial)
    {
        var edges = Edges(states);
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        Line(text, 1, $"[*] --> {initial.State}");
        foreach (var root in Roots(states, initial))
        {
            WriteMermaidState(text, root, 1, edges);
        }

        WriteMermaidEdges(text, null, 1, edges);
        return text.ToString();
    }

    public static string Dot(
        List<StateRepresentation<TState, TTrigger, TContext>> states,
        StateRepresentation<TState, TTrigger, TContext> initial)
    {
        var text = new StringBuilder();
        text.Append("digraph {\n");
        Line(text, 1, "compound=true;");
        Line(text, 1, "node [shape=box, style=rounded];");
        Line(text, 1, "\"[*]\" [shape=point];");
        foreach (var root in Roots(states, initial))
        {
            WriteDotState(text, root, 1);
        }

        Line(text, 1, $"\"[*]\" -> {Quote(Anchor(initial).State.ToString())}{(initial.Substates.Count > 0 ? $" [lhead={Quote(Cluster(initial))}]" : string.Empty)};");
        foreach (var edge in Edges(states))
        {
            var attributes = new List<string> { $"label={Quote(edge.Label)}" };
            if (edge.Source.Substates.Count > 0)
            {
                attributes.Add($"ltail={Quote(Cluster(edge.Source))}");
            }

            if (edge.Destination.Substates.Count > 0 && !ReferenceEquals(edge.Source, edge.Destination))
            {
                attributes.Add($"lhead={Quote(Cluster(edge.Destination))}");
            }

            Line(text, 1, $"{Quote(Anchor(edge.Source).State.ToString())} -> {Quote(Anchor(edge.Destination).State.ToString())} [{string.Join(", ", attributes)}];");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static void WriteMermaidState(
        StringBuilder text, StateRepresentation<TState, TTrigger, TContext> state, int depth, List<Edge> edges)
    {
        if (state.Substates.Count == 0)
        {
            Line(text, depth, state.State.ToString());
        }
        else
        {
            Line(text, depth, $"state {state.State} {{");
            foreach (var substate in Sorted(state.Substates))
            {
                WriteMermaidState(text, substate, depth + 1, edges);
            }

            WriteMermaidEdges(text, state, depth + 1, edges);
            Line(text, depth, "}");
        }

        // Internal transitions are drawn as lines of the state's description: they do not move the case.
        foreach (var label in InternalLabels(state))
        {
            Line(text, depth, $"{state.State} : {label}");
        }
    }

    /// <summary>Mermaid wants each transition inside the innermost composite state holding both ends.</summary>
    private static void WriteMermaidEdges(
        StringBuilder text, StateRepresentation<TState, TTrigger, TContext>? scope, int depth, List<Edge> edges)
    {
        foreach (var edge in edges)
        {
            if (ReferenceEquals(CommonSuper(edge.Source, edge.Destination), scope))
            {
                Line(text, depth, $"{edge.Source.State} --> {edge.Destination.State} : {edge.Label}");
            }
        }
    }

    private static void WriteDotState(StringBuilder text, StateRepresentation<TState, TTrigger, TContext> state, int depth)
    {
        var label = new StringBuilder(state.State.ToString());
        foreach (var line in InternalLabels(state))
        {
            label.Append('\n').Append(line);
        }

        if (state.Substates.Count == 0)
        {
            Line(text, depth, $"{Quote(state.State.ToString())} [label={Quote(label.ToString())}];");
            return;
        }

        Line(text, depth, $"subgraph {Quote(Cluster(state))} {{");
        Line(text, depth + 1, $"label={Quote(label.ToString())};");
        foreach (var substate in Sorted(state.Substates))
        {
            WriteDotState(text, substate, depth + 1);
        }

        Line(text, depth, "}");
    }

    private static List<Edge> Edges(List<StateRepresentation<TState, TTrigger, TContext>> states)
    {
        var edges = new List<Edge>();
        var byState = new Dictionary<TState, StateRepresentation<TState, TTrigger, TContext>>();
        foreach (var state in states)
        {
            byState[state.State] = state;
        }

        foreach (var state in states)
        {
            foreach (var behaviour in state.Behaviours)
            {
                var label = Label(behaviour);
                switch (behaviour.Kind)
                {
                    case BehaviourKind.Transition:
                        edges.Add(new Edge(state, byState[behaviour.Destination], label));
                        break;
                    case BehaviourKind.Reentry:
                        edges.Add(new Edge(state, state, $"{label} (reentry)"));
                        break;
                    case BehaviourKind.Dynamic:
                        foreach (var destination in behaviour.PossibleDestinations)
                        {
                            edges.Add(new Edge(state, byState[destination], label));
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        return edges;
    }

    private static IEnumerable<string> InternalLabels(StateRepresentation<TState, TTrigger, TContext> state)
    {
        foreach (var behaviour in state.Behaviours)
        {
            if (behaviour.Kind == BehaviourKind.Internal)
            {
                yield return $"{Label(behaviour)} (internal)";
            }
        }
    }

    private static string Label(TriggerBehaviour<TState, TTrigger, TContext> behaviour)
    {
        var reasons = new List<string>();
        foreach (var reason in new[] { behaviour.GuardReason, behaviour.Argument?.GuardReason })
        {
            if (IsReadable(reason))
            {
                reasons.Add(reason!);
            }
        }

        var trigger = behaviour.Trigger.ToString();
        return reasons.Count == 0 ? trigger : $"{trigger} [{string.Join(", ", reasons)}]";
    }

    private static bool IsReadable(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReadableReasonLength)
        {
            return false;
        }

        foreach (var c in reason)
        {
            if (!char.IsLetterOrDigit(c) && c is not (' ' or '-' or '\'' or ',' or '.' or '(' or ')' or '/'))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<StateRepresentation<TState, TTrigger, TContext>> Roots(
        List<StateRepresentation<TState, TTrigger, TContext>> states,
        StateRepresentation<TState, TTrigger, TContext> initial)
    {
        foreach (var state in states)
        {
            if (state.Super is null && (state.InGraph || ReferenceEquals(state, initial)))
            {
                yield return state;
            }
        }
    }

    private static List<StateRepresentation<TState, TTrigger, TContext>> Sorted(List<StateRepresentation<TState, TTrigger, TContext>> states)
    {
        var sorted = new List<StateRepresentation<TState, TTrigger, TContext>>(states);
        sorted.Sort(static (a, b) => EnumIndex<TState>.Of(a.State).CompareTo(EnumIndex<TState>.Of(b.State)));
        return sorted;
    }

    /// <summary>The innermost super-state containing both ends, other than either end; null when only the root does.</summary>
    private static StateRepresentation<TState, TTrigger, TContext>? CommonSuper(
        StateRepresentation<TState, TTrigger, TContext> source,
        StateRepresentation<TState, TTrigger, TContext> destination)
    {
        for (var candidate = source.Super; candidate is not null; candidate = candidate.Super)
        {
            if (candidate.Includes(destination) && !ReferenceEquals(candidate, destination))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>DOT edges cannot end on a cluster: they end on its first leaf and are clipped to the cluster.</summary>
    private static StateRepresentation<TState, TTrigger, TContext> Anchor(StateRepresentation<TState, TTrigger, TContext> state) =>
        state.Substates.Count == 0 ? state : Anchor(Sorted(state.Substates)[0]);

    private static string Cluster(StateRepresentation<TState, TTrigger, TContext> state) => $"cluster_{state.State}";

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static void Line(StringBuilder text, int depth, string line) =>
        text.Append(' ', depth * 4).Append(line).Append('\n');

    private sealed record Edge(
        StateRepresentation<TState, TTrigger, TContext> Source,
        StateRepresentation<TState, TTrigger, TContext> Destination,
        string Label);
}
