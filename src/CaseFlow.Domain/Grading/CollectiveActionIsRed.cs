using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Red: workers have gathered, petitioned or blocked roads (群体性事件).</summary>
public sealed class CollectiveActionIsRed : IGradingRule
{
    public string Code => "red.collective-action";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options) => new("发生群体性事件（聚集、上访、堵路）", "Workers have taken collective action (gathering, petitioning or blocking roads)");

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Has(RiskSignals.CollectiveAction);
    }
}
