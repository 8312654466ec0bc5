using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineIntrospectionTests
{
    private static (StateMachine<Phase, Signal, Job> Machine, TriggerWithParameters<Signal, long> Assign) Build()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        machine.Configure(Phase.Working)
            .Permit(Signal.Fail, Phase.Broken)
            .PermitIf(Signal.Approve, Phase.Done, static j => j.Counter > 0, "nothing was counted");
        machine.Configure(Phase.Reviewing)
            .SubstateOf(Phase.Working)
            .PermitIf(Signal.Reject, Phase.Drafting, static j => j.Ready, "the reviewer is not ready")
            .PermitIf(assign, Phase.Drafting, static j => j.Ready, "the reviewer is not ready", static (_, id) => id > 0, "someone must be assigned")
            .Ignore(Signal.Poke);
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);
        return (machine, assign);
    }

    [Fact]
    public void GetTriggerInfos_ListsOwnAndInheritedTriggersWithReasonsForTheRefusedOnes()
    {
        var (machine, _) = Build();
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Ready = false;

        var infos = machine.GetTriggerInfos(job);

        infos.Should().BeEquivalentTo(
            new[]
            {
                new TriggerInfo<Signal>(Signal.Approve, false, ["nothing was counted"], false),
                new TriggerInfo<Signal>(Signal.Reject, false, ["the reviewer is not ready"], false),
                new TriggerInfo<Signal>(Signal.Fail, true, [], false),
                new TriggerInfo<Signal>(Signal.Poke, true, [], false),
                new TriggerInfo<Signal>(Signal.Assign, false, ["the reviewer is not ready"], true),
            },
            o => o.WithoutStrictOrdering());
        infos.Select(i => i.Trigger).Should().BeInAscendingOrder();
    }

    [Fact]
    public void GetTriggerInfos_ParameterGuardCannotBeChecked_ReportsTheTriggerAllowed()
    {
        var (machine, assign) = Build();
        var job = TestMachine.JobIn(Phase.Reviewing);

        var info = machine.GetTriggerInfos(job).Single(i => i.Trigger == Signal.Assign);

        info.Allowed.Should().BeTrue();
        info.TakesParameter.Should().BeTrue();
        machine.CanFire(job, Signal.Assign).Should().BeTrue();
        machine.CanFire(job, assign, 0L).Should().BeFalse();
        machine.CanFire(job, assign, 3L).Should().BeTrue();
    }

    [Fact]
    public void GetPermittedTriggers_ListsOnlyWhatMayFireNow()
    {
        var (machine, _) = Build();
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Counter = 1;

        machine.GetPermittedTriggers(job).Should().Equal(Signal.Approve, Signal.Reject, Signal.Fail, Signal.Poke, Signal.Assign);
    }

    [Fact]
    public void CanFire_AgreesWithFire()
    {
        var (machine, _) = Build();
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.CanFire(job, Signal.Approve).Should().BeFalse();
        machine.CanFire(job, Signal.Fail).Should().BeTrue();
        machine.CanFire(job, Signal.Reject).Should().BeFalse();
        var act = () => machine.Fire(job, Signal.Approve);
        act.Should().Throw<InvalidTransitionException>();
    }
}
