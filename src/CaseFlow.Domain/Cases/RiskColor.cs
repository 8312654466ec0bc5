namespace CaseFlow.Domain.Cases;

/// <summary>三色预警: the colour decides the graded response. Ordered by severity.</summary>
public enum RiskColor
{
    Yellow = 1,
    Orange = 2,
    Red = 3,
}
