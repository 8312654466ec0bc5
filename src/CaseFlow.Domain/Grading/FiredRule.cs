using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>A rule that applied to a dispute, with its sentence as it read when the dispute was graded.</summary>
public sealed record FiredRule(string Code, RiskColor Color, string Zh, string En);
