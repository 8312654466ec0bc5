using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>The workflow of DESIGN §4, exercised through the case's own intent methods and availability list.</summary>
public class CaseWorkflowTests
{
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

        @case.Availability(ACase.Now, 30).Should().BeEmpty();
        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            var act = () => ACase.FireWithValidArgument(@case, trigger);
            act.Should().Throw<CaseActionRefusedException>().Which.Should().Match<CaseActionRefusedException>(e =>
                e.Action == trigger && e.State == state && e.Reasons.SequenceEqual(new[] { CaseRefusal.NotInThisState }));
        }

        @case.State.Should().Be(state);
        @case.NewEvents.Should().BeEmpty();
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
        var availability = ACase.In(state).Build().Availability(ACase.Now, 30);

        availability.Select(a => a.Action).Should().BeEquivalentTo(expected);
        availability.Should().OnlyContain(a => a.Allowed && a.Reasons.Count == 0);
    }

    [Theory]
    [InlineData(CaseState.Level1AwaitingAcceptance, new[] { CaseTrigger.Accept, CaseTrigger.Escalate, CaseTrigger.DeadlineElapsed, CaseTrigger.RiskRaised, CaseTrigger.Withdraw, CaseTrigger.Reject })]
    [InlineData(CaseState.Level2InMediation, new[] { CaseTrigger.RecordSession, CaseTrigger.InviteParties, CaseTrigger.ExtendDeadline, CaseTrigger.Escalate, CaseTrigger.DeadlineElapsed, CaseTrigger.RiskRaised, CaseTrigger.ReachAgreement, CaseTrigger.ConfirmPerformance, CaseTrigger.Withdraw })]
    [InlineData(CaseState.Level3InMediation, new[] { CaseTrigger.RecordSession, CaseTrigger.InviteParties, CaseTrigger.ExtendDeadline, CaseTrigger.Escalate, CaseTrigger.DeadlineElapsed, CaseTrigger.RiskRaised, CaseTrigger.ReachAgreement, CaseTrigger.ConfirmPerformance, CaseTrigger.Withdraw })]
    public void MediationState_ListsItsOwnAndItsLevelsTriggers_AllAllowed(CaseState state, CaseTrigger[] expected)
    {
        var availability = ACase.In(state).Build().Availability(ACase.Now, 30);

        availability.Select(a => a.Action).Should().BeEquivalentTo(expected);
        availability.Should().OnlyContain(a => a.Allowed, "argument checks belong to the intent methods, not the listing");
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

        var act = () => @case.Grade(ACase.Graded(RiskColor.Red), ACase.Routing, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.LacksMinimumFacts);
        @case.State.Should().Be(CaseState.Registered);
        @case.Availability(ACase.Now, 30).Single(i => i.Action == CaseTrigger.Grade)
            .Should().BeEquivalentTo(new CaseActionAvailability(CaseTrigger.Grade, false, [CaseRefusal.LacksMinimumFacts]));
    }

    [Fact]
    public void Grade_UndefinedColour_IsRefused()
    {
        var @case = ACase.In(CaseState.Registered).Build();

        var act = () => @case.Grade(ACase.Graded((RiskColor)0), ACase.Routing, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.UnknownColour);
        @case.State.Should().Be(CaseState.Registered);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Accept_WithAMediator_StartsMediationAtTheSameLevel(int level)
    {
        var @case = ACase.In(CaseWorkflow.AwaitingAcceptanceAt(level)).Build();

        @case.Accept(42, ACase.By);

        @case.State.Should().Be(CaseWorkflow.InMediationAt(level));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Accept_WithoutAMediator_IsRefused(long mediatorId)
    {
        var @case = ACase.In(CaseState.Level2AwaitingAcceptance).Build();

        var act = () => @case.Accept(mediatorId, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.MediatorRequired);
        @case.State.Should().Be(CaseState.Level2AwaitingAcceptance);
    }

    [Fact]
    public void Accept_InAStateThatDoesNotOfferIt_IsRefusedForTheStateBeforeTheArgument()
    {
        var act = () => ACase.In(CaseState.Level2InMediation).Build().Accept(0, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.NotInThisState);
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

        @case.RaiseRisk(ACase.Graded(colour), ACase.Routing, ACase.By);

        @case.State.Should().Be(expected);
        @case.UnitId.Should().Be(ACase.Routing.HostFor(CaseWorkflow.LevelOf(expected)!.Value).Id);
        @case.NewEvents.Should().ContainSingle().Which.Should().Match<CaseEvent>(e =>
            e.Trigger == CaseTrigger.RiskRaised && e.From == from && e.To == expected);
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
        var unit = @case.UnitId;

        @case.RaiseRisk(ACase.Graded(colour), ACase.Routing, ACase.By);

        @case.State.Should().Be(from);
        @case.UnitId.Should().Be(unit);
        @case.RiskColor.Should().Be(colour);
        @case.NewEvents.Should().ContainSingle().Which.Should().Match<CaseEvent>(e =>
            e.Trigger == CaseTrigger.RiskRaised && e.From == from && e.To == from);
    }

    [Fact]
    public void RiskRaised_UndefinedColour_IsRefusedAndChangesNothing()
    {
        var @case = ACase.In(CaseState.Level1InMediation).Build();

        var act = () => @case.RaiseRisk(ACase.Graded((RiskColor)7), ACase.Routing, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.UnknownColour);
        @case.State.Should().Be(CaseState.Level1InMediation);
        @case.NewEvents.Should().BeEmpty();
    }

    [Theory]
    [InlineData(CaseTrigger.RecordSession)]
    [InlineData(CaseTrigger.InviteParties)]
    public void SessionWork_InMediation_IsRecordedWithoutMoving(CaseTrigger trigger)
    {
        var @case = ACase.In(CaseState.Level2InMediation).Build();

        ACase.FireWithValidArgument(@case, trigger);

        @case.State.Should().Be(CaseState.Level2InMediation);
        @case.NewEvents.Should().ContainSingle().Which.Should().Match<CaseEvent>(e =>
            e.Trigger == trigger && e.From == CaseState.Level2InMediation && e.To == CaseState.Level2InMediation);
    }

    [Fact]
    public void RecordSession_BeforeAcceptance_IsRefused()
    {
        var act = () => ACase.FireWithValidArgument(ACase.In(CaseState.Level1AwaitingAcceptance).Build(), CaseTrigger.RecordSession);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.NotInThisState);
    }

    [Fact]
    public void ExtendDeadline_WithBothConsents_IsRecordedWithoutMoving()
    {
        var @case = ACase.In(CaseState.Level1InMediation).Build();

        @case.ExtendDeadline(new DeadlineExtension(5, WorkerConsented: true, EmployerConsented: true), ACase.By);

        @case.State.Should().Be(CaseState.Level1InMediation);
        @case.ExtensionDays.Should().Be(5);
        @case.NewEvents.Should().ContainSingle().Which.Trigger.Should().Be(CaseTrigger.ExtendDeadline);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(false, false)]
    public void ExtendDeadline_WithoutBothConsents_IsRefused(bool worker, bool employer)
    {
        var @case = ACase.In(CaseState.Level1InMediation).Build();

        var act = () => @case.ExtendDeadline(new DeadlineExtension(5, worker, employer), ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.ConsentRequired);
        @case.ExtensionDays.Should().Be(0);
    }

    [Fact]
    public void ExtendDeadline_ByNoDays_IsRefused()
    {
        var act = () => ACase.In(CaseState.Level3InMediation).Build().ExtendDeadline(new DeadlineExtension(0, true, true), ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.ExtensionTooShort);
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
        var act = () => ACase.FireWithValidArgument(ACase.In(from).Build(), CaseTrigger.ReachAgreement);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.NotInThisState);
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
        var act = () => ACase.FireWithValidArgument(ACase.In(from).Build(), CaseTrigger.Withdraw);

        act.Should().Throw<CaseActionRefusedException>();
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
        var act = () => ACase.FireWithValidArgument(ACase.In(from).Build(), CaseTrigger.Reject);

        act.Should().Throw<CaseActionRefusedException>();
    }

    [Theory]
    [InlineData(1, CaseState.Level1AwaitingAcceptance)]
    [InlineData(2, CaseState.Level2AwaitingAcceptance)]
    [InlineData(3, CaseState.Level3AwaitingAcceptance)]
    public void Reopen_WithinTheWindow_ReturnsToTheLastLevelAwaitingAcceptance(int lastLevel, CaseState expected)
    {
        var @case = ACase.In(CaseState.Closed).LastMediatedAt(lastLevel).Build();

        @case.Reopen(ACase.Routing, 30, ACase.By);

        @case.State.Should().Be(expected);
        @case.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Reopen_AfterTheWindow_IsRefusedWithTheReason()
    {
        var @case = ACase.In(CaseState.Closed).OutsideReopenWindow().Build();

        var act = () => @case.Reopen(ACase.Routing, 30, ACase.By);

        act.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.ReopenWindowPassed);
        @case.Availability(ACase.Now, 30).Should().ContainSingle().Which.Reasons.Should().Equal(CaseRefusal.ReopenWindowPassed);
        @case.State.Should().Be(CaseState.Closed);
    }

    [Fact]
    public void StatesUnder_ASuperState_NamesItsStoredSubStates()
    {
        CaseWorkflow.StatesUnder(CaseState.Level2).Should().BeEquivalentTo([CaseState.Level2AwaitingAcceptance, CaseState.Level2InMediation]);
        CaseWorkflow.StatesUnder(CaseState.Mediation).Should().HaveCount(6).And.OnlyContain(s => CaseWorkflow.LevelOf(s) != null);
        CaseWorkflow.StatesUnder(CaseState.Level1).Should().NotContain(CaseState.Level2InMediation);
        CaseWorkflow.StatesUnder(CaseState.Closed).Should().Equal(CaseState.Closed);
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

    [Fact]
    public void Diagram_DrawsEveryStoredStateAndTrigger_InBothFormats()
    {
        var mermaid = CaseWorkflow.Diagram(DiagramFormat.Mermaid);
        var dot = CaseWorkflow.Diagram(DiagramFormat.Dot);

        mermaid.Should().StartWith("stateDiagram-v2");
        dot.Should().StartWith("digraph");
        foreach (var state in StoredStates)
        {
            mermaid.Should().Contain(state.ToString());
            dot.Should().Contain(state.ToString());
        }

        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            mermaid.Should().Contain(trigger.ToString());
        }
    }

    /// <summary>Every state one allowed action away, trying each suitable argument (and each last level for Reopen).</summary>
    private static IEnumerable<CaseState> Successors(CaseState state)
    {
        foreach (var info in ACase.In(state).Build().Availability(ACase.Now, 30).Where(i => i.Allowed))
        {
            foreach (var fire in SuitableFires(info.Action))
            {
                for (var last = 1; last <= 3; last++)
                {
                    var @case = ACase.In(state).LastMediatedAt(last).Build();
                    fire(@case);
                    yield return @case.State;
                }
            }
        }
    }

    private static IEnumerable<Action<DisputeCase>> SuitableFires(CaseTrigger trigger)
    {
        if (trigger is CaseTrigger.Grade or CaseTrigger.RiskRaised)
        {
            foreach (var colour in Enum.GetValues<RiskColor>())
            {
                yield return trigger == CaseTrigger.Grade
                    ? c => c.Grade(ACase.Graded(colour), ACase.Routing, ACase.By)
                    : c => c.RaiseRisk(ACase.Graded(colour), ACase.Routing, ACase.By);
            }
        }
        else
        {
            yield return c => ACase.FireWithValidArgument(c, trigger);
        }
    }

    private static CaseState AfterGrade(RiskColor colour)
    {
        var @case = ACase.In(CaseState.Registered).Build();
        @case.Grade(ACase.Graded(colour), ACase.Routing, ACase.By);
        return @case.State;
    }

    private static CaseState After(CaseState from, CaseTrigger trigger)
    {
        var @case = ACase.In(from).Build();
        ACase.FireWithValidArgument(@case, trigger);
        return @case.State;
    }
}
