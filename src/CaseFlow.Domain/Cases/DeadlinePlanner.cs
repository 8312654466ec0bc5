using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Cases;

/// <summary>What a deadline row asks of the sweep when it falls due.</summary>
public enum DeadlineKind
{
    /// <summary>The receiving unit has not accepted the case in time: its parent is told.</summary>
    Acceptance,
    /// <summary>The level's time limit: the case escalates (DeadlineElapsed).</summary>
    LevelLimit,
    /// <summary>A reminder before the level limit, to the mediator and the unit.</summary>
    Reminder,
    /// <summary>Day 15 from first receipt: the party's right to arbitration is shown and announced.</summary>
    ArbitrationRight,
    /// <summary>The agreement's payment date: unpaid, the case goes to PerformanceOverdue.</summary>
    PaymentDue,
}

/// <summary>A deadline a case has in its current state.</summary>
public readonly record struct PlannedDeadline(DeadlineKind Kind, DateTimeOffset DueAt, bool CalendarMissing);

/// <summary>
/// Works out a case's open deadlines from its state and facts (DESIGN §6). The store replaces a case's open
/// deadline rows with these in every transition's transaction, so the deadlines are data, never only timers.
/// </summary>
public sealed class DeadlinePlanner(DeadlineCalculator calculator)
{
    public IReadOnlyList<PlannedDeadline> Plan(DisputeCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var plan = new List<PlannedDeadline>(5);
        if (c.Level is { } level && c.RiskColor is { } color)
        {
            if (CaseWorkflow.IsAwaitingAcceptance(c.State))
            {
                Add(plan, DeadlineKind.Acceptance, calculator.AcceptanceDue(color, c.ReceivedAtLevel));
            }

            var limit = calculator.LevelLimitDue(color, level, c.ReceivedAtLevel, c.ExtensionDays);
            Add(plan, DeadlineKind.LevelLimit, limit);
            foreach (var at in calculator.Reminders(c.ReceivedAtLevel, limit.DueAt))
            {
                plan.Add(new PlannedDeadline(DeadlineKind.Reminder, at, limit.CalendarMissing));
            }

            Add(plan, DeadlineKind.ArbitrationRight, calculator.ArbitrationRightFrom(c.FirstReceivedAt));
        }
        else if (c.State == CaseState.AgreementReached && c.Agreement is { } agreement)
        {
            Add(plan, DeadlineKind.PaymentDue, calculator.PaymentDue(agreement.PaymentDueDate));
        }

        return plan;
    }

    private static void Add(List<PlannedDeadline> plan, DeadlineKind kind, DueTime due) =>
        plan.Add(new PlannedDeadline(kind, due.DueAt, due.CalendarMissing));
}
