using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>A dispute's colour and every rule that led to it, most severe first.</summary>
public sealed class GradingResult
{
    internal GradingResult(RiskColor color, IReadOnlyList<FiredRule> firedRules)
    {
        Color = color;
        FiredRules = firedRules;
    }

    /// <summary>The colour of the most severe fired rule.</summary>
    public RiskColor Color { get; }

    /// <summary>Never empty: a dispute nothing else applies to is explained by the yellow rule.</summary>
    public IReadOnlyList<FiredRule> FiredRules { get; }

    public bool Fired(string code) => FiredRules.Any(r => r.Code == code);
}
