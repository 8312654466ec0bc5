using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Grading;

/// <summary>Entry point for building <see cref="DisputeFacts"/>: <c>ADispute.WithWorker(20000m, 3m).WithWorkers(12).Build()</c>.</summary>
internal static class ADispute
{
    public static DisputeBuilder WithWorker(decimal amount, decimal months) => new DisputeBuilder().WithWorker(amount, months);

    public static DisputeBuilder WithWorkersOwed(int count, decimal amountEach, decimal months) =>
        new DisputeBuilder().WithWorkersOwed(count, amountEach, months);

    public static DisputeBuilder WithWorkers(int declared) => new DisputeBuilder().WithWorkers(declared);

    public static DisputeBuilder With(RiskSignals signals) => new DisputeBuilder().With(signals);

    public static DisputeFacts Build() => new DisputeBuilder().Build();
}

internal sealed class DisputeBuilder
{
    private readonly List<WorkerArrears> _workers = [];
    private int _declared;
    private RiskSignals _signals;

    public DisputeBuilder WithWorker(decimal amount, decimal months)
    {
        _workers.Add(new WorkerArrears(amount, months));
        return this;
    }

    public DisputeBuilder WithWorkersOwed(int count, decimal amountEach, decimal months)
    {
        for (var i = 0; i < count; i++)
        {
            WithWorker(amountEach, months);
        }

        return this;
    }

    /// <summary>The declared number of workers involved, listed or not.</summary>
    public DisputeBuilder WithWorkers(int declared)
    {
        _declared = declared;
        return this;
    }

    public DisputeBuilder With(RiskSignals signals)
    {
        _signals |= signals;
        return this;
    }

    public DisputeFacts Build() => new(_workers, _declared, _signals);
}
