using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>
/// Orange: the longest arrears lie from <see cref="GradingOptions.OrangeMonthsFrom"/> up to and including
/// <see cref="GradingOptions.RedMonthsOver"/> months (default 1 to 2); longer arrears are red instead.
/// </summary>
public sealed class ArrearsOfOneToTwoMonthsIsOrange : IGradingRule
{
    public string Code => "orange.arrears-months";

    public RiskColor Color => RiskColor.Orange;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var from = Figures.Number(options.OrangeMonthsFrom);
        var to = Figures.Number(options.RedMonthsOver);
        return new($"欠薪{from}至{to}个月", $"Wages owed for {from} to {to} months");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        return facts.MaxMonthsOwed >= options.OrangeMonthsFrom && facts.MaxMonthsOwed <= options.RedMonthsOver;
    }
}
