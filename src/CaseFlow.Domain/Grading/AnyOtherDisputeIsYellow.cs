using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>
/// Yellow: none of the other rules applies. It exists so that every grading names at least one rule.
/// </summary>
public sealed class AnyOtherDisputeIsYellow : IGradingRule
{
    private readonly IGradingRule[] _others;

    /// <param name="others">The red and orange rules this one stands in for.</param>
    public AnyOtherDisputeIsYellow(IEnumerable<IGradingRule> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        _others = others.ToArray();
    }

    public string Code => "yellow.other-dispute";

    public RiskColor Color => RiskColor.Yellow;

    public RuleSentence Describe(GradingOptions options) =>
        new("一般劳动争议，未达橙色或红色预警条件", "An ordinary dispute: no orange or red condition is met");

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        foreach (var rule in _others)
        {
            if (rule.Applies(facts, options))
            {
                return false;
            }
        }

        return true;
    }
}
