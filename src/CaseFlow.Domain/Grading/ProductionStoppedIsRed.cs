using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Red: the employer has stopped production (停工停产).</summary>
public sealed class ProductionStoppedIsRed : IGradingRule
{
    public string Code => "red.production-stopped";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options) => new("用人单位停工停产", "The employer has stopped production");

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Has(RiskSignals.ProductionStopped);
    }
}
