namespace CaseFlow.Domain.Cases;

/// <summary>A worker party to a dispute. Personal numbers are kept as given; read models mask them.</summary>
public sealed record CaseWorker(string Name, string IdNumber, string Phone, decimal AmountOwed, decimal MonthsOwed);
