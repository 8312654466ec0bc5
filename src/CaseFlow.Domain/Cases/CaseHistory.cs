namespace CaseFlow.Domain.Cases;

/// <summary>
/// How a case entered from a paper ledger had already ended: its final state (Closed, Withdrawn or Rejected), when,
/// the ledger's own words for the outcome (处理情况) and the amount recovered.
/// </summary>
public sealed record CaseHistory(CaseState State, DateTimeOffset ClosedAt, string Outcome, decimal AmountRecovered);
