using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Workflow;

public class StateMachineAllocationTests
{
    private const int Rounds = 10_000;

    [Fact]
    public void Fire_OnAConfiguredMachine_AllocatesNothing()
    {
        var machine = TestMachine.Create();
        var assign = machine.SetTriggerParameters<long>(Signal.Assign);
        var note = machine.SetTriggerParameters<int>(Signal.Note);
        machine.Configure(Phase.Idle).PermitIf(assign, Phase.Drafting, static (_, id) => id > 0, "someone must be assigned");
        machine.Configure(Phase.Working).Permit(Signal.Fail, Phase.Broken);
        machine.Configure(Phase.Drafting)
            .SubstateOf(Phase.Working)
            .OnEntryFrom(assign, static (j, id, _) => j.Counter += (int)id)
            .InternalTransition(note, static (j, amount, _) => j.Counter += amount)
            .PermitIf(Signal.Submit, Phase.Reviewing, static j => j.Ready, "not ready");
        machine.Configure(Phase.Reviewing)
            .SubstateOf(Phase.Working)
            .OnExit(static (j, _) => j.Counter--)
            .PermitDynamic(Signal.Route, static j => j.Counter % 2 == 0 ? Phase.Done : Phase.Broken, Phase.Done, Phase.Broken);
        machine.Configure(Phase.Done).Permit(Signal.Reset, Phase.Idle).Ignore(Signal.Poke);
        machine.Configure(Phase.Broken).PermitReentry(Signal.Retry).Permit(Signal.Reset, Phase.Idle);
        machine.OnTransitioned(static (j, t) => j.Counter += t.IsInternal ? 0 : 1);
        var job = TestMachine.JobIn(Phase.Idle);

        void Round()
        {
            machine.Fire(job, assign, 3L);          // parameter guard, entry action with argument
            machine.Fire(job, note, 2);             // internal transition with argument
            machine.Fire(job, Signal.Submit);       // guarded, between sibling sub-states
            machine.Fire(job, Signal.Route);        // dynamic, leaves the super-state
            if (job.Phase == Phase.Broken)
            {
                machine.Fire(job, Signal.Retry);    // reentry
            }
            else
            {
                machine.Fire(job, Signal.Poke);     // ignored
            }

            machine.Fire(job, Signal.Reset);
        }

        for (var i = 0; i < 1_000; i++)
        {
            Round();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            Round();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, "Fire must not allocate on a configured machine");
        job.Phase.Should().Be(Phase.Idle);
    }
}
