using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Cases;

public class DisputeCaseTests
{
    private static readonly DateTimeOffset Later = ADisputeCase.Received.AddDays(2);

    private static ActionContext By(long user, DateTimeOffset? at = null, string? reason = null) =>
        new(at ?? Later, user, reason);

    [Fact]
    public void Grade_Yellow_RoutesToLevelOneAtTheEnterpriseGroup_WithTheClockFromReceipt()
    {
        var c = new ADisputeCase().Graded();

        c.State.Should().Be(CaseState.Level1AwaitingAcceptance);
        c.Level.Should().Be(1);
        c.UnitId.Should().Be(ADisputeCase.Group.Id);
        c.RiskColor.Should().Be(RiskColor.Yellow);
        c.RiskRules.Should().ContainSingle(r => r.Code == "yellow.other-dispute");
        c.ReceivedAtLevel.Should().Be(ADisputeCase.Received);
        c.NewEvents.Should().ContainSingle().Which.Should().Match<CaseEvent>(e =>
            e.Trigger == CaseTrigger.Grade && e.From == CaseState.Registered && e.To == CaseState.Level1AwaitingAcceptance && e.ByUserId == 100);
        c.NewNotices.Should().ContainSingle(n => n.Kind == NoticeKind.CaseReceived && n.UnitId == ADisputeCase.Group.Id);
    }

    [Fact]
    public void Grade_Orange_RoutesToLevelTwoAtTheVillage() =>
        new ADisputeCase().WithWorker(months: 1.5m).Graded().Should().Match<DisputeCase>(c =>
            c.State == CaseState.Level2AwaitingAcceptance && c.UnitId == ADisputeCase.Village.Id);

    [Fact]
    public void Grade_Red_RoutesToLevelThreeAndAlertsTheCounty()
    {
        var c = new ADisputeCase().With(RiskSignals.EmployerAbsconded).Graded();

        c.State.Should().Be(CaseState.Level3AwaitingAcceptance);
        c.UnitId.Should().Be(ADisputeCase.Town.Id);
        c.NewNotices.Should().Contain(n => n.Kind == NoticeKind.RedAlert && n.UnitId == ADisputeCase.County.Id);
    }

    [Fact]
    public void Grade_Red_OnTheJimoLadder_GoesToTheDistrictRoom() =>
        new ADisputeCase().With(RiskSignals.CollectiveAction).Graded(ADisputeCase.Jimo).UnitId.Should().Be(ADisputeCase.County.Id);

    [Fact]
    public void Accept_AssignsTheMediatorAndStartsMediation()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, By(7));

        c.State.Should().Be(CaseState.Level1InMediation);
        c.MediatorUserId.Should().Be(42);
        c.NewEvents[^1].Trigger.Should().Be(CaseTrigger.Accept);
    }

    [Fact]
    public void Accept_WithoutAMediator_IsRefusedWithItsReason_AndChangesNothing()
    {
        var c = new ADisputeCase().Graded();
        var events = c.NewEvents.Count;

        var accept = () => c.Accept(0, By(7));

        accept.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.MediatorRequired);
        c.State.Should().Be(CaseState.Level1AwaitingAcceptance);
        c.NewEvents.Should().HaveCount(events);
    }

    [Fact]
    public void Escalate_FromLevelOne_MovesToTheVillage_ClearsTheMediator_AndRestartsTheClock()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, By(7));

        c.Escalate(ADisputeCase.Anji, By(7, reason: "企业拒绝协商"));

        c.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        c.UnitId.Should().Be(ADisputeCase.Village.Id);
        c.MediatorUserId.Should().BeNull();
        c.ReceivedAtLevel.Should().Be(Later);
        c.NewEvents[^1].Should().Match<CaseEvent>(e => e.Trigger == CaseTrigger.Escalate && e.Reason == "企业拒绝协商");
    }

    [Fact]
    public void DeadlineElapsed_AtLevelThree_FailsTheMediationWhereItIs()
    {
        var c = new ADisputeCase().With(RiskSignals.ProductionStopped).Graded();

        c.DeadlineElapsed(ADisputeCase.Anji, new ActionContext(Later, null));

        c.State.Should().Be(CaseState.MediationFailed);
        c.UnitId.Should().Be(ADisputeCase.Town.Id);
        c.NewEvents[^1].ByUserId.Should().BeNull("the system fires timers");
    }

    [Fact]
    public void RaiseRisk_ToRed_JumpsFromLevelOneToLevelThree_AndAlertsTheCounty()
    {
        var c = new ADisputeCase().Graded();
        var red = new RiskGrader(new GradingOptions()).Grade(new DisputeFacts([new WorkerArrears(1000m, 0.5m)], 0, RiskSignals.CollectiveAction));

        c.RaiseRisk(red, ADisputeCase.Anji, By(7));

        c.State.Should().Be(CaseState.Level3AwaitingAcceptance);
        c.RiskColor.Should().Be(RiskColor.Red);
        c.NewNotices.Should().Contain(n => n.Kind == NoticeKind.RedAlert);
    }

    [Fact]
    public void OverrideRisk_ToOrange_MovesUpOneLevel_AndListsTheManagersReasonFirst()
    {
        var c = new ADisputeCase().Graded();

        c.OverrideRisk(RiskColor.Orange, ADisputeCase.Anji, By(9, reason: "企业负责人失联风险"));

        c.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        c.RiskColor.Should().Be(RiskColor.Orange);
        c.RiskRules[0].Code.Should().Be(DisputeCase.ManagerOverrideCode);
        c.RiskRules[0].Zh.Should().Contain("企业负责人失联风险");
        c.NewEvents[^1].Should().Match<CaseEvent>(e => e.Trigger == CaseTrigger.RiskRaised && e.Reason == "企业负责人失联风险");
    }

    [Fact]
    public void OverrideRisk_OnAClosedCase_IsRefused()
    {
        var c = new ADisputeCase().Graded();
        c.Withdraw(By(7));

        var raise = () => c.OverrideRisk(RiskColor.Red, ADisputeCase.Anji, By(9, reason: "x"));

        raise.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.NotInThisState);
        c.RiskColor.Should().Be(RiskColor.Yellow);
    }

    [Fact]
    public void AgreementThenPayment_ResolvesWithTheAmountRecovered()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, By(7));
        c.ReachAgreement(new AgreementTerms(3000m, new DateOnly(2025, 3, 20), "银行转账"), By(42));
        c.ConfirmPerformance(3000m, By(42));

        c.State.Should().Be(CaseState.Resolved);
        c.AmountRecovered.Should().Be(3000m);
        c.Agreement!.Amount.Should().Be(3000m);
    }

    [Fact]
    public void Reopen_WithinTheWindow_ReturnsToTheLastLevel_AndOutsideIsRefusedWithTheReason()
    {
        var c = new ADisputeCase().Graded();
        c.Withdraw(By(7));
        c.State.Should().Be(CaseState.Withdrawn);

        var closed = new ADisputeCase().WithWorker(months: 1.5m).Graded();
        closed.Accept(42, By(7));
        closed.ConfirmPerformance(100m, By(42));
        closed.RecordFollowUp(new FollowUp(5, null), By(42, Later));

        var tooLate = () => closed.Reopen(ADisputeCase.Anji, 30, By(42, Later.AddDays(31)));
        tooLate.Should().Throw<CaseActionRefusedException>().Which.Reasons.Should().Equal(CaseRefusal.ReopenWindowPassed);

        closed.Reopen(ADisputeCase.Anji, 30, By(42, Later.AddDays(29)));
        closed.State.Should().Be(CaseState.Level2AwaitingAcceptance);
        closed.ClosedAt.Should().BeNull();
    }

    [Fact]
    public void Availability_ChangesNothing_AndAnswersTheSameTwice()
    {
        var c = new ADisputeCase().Graded();
        var events = c.NewEvents.Count;

        var first = c.Availability(Later, 30);
        var second = c.Availability(Later.AddDays(400), 0);

        second.Should().BeEquivalentTo(first);
        c.State.Should().Be(CaseState.Level1AwaitingAcceptance);
        c.NewEvents.Should().HaveCount(events);
    }

    [Fact]
    public void Actions_ListEveryTriggerOfTheState_WithReasonsForTheRefusedOnes()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, By(7));

        var actions = c.Availability(Later, 30);

        actions.Should().Contain(a => a.Action == CaseTrigger.RecordSession && a.Allowed);
        actions.Should().Contain(a => a.Action == CaseTrigger.Escalate && a.Allowed);
        actions.Should().NotContain(a => a.Action == CaseTrigger.Accept);
    }

    [Fact]
    public void Actions_OfAClosedCasePastItsWindow_RefuseReopenWithTheReason()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, By(7));
        c.ConfirmPerformance(100m, By(42));
        c.RecordFollowUp(new FollowUp(4, "满意"), By(42));

        c.Availability(Later.AddDays(31), 30).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new CaseActionAvailability(CaseTrigger.Reopen, false, [CaseRefusal.ReopenWindowPassed]));
        c.Availability(Later.AddDays(1), 30).Should().ContainSingle(a => a.Action == CaseTrigger.Reopen && a.Allowed);
    }
}
