namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineHierarchyTests
{
    [Fact]
    public void Fire_TriggerDefinedOnSuperState_AppliesToEverySubState()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working);
        var drafting = TestMachine.JobIn(Phase.Drafting);
        var reviewing = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(drafting, Signal.Fail);
        machine.Fire(reviewing, Signal.Fail);

        drafting.Phase.Should().Be(Phase.Broken);
        reviewing.Phase.Should().Be(Phase.Broken);
    }

    [Fact]
    public void Fire_SubStateDefinesTheSameTrigger_SubStateTakesPrecedence()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working).Permit(Signal.Fail, Phase.Drafting);
        var job = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(job, Signal.Fail);

        job.Phase.Should().Be(Phase.Drafting);
    }

    [Fact]
    public void Fire_SubStateGuardFails_FallsBackToTheSuperStateDefinition()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working)
            .PermitIf(Signal.Fail, Phase.Drafting, static j => j.Ready, "not ready");
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Ready = false;

        machine.Fire(job, Signal.Fail);

        job.Phase.Should().Be(Phase.Broken);
    }

    [Fact]
    public void Fire_GuardsFailAtEveryLevel_ReportsTheReasonsOfAllLevels()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Working).PermitIf(Signal.Fail, Phase.Broken, static j => j.Counter > 0, "nothing counted");
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working)
            .PermitIf(Signal.Fail, Phase.Drafting, static j => j.Ready, "not ready");
        var job = TestMachine.JobIn(Phase.Reviewing);
        job.Ready = false;

        var act = () => machine.Fire(job, Signal.Fail);

        act.Should().Throw<CaseFlow.Domain.Workflow.InvalidTransitionException>().Which.Reasons.Should().Equal("not ready", "nothing counted");
    }

    [Fact]
    public void EnteringSubStateFromOutside_RunsSuperStateEntryFirst()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Idle).Permit(Signal.Start, Phase.Drafting);
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);
        var job = TestMachine.JobIn(Phase.Idle);

        machine.Fire(job, Signal.Start);

        job.Log.Should().Equal("exit Idle", "enter Working", "enter Drafting");
    }

    [Fact]
    public void LeavingSubStateToOutside_RunsExitsInnermostFirst()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Working).Permit(Signal.Approve, Phase.Done);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working);
        var job = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(job, Signal.Approve);

        job.Log.Should().Equal("exit Reviewing", "exit Working", "enter Done");
    }

    [Fact]
    public void MovingBetweenSiblingSubStates_DoesNotExitOrEnterTheParent()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working).Permit(Signal.Submit, Phase.Reviewing);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working);
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.Fire(job, Signal.Submit);

        job.Log.Should().Equal("exit Drafting", "enter Reviewing");
    }

    [Fact]
    public void ReentryDeclaredOnSuperState_ExitsUpToItAndEntersItAgain()
    {
        var machine = TestMachine.CreateLogging();
        machine.Configure(Phase.Working).PermitReentry(Signal.Retry);
        machine.Configure(Phase.Reviewing).SubstateOf(Phase.Working);
        var job = TestMachine.JobIn(Phase.Reviewing);

        machine.Fire(job, Signal.Retry);

        job.Log.Should().Equal("exit Reviewing", "exit Working", "enter Working");
        job.Phase.Should().Be(Phase.Working);
        job.Transitions.Should().ContainSingle().Which.IsReentry.Should().BeTrue();
    }

    [Fact]
    public void IsInState_HonoursSuperStates()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);
        var job = TestMachine.JobIn(Phase.Drafting);

        machine.IsInState(job, Phase.Drafting).Should().BeTrue();
        machine.IsInState(job, Phase.Working).Should().BeTrue();
        machine.IsInState(job, Phase.Reviewing).Should().BeFalse();
        machine.IsInState(job, (Phase)42).Should().BeFalse();
    }

    [Fact]
    public void SubstateOf_ItselfOrItsOwnSubState_IsRejectedAsACycle()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);

        var self = () => machine.Configure(Phase.Working).SubstateOf(Phase.Working);
        var cycle = () => machine.Configure(Phase.Working).SubstateOf(Phase.Drafting);

        self.Should().Throw<ArgumentException>().WithMessage("*cycle*");
        cycle.Should().Throw<ArgumentException>().WithMessage("*cycle*");
    }

    [Fact]
    public void SubstateOf_ASecondDifferentParent_IsRejected()
    {
        var machine = TestMachine.Create();
        machine.Configure(Phase.Drafting).SubstateOf(Phase.Working);

        var act = () => machine.Configure(Phase.Drafting).SubstateOf(Phase.Done);

        act.Should().Throw<InvalidOperationException>().WithMessage("*already a sub-state of Working*");
    }
}
