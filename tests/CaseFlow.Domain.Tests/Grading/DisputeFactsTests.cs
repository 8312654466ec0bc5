using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Grading;

public class DisputeFactsTests
{
    [Fact]
    public void WorkerCount_WhenDeclaredExceedsListed_IsTheDeclaredCount()
    {
        var facts = ADispute.WithWorkersOwed(3, amountEach: 1000m, months: 0.5m).WithWorkers(12).Build();

        facts.WorkerCount.Should().Be(12);
    }

    [Fact]
    public void WorkerCount_WhenListedExceedsDeclared_IsTheListedCount()
    {
        var facts = ADispute.WithWorkersOwed(5, amountEach: 1000m, months: 0.5m).WithWorkers(2).Build();

        facts.WorkerCount.Should().Be(5);
    }

    [Fact]
    public void Aggregates_AreTheLongestArrearsAndTheTotalOwed()
    {
        var facts = ADispute.WithWorker(amount: 1500.50m, months: 1.5m).WithWorker(amount: 2000m, months: 0.25m).Build();

        facts.MaxMonthsOwed.Should().Be(1.5m);
        facts.TotalAmountOwed.Should().Be(3500.50m);
    }

    [Fact]
    public void Aggregates_WithNoListedWorkers_AreZero()
    {
        var facts = ADispute.WithWorkers(4).Build();

        facts.MaxMonthsOwed.Should().Be(0m);
        facts.TotalAmountOwed.Should().Be(0m);
        facts.Workers.Should().BeEmpty();
    }

    [Fact]
    public void Workers_ChangingTheSourceListAfterConstruction_DoesNotChangeTheFacts()
    {
        var source = new List<WorkerArrears> { new(1000m, 1m) };
        var facts = new DisputeFacts(source);

        source.Add(new WorkerArrears(5000m, 5m));

        facts.Workers.Should().ContainSingle();
        facts.MaxMonthsOwed.Should().Be(1m);
    }

    [Fact]
    public void Has_ReportsOnlyTheSignalsGiven()
    {
        var facts = ADispute.With(RiskSignals.ProductionStopped | RiskSignals.OrderToPayIgnored).Build();

        facts.Has(RiskSignals.ProductionStopped).Should().BeTrue();
        facts.Has(RiskSignals.OrderToPayIgnored).Should().BeTrue();
        facts.Has(RiskSignals.EmployerAbsconded).Should().BeFalse();
        facts.Has(RiskSignals.None).Should().BeFalse();
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, -0.5)]
    public void WorkerArrears_Negative_IsRejected(decimal amount, decimal months)
    {
        var create = () => new WorkerArrears(amount, months);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void DeclaredWorkerCount_Negative_IsRejected()
    {
        var create = () => new DisputeFacts([], declaredWorkerCount: -1);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }
}
