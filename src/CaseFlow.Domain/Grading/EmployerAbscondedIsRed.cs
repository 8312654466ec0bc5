using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Red: the employer has absconded owing wages (欠薪逃匿).</summary>
public sealed class EmployerAbscondedIsRed : IGradingRule
{
    public string Code => "red.employer-absconded";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options) => new("用人单位欠薪逃匿", "The employer has absconded owing wages");

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Has(RiskSignals.EmployerAbsconded);
    }
}
