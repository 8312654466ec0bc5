using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Screening;

/// <summary>What a grid worker found about an employer's wages in a screening round (三级摸排).</summary>
public enum WageStatus
{
    /// <summary>Wages paid in full and on time.</summary>
    Normal,

    /// <summary>Paid, but late: a warning sign, not yet arrears.</summary>
    Late,

    /// <summary>In arrears: months, workers and amount owed are recorded.</summary>
    InArrears,

    /// <summary>停工停产.</summary>
    StoppedProduction,

    /// <summary>The owner or managers cannot be reached (the absconded-employer factor of the grading rules).</summary>
    OwnerUnreachable,
}

/// <summary>The arrears a screening record states: all three known, or none.</summary>
public sealed record ScreenedArrears(decimal MonthsOwed, int Workers, decimal AmountOwed)
{
    public const int MaxWorkers = 100_000;
    public const decimal MaxMonths = 999.99m;
}

/// <summary>
/// Colours a screened employer by the same rules that colour a case (DESIGN §5), before any dispute is filed. A record
/// knows the workers owed and the amount in total, not each worker's share, so the amount is split evenly among them:
/// the many-workers and per-worker rules then read the same figures a case with those workers would give.
/// </summary>
public static class ScreeningGrade
{
    /// <summary>The dispute facts a record stands for; null when the employer pays normally (nothing to grade).</summary>
    public static DisputeFacts? FactsOf(WageStatus status, ScreenedArrears? arrears)
    {
        if (status == WageStatus.Normal)
        {
            return null;
        }

        var signals = status switch
        {
            WageStatus.StoppedProduction => RiskSignals.ProductionStopped,
            WageStatus.OwnerUnreachable => RiskSignals.EmployerAbsconded,
            _ => RiskSignals.None,
        };
        if (arrears is null || arrears.Workers == 0)
        {
            return new DisputeFacts([], 0, signals);
        }

        // Shares in whole fen, the remainder on the first, so the shares add up to the recorded total exactly.
        var share = decimal.Round(arrears.AmountOwed / arrears.Workers, 2, MidpointRounding.ToZero);
        var first = arrears.AmountOwed - (share * (arrears.Workers - 1));
        var workers = Enumerable.Range(0, arrears.Workers).Select(i => new WorkerArrears(i == 0 ? first : share, arrears.MonthsOwed));
        return new DisputeFacts(workers, arrears.Workers, signals);
    }

    /// <summary>The record's colour and the rules that gave it; null for normal payment.</summary>
    public static GradingResult? Grade(RiskGrader grader, WageStatus status, ScreenedArrears? arrears)
    {
        ArgumentNullException.ThrowIfNull(grader);
        return FactsOf(status, arrears) is { } facts ? grader.Grade(facts) : null;
    }
}
