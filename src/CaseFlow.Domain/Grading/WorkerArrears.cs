namespace CaseFlow.Domain.Grading;

/// <summary>What one worker in a dispute is owed: an amount in yuan and a period in months (1.5 = six weeks).</summary>
public sealed record WorkerArrears
{
    public WorkerArrears(decimal amountOwed, decimal monthsOwed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountOwed);
        ArgumentOutOfRangeException.ThrowIfNegative(monthsOwed);
        AmountOwed = amountOwed;
        MonthsOwed = monthsOwed;
    }

    /// <summary>Yuan owed to this worker.</summary>
    public decimal AmountOwed { get; }

    /// <summary>How many months of wages are unpaid; fractions allowed.</summary>
    public decimal MonthsOwed { get; }
}
