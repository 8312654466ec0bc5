using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Tests.Cases;

public class DeadlinePlannerTests
{
    private static readonly DeadlinePlanner Planner = new(new DeadlineCalculator(WorkingCalendar.China(), new TimeLimitOptions()));

    private static DateTimeOffset EndOf(int year, int month, int day) => ChinaTime.EndOf(new DateOnly(year, month, day));

    [Fact]
    public void Plan_AwaitingAcceptance_HasAcceptanceLevelLimitRemindersAndTheArbitrationRight()
    {
        var c = new ADisputeCase().Graded(); // yellow, received Monday 2025-03-03

        var plan = Planner.Plan(c);

        plan.Should().Contain(new PlannedDeadline(DeadlineKind.Acceptance, EndOf(2025, 3, 6), false));
        plan.Should().Contain(new PlannedDeadline(DeadlineKind.LevelLimit, EndOf(2025, 3, 10), false));
        plan.Count(d => d.Kind == DeadlineKind.Reminder).Should().Be(2);
        plan.Should().ContainSingle(d => d.Kind == DeadlineKind.ArbitrationRight)
            .Which.DueAt.Should().Be(ChinaTime.At(new DateOnly(2025, 3, 18), TimeOnly.MinValue));
    }

    [Fact]
    public void Plan_InMediation_DropsTheAcceptanceDeadline_AndAnExtensionMovesTheLimit()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, new ActionContext(ADisputeCase.Received.AddHours(2), 7));
        c.ExtendDeadline(new DeadlineExtension(3, true, true), new ActionContext(ADisputeCase.Received.AddDays(1), 42));

        var plan = Planner.Plan(c);

        plan.Should().NotContain(d => d.Kind == DeadlineKind.Acceptance);
        plan.Should().ContainSingle(d => d.Kind == DeadlineKind.LevelLimit).Which.DueAt.Should().Be(EndOf(2025, 3, 11));
    }

    [Fact]
    public void Plan_AfterAnAgreement_IsOnlyThePaymentDate()
    {
        var c = new ADisputeCase().Graded();
        c.Accept(42, new ActionContext(ADisputeCase.Received, 7));
        c.ReachAgreement(new AgreementTerms(3000m, new DateOnly(2025, 3, 15), "现金"), new ActionContext(ADisputeCase.Received, 42));

        // 2025-03-15 is a Saturday: payment is due by the end of Monday.
        Planner.Plan(c).Should().Equal(new PlannedDeadline(DeadlineKind.PaymentDue, EndOf(2025, 3, 17), false));
    }

    [Fact]
    public void Plan_ForAFinishedCase_IsEmpty()
    {
        var c = new ADisputeCase().Graded();
        c.Withdraw(new ActionContext(ADisputeCase.Received, 7));

        Planner.Plan(c).Should().BeEmpty();
    }
}
