using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineTransitionTests
{
    [Fact]
    public void Fire_PermittedTrigger_StoresDestinationThroughMutator()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        var job = TestMachine.JobIn(Phase.Idle);

        machine.Fire(job, Signal.Start);

        job.Phase.Should().Be(Phase.Drafting);
        machine.GetState(job).Should().Be(Phase.Drafting);
    }

    [Fact]
    public void Fire_TriggerNotDefinedInState_ThrowsWithStateTriggerAndNotValidReason()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        var job = TestMachine.JobIn(Phase.Idle);

        var act = () => machine.Fire(job, Signal.Approve);

        var thrown = act.Should().Throw<InvalidTransitionException<Phase, Signal>>().Which;
        thrown.State.Should().Be(Phase.Idle);
        thrown.Trigger.Should().Be(Signal.Approve);
        thrown.StateName.Should().Be("Idle");
        thrown.TriggerName.Should().Be("Approve");
        thrown.Reasons.Should().ContainSingle().Which.Should().Be("Approve is not a valid trigger in Idle");
        thrown.Message.Should().Contain("Approve is not permitted in Idle");
        job.Phase.Should().Be(Phase.Idle);
    }

    [Fact]
    public void Fire_UndefinedTriggerValue_IsRefusedNotCrashed()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Idle), (Signal)99);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().ContainSingle();
    }

    [Fact]
    public void PermitIf_GuardFails_RefusesWithItsReasonAndStays()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).PermitIf(Signal.Start, Phase.Drafting, static j => j.Ready, "the job is not ready");
        var job = TestMachine.JobIn(Phase.Idle);
        job.Ready = false;

        var act = () => machine.Fire(job, Signal.Start);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("the job is not ready");
        job.Phase.Should().Be(Phase.Idle);
    }

    [Fact]
    public void PermitIf_GuardPasses_Moves()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).PermitIf(Signal.Start, Phase.Drafting, static j => j.Ready, "the job is not ready");
        var job = TestMachine.JobIn(Phase.Idle);

        machine.Fire(job, Signal.Start);

        job.Phase.Should().Be(Phase.Drafting);
    }

    [Fact]
    public void PermitIf_SeveralExclusiveGuards_TakesTheOneThatPasses()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing)
            .PermitIf(Signal.Route, Phase.Done, static j => j.Counter > 0, "nothing counted")
            .PermitIf(Signal.Route, Phase.Broken, static j => j.Counter <= 0, "something counted");
        var job = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(job, Signal.Route);

        job.Phase.Should().Be(Phase.Broken);
    }

    [Fact]
    public void PermitIf_AllGuardsFail_ReportsEveryReason()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing)
            .PermitIf(Signal.Route, Phase.Done, static j => j.Counter > 5, "fewer than six counted")
            .PermitIf(Signal.Route, Phase.Broken, static j => j.Counter < 0, "the count is not negative");

        var act = () => machine.Fire(TestMachine.JobIn(Phase.Reviewing), Signal.Route);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons
            .Should().Equal("fewer than six counted", "the count is not negative");
    }

    [Fact]
    public void PermitIf_TwoGuardsPassAtOnce_ThrowsBecauseGuardsMustBeExclusive()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing)
            .PermitIf(Signal.Route, Phase.Done, static j => j.Ready, "not ready")
            .PermitIf(Signal.Route, Phase.Broken, static j => j.Counter == 0, "counted");
        var job = TestMachine.JobIn(Phase.Reviewing);

        var act = () => machine.Fire(job, Signal.Route);

        act.Should().Throw<InvalidOperationException>()
            .WithMessage("*mutually exclusive*")
            .Which.Should().NotBeAssignableTo<InvalidTransitionException>();
        job.Phase.Should().Be(Phase.Reviewing);
    }

    [Fact]
    public void Permit_ToItself_IsAConfigurationError()
    {
        var machine = TestMachine.Create();

        var act = () => machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Idle);

        act.Should().Throw<ArgumentException>().WithMessage("*PermitReentry*");
    }

    [Fact]
    public void PermitDynamic_MovesToTheSelectedState()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing)
            .PermitDynamic(Signal.Route, static j => j.Counter > 0 ? Phase.Done : Phase.Broken, Phase.Done, Phase.Broken);
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Counter = 1;

        machine.Fire(job, Signal.Route);

        job.Phase.Should().Be(Phase.Done);
    }

    [Fact]
    public void PermitDynamicIf_GuardFails_RefusesWithReason()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing)
            .PermitDynamicIf(Signal.Route, static _ => Phase.Done, static j => j.Ready, "not ready", Phase.Done);
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Ready = false;

        var act = () => machine.Fire(job, Signal.Route);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("not ready");
    }

    [Fact]
    public void PermitDynamic_SelectorPicksAnUndeclaredState_ThrowsConfigurationError()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Reviewing).PermitDynamic(Signal.Route, static _ => Phase.Idle, Phase.Done, Phase.Broken);
        var job = TestMachine.JobIn(Phase.Reviewing);

        var act = () => machine.Fire(job, Signal.Route);

        act.Should().Throw<InvalidOperationException>().WithMessage("*not among its declared destinations*");
        job.Phase.Should().Be(Phase.Reviewing);
    }

    [Fact]
    public void PermitReentry_RunsExitThenEntryAndMarksTheTransition()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working).PermitReentry(Signal.Retry);
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.Fire(job, Signal.Retry);

        job.Log.Should().Equal("exit Drafting", "enter Drafting");
        job.Phase.Should().Be(Phase.Drafting);
        job.Transitions.Should().ContainSingle().Which.Should().Be(
            new Transition<Phase, Signal>(Phase.Drafting, Phase.Drafting, Signal.Retry, IsReentry: true, IsInternal: false));
    }

    [Fact]
    public void InternalTransition_RunsItsActionWithoutExitOrEntryAndReportsIt()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Drafting).InternalTransition(Signal.Note, static (j, _) => j.Counter++);
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.Fire(job, Signal.Note);

        job.Counter.Should().Be(1);
        job.Log.Should().BeEmpty();
        job.Transitions.Should().ContainSingle().Which.Should().Be(
            new Transition<Phase, Signal>(Phase.Drafting, Phase.Drafting, Signal.Note, IsReentry: false, IsInternal: true));
    }

    [Fact]
    public void InternalTransitionIf_GuardFails_RefusesWithReason()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Drafting).InternalTransitionIf(Signal.Note, static j => j.Ready, "not ready", static (j, _) => j.Counter++);
        var job = TestMachine.JobIn(Phase.Drafting);
        job.Ready = false;

        var act = () => machine.Fire(job, Signal.Note);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("not ready");
        job.Counter.Should().Be(0);
    }

    [Fact]
    public void Ignore_AcceptsTheTriggerAndDoesNothing()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Done).Ignore(Signal.Poke);
        var job = TestMachine.JobIn(Phase.Done);

        machine.Fire(job, Signal.Poke);

        job.Phase.Should().Be(Phase.Done);
        job.Log.Should().BeEmpty();
        job.Transitions.Should().BeEmpty();
        machine.CanFire(job, Signal.Poke).Should().BeTrue();
    }

    [Fact]
    public void IgnoreIf_GuardFails_RefusesWithReason()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Done).IgnoreIf(Signal.Poke, static j => j.Ready, "not ready");
        var job = TestMachine.JobIn(Phase.Done);
        job.Ready = false;

        var act = () => machine.Fire(job, Signal.Poke);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal("not ready");
    }

    [Fact]
    public void OnTransitioned_RunsAfterEntryActionsWithTheTransition()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        machine.Configure(Phase.Drafting).OnEntry(static (j, _) => j.Log.Add("entered"));
        machine.OnTransitioned(static (j, t) => j.Log.Add($"{t.Source}->{t.Destination} on {t.Trigger}"));
        var job = TestMachine.JobIn(Phase.Idle);

        machine.Fire(job, Signal.Start);

        job.Log.Should().Equal("entered", "Idle->Drafting on Start");
    }

    [Fact]
    public void OnEntryFrom_RunsOnlyWhenEnteredThroughThatTrigger()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        machine.Configure(Phase.Reviewing).Permit(Signal.Reject, Phase.Drafting);
        machine.Configure(Phase.Drafting).OnEntryFrom(Signal.Reject, static (j, _) => j.Log.Add("sent back"));
        var fresh = TestMachine.JobIn(Phase.Idle);
        var rejected = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(fresh, Signal.Start);
        machine.Fire(rejected, Signal.Reject);

        fresh.Log.Should().BeEmpty();
        rejected.Log.Should().Equal("sent back");
    }

    [Fact]
    public void Fire_StoredStateIsNotDefined_ThrowsInvalidOperation()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);

        var act = () => machine.Fire(TestMachine.JobIn((Phase)42), Signal.Start);

        act.Should().Throw<InvalidOperationException>().WithMessage("*42*");
    }

    [Fact]
    public void Constructor_EnumNotBackedByInt_IsNotSupported()
    {
        var act = () => new StateMachine<ByteState, Signal, Job>(static _ => ByteState.A, static (_, _) => { });

        act.Should().Throw<NotSupportedException>().WithMessage("*int*");
    }

    internal enum ByteState : byte
    {
        A,
        B,
    }
}
