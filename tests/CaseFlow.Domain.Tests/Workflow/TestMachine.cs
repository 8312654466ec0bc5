using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

/// <summary>A small domain for engine tests: Working is a super-state of Drafting and Reviewing.</summary>
internal enum Phase
{
    Idle,
    Working,
    Drafting,
    Reviewing,
    Done,
    Broken,
}

internal enum Signal
{
    Start,
    Submit,
    Approve,
    Reject,
    Fail,
    Retry,
    Note,
    Poke,
    Assign,
    Route,
    Reset,
}

/// <summary>The context: holds the state, the facts guards read, and a log of what actions ran.</summary>
internal sealed class Job
{
    public Phase Phase { get; set; }

    public bool Ready { get; set; } = true;

    public int Counter { get; set; }

    public List<string> Log { get; } = [];

    public List<Transition<Phase, Signal>> Transitions { get; } = [];
}

internal static class TestMachine
{
    public static StateMachine<Phase, Signal, Job> Create() => new(static j => j.Phase, static (j, p) => j.Phase = p);

    public static Job JobIn(Phase phase) => new() { Phase = phase };

    /// <summary>A machine whose every state and super-state logs entry and exit into the job's log.</summary>
    public static StateMachine<Phase, Signal, Job> CreateLogging()
    {
        var machine = Create();
        foreach (var phase in Enum.GetValues<Phase>())
        {
            var name = phase.ToString();
            machine.Configure(phase)
                .OnEntry((j, _) => j.Log.Add($"enter {name}"))
                .OnExit((j, _) => j.Log.Add($"exit {name}"));
        }

        machine.OnTransitioned(static (j, t) => j.Transitions.Add(t));
        return machine;
    }
}
