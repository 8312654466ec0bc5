using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Tests.Cases;

public class CaseWorkflowAllocationTests
{
    [Fact]
    public void Fire_AcceptRecordSessionAndEscalate_AllocatesNothing()
    {
        var machine = CaseWorkflow.Machine;
        var @case = new CountingCase();

        void Round()
        {
            @case.State = CaseState.Level1AwaitingAcceptance;
            machine.Fire(@case, CaseWorkflow.Accept, 42L);
            machine.Fire(@case, CaseTrigger.RecordSession);
            machine.Fire(@case, CaseWorkflow.ExtendDeadline, new DeadlineExtension(3, true, true));
            machine.Fire(@case, CaseTrigger.Escalate);
        }

        for (var i = 0; i < 1_000; i++)
        {
            Round();
        }

        @case.Transitions = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Round();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        @case.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        @case.Transitions.Should().Be(40_000);
    }

    /// <summary>A case that allocates nothing: plain fields, and a counter for the transition hook.</summary>
    private sealed class CountingCase : IWorkflowCase
    {
        public CaseState State { get; set; }

        public bool HasMinimumFacts => true;

        public int LastMediationLevel => 1;

        public bool IsWithinReopenWindow => true;

        public int Transitions { get; set; }

        void IWorkflowCase.SetState(CaseState state) => State = state;

        void IWorkflowCase.OnTransitioned(CaseFlow.Domain.Workflow.Transition<CaseState, CaseTrigger> transition) => Transitions++;
    }
}
