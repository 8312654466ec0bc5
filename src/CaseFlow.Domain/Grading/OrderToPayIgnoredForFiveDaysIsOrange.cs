using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Orange: an order to pay (责令支付) was not complied with within 5 days.</summary>
public sealed class OrderToPayIgnoredForFiveDaysIsOrange : IGradingRule
{
    public string Code => "orange.order-to-pay-ignored";

    public RiskColor Color => RiskColor.Orange;

    public RuleSentence Describe(GradingOptions options) => new("责令支付后5日内未履行", "An order to pay was not complied with within 5 days");

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Has(RiskSignals.OrderToPayIgnored);
    }
}
