using System.Collections.ObjectModel;

namespace CaseFlow.Domain.Grading;

/// <summary>The facts of one dispute that grading reads. Immutable; the aggregates are computed once.</summary>
public sealed class DisputeFacts
{
    public DisputeFacts(IEnumerable<WorkerArrears> workers, int declaredWorkerCount = 0, RiskSignals signals = RiskSignals.None)
    {
        ArgumentNullException.ThrowIfNull(workers);
        ArgumentOutOfRangeException.ThrowIfNegative(declaredWorkerCount);

        var listed = workers.ToArray();
        if (listed.Any(w => w is null))
        {
            throw new ArgumentException("A listed worker is null.", nameof(workers));
        }

        Workers = Array.AsReadOnly(listed);
        DeclaredWorkerCount = declaredWorkerCount;
        Signals = signals;
        WorkerCount = Math.Max(declaredWorkerCount, listed.Length);
        MaxMonthsOwed = listed.Length == 0 ? 0m : listed.Max(w => w.MonthsOwed);
        TotalAmountOwed = listed.Sum(w => w.AmountOwed);
    }

    /// <summary>The workers whose arrears are known.</summary>
    public ReadOnlyCollection<WorkerArrears> Workers { get; }

    /// <summary>How many workers the registrant says are involved; often more than are listed at intake.</summary>
    public int DeclaredWorkerCount { get; }

    public RiskSignals Signals { get; }

    /// <summary>Workers involved: the declared count or the listed workers, whichever is larger.</summary>
    public int WorkerCount { get; }

    /// <summary>The longest arrears of any listed worker, in months.</summary>
    public decimal MaxMonthsOwed { get; }

    /// <summary>Yuan owed to the listed workers together.</summary>
    public decimal TotalAmountOwed { get; }

    public bool Has(RiskSignals signal) => signal != RiskSignals.None && Signals.HasFlag(signal);
}
