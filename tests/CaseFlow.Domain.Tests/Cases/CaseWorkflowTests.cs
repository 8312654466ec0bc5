using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Workflow;

namespace CaseFlow.Domain.Tests.Cases;

public class CaseWorkflowTests
{
    private static readonly StateMachine<CaseState, CaseTrigger, IWorkflowCase> Machine = CaseWorkflow.Machine;

    private static readonly CaseState[] StoredStates = Enum.GetValues<CaseState>().Where(CaseWorkflow.IsStored).ToArray();

    [Fact]
    public void EveryStoredState_IsReachableFromRegistered()
    {
        var reached = new HashSet<CaseState> { CaseState.Registered };
        var queue = new Queue<CaseState>(reached);
        while (queue.Count > 0)
        {
            var state = queue.Dequeue();
            foreach (var next in Successors(state))
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        reached.Should().BeEquivalentTo(StoredStates);
    }

    [Fact]
    public void SuperStates_AreNeverStored()
    {
        StoredStates.Should().NotContain([CaseState.Mediation, CaseState.Level1, CaseState.Level2, CaseState.Level3]);
        StoredStates.Should().HaveCount(Enum.GetValues<CaseState>().Length - 4);
    }

    [Theory]
    [InlineData(CaseState.Withdrawn)]
    [InlineData(CaseState.Rejected)]
    public void FinalState_PermitsNothingAndRefusesEveryTriggerWithAReason(CaseState state)
    {
        var @case = ACase.In(state).Build();

        Machine.GetTriggerInfos(@case).Should().BeEmpty();
        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            var act = () => FireWithValidArgument(@case, trigger);
            act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().ContainSingle()
                .Which.Should().Be($"{trigger} is not a valid trigger in {state}");
        }

        @case.State.Should().Be(state);
    }

    [Theory]
    [InlineData(CaseState.Closed, new[] { CaseTrigger.Reopen })]
    [InlineData(CaseState.Resolved, new[] { CaseTrigger.RecordFollowUp })]
    [InlineData(CaseState.Referred, new[] { CaseTrigger.CloseReferral })]
    [InlineData(CaseState.MediationFailed, new[] { CaseTrigger.Refer, CaseTrigger.Withdraw })]
    [InlineData(CaseState.AgreementReached, new[] { CaseTrigger.ConfirmPerformance, CaseTrigger.PerformanceOverdue, CaseTrigger.Withdraw })]
    [InlineData(CaseState.Registered, new[] { CaseTrigger.Grade, CaseTrigger.Withdraw, CaseTrigger.Reject })]
    public void LateState_DefinesOnlyItsOwnTriggers(CaseState state, CaseTrigger[] expected)
    {
        var @case = ACase.In(state).Build();

        Machine.GetTriggerInfos(@case).Select(i => i.Trigger).Should().BeEquivalentTo(expected);
        Machine.GetPermittedTriggers(@case).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Grade_Yellow_RoutesToLevelOneAwaitingAcceptance() =>
        AfterGrade(RiskColor.Yellow).Should().Be(CaseState.Level1AwaitingAcceptance);

    [Fact]
    public void Grade_Orange_RoutesToLevelTwoAwaitingAcceptance() =>
        AfterGrade(RiskColor.Orange).Should().Be(CaseState.Level2AwaitingAcceptance);

    [Fact]
    public void Grade_Red_RoutesToLevelThreeAwaitingAcceptance() =>
        AfterGrade(RiskColor.Red).Should().Be(CaseState.Level3AwaitingAcceptance);

    [Fact]
    public void Grade_WithoutMinimumFacts_IsRefusedNamingTheMissingFacts()
    {
        var @case = ACase.In(CaseState.Registered).WithoutMinimumFacts().Build();

        var act = () => Machine.Fire(@case, CaseWorkflow.Grade, RiskColor.Red);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.LacksMinimumFacts);
        @case.State.Should().Be(CaseState.Registered);
        Machine.GetTriggerInfos(@case).Single(i => i.Trigger == CaseTrigger.Grade)
            .Should().BeEquivalentTo(new TriggerInfo<CaseTrigger>(CaseTrigger.Grade, false, [CaseWorkflow.LacksMinimumFacts], true));
    }

    [Fact]
    public void Grade_UndefinedColour_IsRefused()
    {
        var @case = ACase.In(CaseState.Registered).Build();

        var act = () => Machine.Fire(@case, CaseWorkflow.Grade, (RiskColor)0);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.UnknownColour);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Accept_WithAMediator_StartsMediationAtTheSameLevel(int level)
    {
        var @case = ACase.In(CaseWorkflow.AwaitingAcceptanceAt(level)).Build();

        Machine.Fire(@case, CaseWorkflow.Accept, 42L);

        @case.State.Should().Be(CaseWorkflow.InMediationAt(level));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Accept_WithoutAMediator_IsRefused(long mediatorId)
    {
        var @case = ACase.In(CaseState.Level2AwaitingAcceptance).Build();

        var act = () => Machine.Fire(@case, CaseWorkflow.Accept, mediatorId);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.MediatorRequired);
        @case.State.Should().Be(CaseState.Level2AwaitingAcceptance);
    }

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance)]
    [InlineData(CaseState.Level1InMediation)]
    public void Escalate_FromLevelOne_MovesToLevelTwoAwaitingAcceptance(CaseState from) =>
        After(from, CaseTrigger.Escalate).Should().Be(CaseState.Level2AwaitingAcceptance);

    [Theory]
    [InlineData(CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level2InMediation)]
    public void Escalate_FromLevelTwo_MovesToLevelThreeAwaitingAcceptance(CaseState from) =>
        After(from, CaseTrigger.Escalate).Should().Be(CaseState.Level3AwaitingAcceptance);

    [Theory]
    [InlineData(CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level3InMediation)]
    public void Escalate_FromLevelThree_FailsMediation(CaseState from) =>
        After(from, CaseTrigger.Escalate).Should().Be(CaseState.MediationFailed);

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance)]
    [InlineData(CaseState.Level1InMediation)]
    public void DeadlineElapsed_WhenLevelOneDeadlinePasses_MovesToLevelTwo(CaseState from) =>
        After(from, CaseTrigger.DeadlineElapsed).Should().Be(CaseState.Level2AwaitingAcceptance);

    [Theory]
    [InlineData(CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level2InMediation)]
    public void DeadlineElapsed_WhenLevelTwoDeadlinePasses_MovesToLevelThree(CaseState from) =>
        After(from, CaseTrigger.DeadlineElapsed).Should().Be(CaseState.Level3AwaitingAcceptance);

    [Theory]
    [InlineData(CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level3InMediation)]
    public void DeadlineElapsed_WhenLevelThreeDeadlinePasses_FailsMediation(CaseState from) =>
        After(from, CaseTrigger.DeadlineElapsed).Should().Be(CaseState.MediationFailed);

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance, RiskColor.Orange, CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level1InMediation, RiskColor.Orange, CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level1AwaitingAcceptance, RiskColor.Red, CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level1InMediation, RiskColor.Red, CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level2AwaitingAcceptance, RiskColor.Red, CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level2InMediation, RiskColor.Red, CaseState.Level3AwaitingAcceptance)]
    public void RiskRaised_ToAColourAboveTheLevel_JumpsToThatColoursLevel(CaseState from, RiskColor colour, CaseState expected)
    {
        var @case = ACase.In(from).Build();

        Machine.Fire(@case, CaseWorkflow.RiskRaised, colour);

        @case.State.Should().Be(expected);
        @case.Transitions.Should().ContainSingle().Which.IsInternal.Should().BeFalse();
    }

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance, RiskColor.Yellow)]
    [InlineData(CaseState.Level1InMediation, RiskColor.Yellow)]
    [InlineData(CaseState.Level2AwaitingAcceptance, RiskColor.Yellow)]
    [InlineData(CaseState.Level2InMediation, RiskColor.Orange)]
    [InlineData(CaseState.Level3AwaitingAcceptance, RiskColor.Red)]
    [InlineData(CaseState.Level3InMediation, RiskColor.Yellow)]
    public void RiskRaised_NotAboveTheLevel_IsRecordedWithoutMoving(CaseState from, RiskColor colour)
    {
        var @case = ACase.In(from).Build();

        Machine.Fire(@case, CaseWorkflow.RiskRaised, colour);

        @case.State.Should().Be(from);
        @case.Transitions.Should().ContainSingle().Which.Should().Be(
            new Transition<CaseState, CaseTrigger>(from, from, CaseTrigger.RiskRaised, IsReentry: false, IsInternal: true));
    }

    [Theory]
    [InlineData(CaseTrigger.RecordSession)]
    [InlineData(CaseTrigger.InviteParties)]
    public void SessionWork_InMediation_IsRecordedWithoutMoving(CaseTrigger trigger)
    {
        var @case = ACase.In(CaseState.Level2InMediation).Build();

        Machine.Fire(@case, trigger);

        @case.State.Should().Be(CaseState.Level2InMediation);
        @case.Transitions.Should().ContainSingle().Which.IsInternal.Should().BeTrue();
    }

    [Fact]
    public void RecordSession_BeforeAcceptance_IsRefused()
    {
        var act = () => Machine.Fire(ACase.In(CaseState.Level1AwaitingAcceptance).Build(), CaseTrigger.RecordSession);

        act.Should().Throw<InvalidTransitionException>();
    }

    [Fact]
    public void ExtendDeadline_WithBothConsents_IsRecordedWithoutMoving()
    {
        var @case = ACase.In(CaseState.Level1InMediation).Build();

        Machine.Fire(@case, CaseWorkflow.ExtendDeadline, new DeadlineExtension(5, WorkerConsented: true, EmployerConsented: true));

        @case.State.Should().Be(CaseState.Level1InMediation);
        @case.Transitions.Should().ContainSingle().Which.Trigger.Should().Be(CaseTrigger.ExtendDeadline);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void ExtendDeadline_WithoutBothConsents_IsRefused(bool worker, bool employer)
    {
        var act = () => Machine.Fire(
            ACase.In(CaseState.Level1InMediation).Build(), CaseWorkflow.ExtendDeadline, new DeadlineExtension(5, worker, employer));

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.ConsentRequired);
    }

    [Fact]
    public void ExtendDeadline_ByNoDays_IsRefused()
    {
        var act = () => Machine.Fire(
            ACase.In(CaseState.Level3InMediation).Build(), CaseWorkflow.ExtendDeadline, new DeadlineExtension(0, true, true));

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.ExtensionTooShort);
    }

    [Theory]
    [InlineData(CaseState.Level1InMediation, CaseTrigger.ReachAgreement, CaseState.AgreementReached)]
    [InlineData(CaseState.Level3InMediation, CaseTrigger.ReachAgreement, CaseState.AgreementReached)]
    [InlineData(CaseState.Level2InMediation, CaseTrigger.ConfirmPerformance, CaseState.Resolved)]
    [InlineData(CaseState.AgreementReached, CaseTrigger.ConfirmPerformance, CaseState.Resolved)]
    [InlineData(CaseState.AgreementReached, CaseTrigger.PerformanceOverdue, CaseState.MediationFailed)]
    [InlineData(CaseState.MediationFailed, CaseTrigger.Refer, CaseState.Referred)]
    [InlineData(CaseState.Referred, CaseTrigger.CloseReferral, CaseState.Closed)]
    [InlineData(CaseState.Resolved, CaseTrigger.RecordFollowUp, CaseState.Closed)]
    public void Outcome_MovesAsDescribed(CaseState from, CaseTrigger trigger, CaseState expected) =>
        After(from, trigger).Should().Be(expected);

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance)]
    [InlineData(CaseState.Level2AwaitingAcceptance)]
    public void ReachAgreement_BeforeAcceptance_IsRefused(CaseState from)
    {
        var act = () => Machine.Fire(ACase.In(from).Build(), CaseTrigger.ReachAgreement);

        act.Should().Throw<InvalidTransitionException>();
    }

    [Theory]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Level1AwaitingAcceptance)]
    [InlineData(CaseState.Level1InMediation)]
    [InlineData(CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level2InMediation)]
    [InlineData(CaseState.Level3AwaitingAcceptance)]
    [InlineData(CaseState.Level3InMediation)]
    [InlineData(CaseState.AgreementReached)]
    [InlineData(CaseState.MediationFailed)]
    public void Withdraw_BeforeTheOutcome_EndsTheCase(CaseState from) =>
        After(from, CaseTrigger.Withdraw).Should().Be(CaseState.Withdrawn);

    [Theory]
    [InlineData(CaseState.Resolved)]
    [InlineData(CaseState.Referred)]
    [InlineData(CaseState.Closed)]
    public void Withdraw_AfterTheOutcome_IsRefused(CaseState from)
    {
        var act = () => Machine.Fire(ACase.In(from).Build(), CaseTrigger.Withdraw);

        act.Should().Throw<InvalidTransitionException>();
    }

    [Theory]
    [InlineData(CaseState.Registered)]
    [InlineData(CaseState.Level1AwaitingAcceptance)]
    [InlineData(CaseState.Level2AwaitingAcceptance)]
    [InlineData(CaseState.Level3AwaitingAcceptance)]
    public void Reject_BeforeAcceptance_RejectsTheCase(CaseState from) =>
        After(from, CaseTrigger.Reject).Should().Be(CaseState.Rejected);

    [Theory]
    [InlineData(CaseState.Level1InMediation)]
    [InlineData(CaseState.AgreementReached)]
    public void Reject_OnceAccepted_IsRefused(CaseState from)
    {
        var act = () => Machine.Fire(ACase.In(from).Build(), CaseTrigger.Reject);

        act.Should().Throw<InvalidTransitionException>();
    }

    [Theory]
    [InlineData(1, CaseState.Level1AwaitingAcceptance)]
    [InlineData(2, CaseState.Level2AwaitingAcceptance)]
    [InlineData(3, CaseState.Level3AwaitingAcceptance)]
    public void Reopen_WithinTheWindow_ReturnsToTheLastLevelAwaitingAcceptance(int lastLevel, CaseState expected)
    {
        var @case = ACase.In(CaseState.Closed).LastMediatedAt(lastLevel).Build();

        Machine.Fire(@case, CaseTrigger.Reopen);

        @case.State.Should().Be(expected);
    }

    [Fact]
    public void Reopen_AfterTheWindow_IsRefusedWithTheReason()
    {
        var @case = ACase.In(CaseState.Closed).OutsideReopenWindow().Build();

        var act = () => Machine.Fire(@case, CaseTrigger.Reopen);

        act.Should().Throw<InvalidTransitionException>().Which.Reasons.Should().Equal(CaseWorkflow.ReopenWindowPassed);
        Machine.GetTriggerInfos(@case).Should().ContainSingle().Which.Reasons.Should().Equal(CaseWorkflow.ReopenWindowPassed);
    }

    [Fact]
    public void IsInState_MediationSubStates_AreInTheirLevelAndInMediation()
    {
        var @case = ACase.In(CaseState.Level2InMediation).Build();

        Machine.IsInState(@case, CaseState.Level2).Should().BeTrue();
        Machine.IsInState(@case, CaseState.Mediation).Should().BeTrue();
        Machine.IsInState(@case, CaseState.Level1).Should().BeFalse();
    }

    [Theory]
    [InlineData(CaseState.Registered, null)]
    [InlineData(CaseState.Level1, 1)]
    [InlineData(CaseState.Level1InMediation, 1)]
    [InlineData(CaseState.Level2AwaitingAcceptance, 2)]
    [InlineData(CaseState.Level3InMediation, 3)]
    [InlineData(CaseState.AgreementReached, null)]
    public void LevelOf_NamesTheMediationLevel(CaseState state, int? expected) =>
        CaseWorkflow.LevelOf(state).Should().Be(expected);

    [Fact]
    public void AwaitingAcceptanceAt_LevelOutsideOneToThree_Throws()
    {
        var act = () => CaseWorkflow.AwaitingAcceptanceAt(4);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void IsTerminal_HoldsForClosedWithdrawnAndRejectedOnly() =>
        Enum.GetValues<CaseState>().Where(CaseWorkflow.IsTerminal)
            .Should().BeEquivalentTo([CaseState.Closed, CaseState.Withdrawn, CaseState.Rejected]);

    /// <summary>Every state one permitted fire away, trying each suitable argument.</summary>
    private static IEnumerable<CaseState> Successors(CaseState state)
    {
        foreach (var info in Machine.GetTriggerInfos(ACase.In(state).Build()).Where(i => i.Allowed))
        {
            foreach (var fire in SuitableFires(info.Trigger))
            {
                var @case = ACase.In(state).Build();
                fire(@case);
                yield return @case.State;
            }
        }
    }

    private static IEnumerable<Action<TestCase>> SuitableFires(CaseTrigger trigger)
    {
        switch (trigger)
        {
            case CaseTrigger.Grade:
            case CaseTrigger.RiskRaised:
                var parameterised = trigger == CaseTrigger.Grade ? CaseWorkflow.Grade : CaseWorkflow.RiskRaised;
                foreach (var colour in Enum.GetValues<RiskColor>())
                {
                    yield return c => Machine.Fire(c, parameterised, colour);
                }

                break;
            case CaseTrigger.Reopen:
                for (var level = 1; level <= 3; level++)
                {
                    var last = level;
                    yield return c =>
                    {
                        c.LastMediationLevel = last;
                        Machine.Fire(c, CaseTrigger.Reopen);
                    };
                }

                break;
            default:
                yield return c => FireWithValidArgument(c, trigger);
                break;
        }
    }

    internal static void FireWithValidArgument(TestCase @case, CaseTrigger trigger)
    {
        switch (trigger)
        {
            case CaseTrigger.Grade:
                Machine.Fire(@case, CaseWorkflow.Grade, RiskColor.Yellow);
                break;
            case CaseTrigger.Accept:
                Machine.Fire(@case, CaseWorkflow.Accept, 1L);
                break;
            case CaseTrigger.ExtendDeadline:
                Machine.Fire(@case, CaseWorkflow.ExtendDeadline, new DeadlineExtension(3, true, true));
                break;
            case CaseTrigger.RiskRaised:
                Machine.Fire(@case, CaseWorkflow.RiskRaised, RiskColor.Red);
                break;
            default:
                Machine.Fire(@case, trigger);
                break;
        }
    }

    private static CaseState AfterGrade(RiskColor colour)
    {
        var @case = ACase.In(CaseState.Registered).Build();
        Machine.Fire(@case, CaseWorkflow.Grade, colour);
        return @case.State;
    }

    private static CaseState After(CaseState from, CaseTrigger trigger)
    {
        var @case = ACase.In(from).Build();
        Machine.Fire(@case, trigger);
        return @case.State;
    }
}

/// <summary>A trivial case: the workflow's context with settable facts and a log of its transitions.</summary>
internal sealed class TestCase : IWorkflowCase
{
    public CaseState State { get; private set; }

    public bool HasMinimumFacts { get; set; } = true;

    public int LastMediationLevel { get; set; } = 1;

    public bool IsWithinReopenWindow { get; set; } = true;

    public List<Transition<CaseState, CaseTrigger>> Transitions { get; } = [];

    void IWorkflowCase.SetState(CaseState state) => State = state;

    void IWorkflowCase.OnTransitioned(Transition<CaseState, CaseTrigger> transition) => Transitions.Add(transition);

    internal void Place(CaseState state) => State = state;
}

/// <summary>Builds test cases: <c>ACase.In(CaseState.Closed).LastMediatedAt(2).Build()</c>.</summary>
internal sealed class ACase
{
    private readonly CaseState _state;
    private bool _hasMinimumFacts = true;
    private int _lastLevel = 1;
    private bool _withinReopenWindow = true;

    private ACase(CaseState state) => _state = state;

    public static ACase In(CaseState state) => new(state);

    public ACase WithoutMinimumFacts()
    {
        _hasMinimumFacts = false;
        return this;
    }

    public ACase LastMediatedAt(int level)
    {
        _lastLevel = level;
        return this;
    }

    public ACase OutsideReopenWindow()
    {
        _withinReopenWindow = false;
        return this;
    }

    public TestCase Build()
    {
        var @case = new TestCase
        {
            HasMinimumFacts = _hasMinimumFacts,
            LastMediationLevel = _lastLevel,
            IsWithinReopenWindow = _withinReopenWindow,
        };
        @case.Place(_state);
        return @case;
    }
}
