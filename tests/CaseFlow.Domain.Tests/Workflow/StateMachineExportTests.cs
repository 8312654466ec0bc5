using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineExportTests
{
    private static StateMachine<Phase, Signal, Job> Build()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        machine.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        machine.Configure(Phase.Drafting)
            .SubstateOf(Phase.Working)
            .Permit(Signal.Submit, Phase.Reviewing)
            .InternalTransition(Signal.Note);
        machine.Configure(Phase.Reviewing)
            .SubstateOf(Phase.Working)
            .PermitIf(Signal.Approve, Phase.Done, static j => j.Counter > 0, "nothing was counted")
            .PermitDynamic(Signal.Route, static j => j.Ready ? Phase.Done : Phase.Broken, Phase.Done, Phase.Broken)
            .Ignore(Signal.Poke);
        machine.Configure(Phase.Broken)
            .PermitReentry(Signal.Retry)
            .PermitIf(Signal.Reset, Phase.Idle, static j => j.Ready, "a reset needs the job to be ready: see the operations manual");
        return machine;
    }

    [Fact]
    public void ToMermaid_DrawsCompositeStatesGuardsDynamicAndInternalTransitions()
    {
        var mermaid = Build().ToMermaid(Phase.Idle);

        mermaid.Should().Be(
            """
            stateDiagram-v2
                [*] --> Idle
                Idle
                state Working {
                    Drafting
                    Drafting : Note (internal)
                    Reviewing
                    Drafting --> Reviewing : Submit
                }
                Done
                Broken
                Idle --> Drafting : Start
                Working --> Broken : Fail
                Reviewing --> Done : Approve [nothing was counted]
                Reviewing --> Done : Route
                Reviewing --> Broken : Route
                Broken --> Broken : Retry (reentry)
                Broken --> Idle : Reset

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ToDot_DrawsClustersAndClipsEdgesToThem()
    {
        var dot = Build().ToDot(Phase.Idle);

        dot.Should().Be(
            """
            digraph {
                compound=true;
                node [shape=box, style=rounded];
                "[*]" [shape=point];
                "Idle" [label="Idle"];
                subgraph "cluster_Working" {
                    label="Working";
                    "Drafting" [label="Drafting\nNote (internal)"];
                    "Reviewing" [label="Reviewing"];
                }
                "Done" [label="Done"];
                "Broken" [label="Broken"];
                "[*]" -> "Idle";
                "Idle" -> "Drafting" [label="Start"];
                "Drafting" -> "Broken" [label="Fail", ltail="cluster_Working"];
                "Drafting" -> "Reviewing" [label="Submit"];
                "Reviewing" -> "Done" [label="Approve [nothing was counted]"];
                "Reviewing" -> "Done" [label="Route"];
                "Reviewing" -> "Broken" [label="Route"];
                "Broken" -> "Broken" [label="Retry (reentry)"];
                "Broken" -> "Idle" [label="Reset"];
            }

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Export_IsDeterministic_WhateverTheConfigurationOrderOfStates()
    {
        var first = Build();
        var reordered = TestMachine.Create();
        reordered.Configure(Phase.Broken)
            .PermitReentry(Signal.Retry)
            .PermitIf(Signal.Reset, Phase.Idle, static j => j.Ready, "a reset needs the job to be ready: see the operations manual");
        reordered.Configure(Phase.Reviewing)
            .SubstateOf(Phase.Working)
            .PermitIf(Signal.Approve, Phase.Done, static j => j.Counter > 0, "nothing was counted")
            .PermitDynamic(Signal.Route, static j => j.Ready ? Phase.Done : Phase.Broken, Phase.Done, Phase.Broken)
            .Ignore(Signal.Poke);
        reordered.Configure(Phase.Drafting)
            .SubstateOf(Phase.Working)
            .Permit(Signal.Submit, Phase.Reviewing)
            .InternalTransition(Signal.Note);
        reordered.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        reordered.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);

        reordered.ToMermaid(Phase.Idle).Should().Be(first.ToMermaid(Phase.Idle));
        reordered.ToDot(Phase.Idle).Should().Be(first.ToDot(Phase.Idle));
    }

    [Fact]
    public void ToMermaid_StatesNeverConfiguredOrReferenced_AreLeftOut()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Done);

        var mermaid = machine.ToMermaid(Phase.Idle);

        mermaid.Should().NotContain("Broken").And.NotContain("Working").And.Contain("Idle --> Done : Start");
    }
}
