using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineParameterTests
{
    [Fact]
    public void FireWithArgument_ArgumentGuardPasses_MovesAndEntryFromReceivesTheArgument()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        machine.Configure(Phase.Idle).PermitIf(assign, Phase.Drafting, static (_, userId) => userId > 0, "someone must be assigned");
        machine.Configure(Phase.Drafting).OnEntryFrom(assign, static (j, userId, _) => j.Counter = (int)userId);
        var job = TestMachine.JobIn(Phase.Idle);

        machine.Fire(job, assign, 7L);

        job.Phase.Should().Be(Phase.Drafting);
        job.Counter.Should().Be(7);
    }

    [Fact]
    public void FireWithArgument_ArgumentGuardFails_RefusesWithItsReason()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        machine.Configure(Phase.Idle).PermitIf(assign, Phase.Drafting, static (_, userId) => userId > 0, "someone must be assigned");
        var job = TestMachine.JobIn(Phase.Idle);

        var act = () => machine.Fire(job, assign, 0L);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("someone must be assigned");
        job.Phase.Should().Be(Phase.Idle);
    }

    [Fact]
    public void FireWithArgument_ContextAndArgumentGuards_ReportTheOneThatFailed()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        machine.Configure(Phase.Idle)
            .PermitIf(assign, Phase.Drafting, static j => j.Ready, "not ready", static (_, userId) => userId > 0, "someone must be assigned");
        var notReady = TestMachine.JobIn(Phase.Idle);
        notReady.Ready = false;

        var contextFails = () => machine.Fire(notReady, assign, 5L);
        var argumentFails = () => machine.Fire(TestMachine.JobIn(Phase.Idle), assign, -1L);

        contextFails.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("not ready");
        argumentFails.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("someone must be assigned");
    }

    [Fact]
    public void InternalTransitionWithArgument_ActionReceivesTheArgument()
    {
        var machine = TestMachine.Create();
        var note = machine.SetTriggerParameters<int>(Signal.Note);
        machine.Configure(Phase.Drafting).InternalTransition(note, static (j, amount, _) => j.Counter += amount);
        machine.OnTransitioned(static (j, t) => j.Transitions.Add(t));
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.Fire(job, note, 3);
        machine.Fire(job, note, 4);

        job.Counter.Should().Be(7);
        job.Transitions.Should().HaveCount(2).And.OnlyContain(t => t.IsInternal && t.Destination == Phase.Drafting);
    }

    [Fact]
    public void InternalTransitionIfWithArgument_GuardsChooseBetweenMovingAndStaying()
    {
        var machine = TestMachine.Create();
        var note = machine.SetTriggerParameters<int>(Signal.Note);
        machine.Configure(Phase.Drafting)
            .PermitIf(note, Phase.Broken, static (_, amount) => amount > 10, "not over ten")
            .InternalTransitionIf(note, static (_, amount) => amount <= 10, "over ten", static (j, amount, _) => j.Counter += amount);
        var small = TestMachine.JobIn(Phase.Drafting);
        var large = TestMachine.JobIn(Phase.Drafting);

        machine.Fire(small, note, 2);
        machine.Fire(large, note, 11);

        small.Phase.Should().Be(Phase.Drafting);
        small.Counter.Should().Be(2);
        large.Phase.Should().Be(Phase.Broken);
    }

    [Fact]
    public void PermitDynamicWithArgument_SelectsFromTheArgument()
    {
        var machine = TestMachine.Create();
        var route = machine.SetTriggerParameters<bool>(Signal.Route);
        machine.Configure(Phase.Reviewing).PermitDynamic(route, static (_, ok) => ok ? Phase.Done : Phase.Broken, Phase.Done, Phase.Broken);
        var job = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(job, route, false);

        job.Phase.Should().Be(Phase.Broken);
    }

    [Fact]
    public void TriggerValidation_InvalidArgument_IsRefusedBeforeAnyGuardSeesIt()
    {
        var machine = TestMachine.Create();
        var note = machine.SetTriggerParameters<int>(Signal.Note, static amount => amount > 0, "the amount must be positive");
        machine.Configure(Phase.Drafting).InternalTransition(note, static (_, amount, _) => throw new InvalidOperationException($"saw {amount}"));

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Drafting), note, -3);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("the amount must be positive");
        machine.CanFire(TestMachine.JobIn(Phase.Drafting), note, -3).Should().BeFalse();
    }

    [Fact]
    public void TriggerValidation_TriggerNotValidInState_SaysSoRatherThanBlamingTheArgument()
    {
        var machine = TestMachine.Create();
        var note = machine.SetTriggerParameters<int>(Signal.Note, static amount => amount > 0, "the amount must be positive");
        machine.Configure(Phase.Drafting).InternalTransition(note, static (_, _, _) => { });
        machine.Configure(Phase.Done);

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Done), note, -3);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("Note is not a valid trigger in Done");
    }

    [Fact]
    public void FireWithoutArgument_OnAParameterisedTrigger_IsAnArgumentError()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        machine.Configure(Phase.Idle).PermitIf(assign, Phase.Drafting, static (_, id) => id > 0, "someone must be assigned");

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Idle), Signal.Assign);

        act.Should().Throw<ArgumentException>().WithMessage("*takes an argument*");
    }

    [Fact]
    public void FireWithArgument_FromAnotherMachine_IsAnArgumentError()
    {
        var machine = TestMachine.Create();
        var other = TestMachine.Create();
        machine.SetTriggerParameters<long>(Signal.Assign);
        var foreign = other.SetTriggerParameters<long>(Signal.Assign);

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Idle), foreign, 1L);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void SetTriggerParameters_Twice_IsAConfigurationError()
    {
        var machine = TestMachine.Create();
        machine.SetTriggerParameters<long>(Signal.Assign);

        var act = () => machine.SetTriggerParameters<string>(Signal.Assign);

        act.Should().Throw<InvalidOperationException>().WithMessage("*already set*");
    }
}
