using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Red: a worker is owed more than <see cref="GradingOptions.RedMonthsOver"/> months (default 2).</summary>
public sealed class ArrearsOverTwoMonthsIsRed : IGradingRule
{
    public string Code => "red.arrears-over-months";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var months = Figures.Number(options.RedMonthsOver);
        return new($"欠薪超过{months}个月", $"Wages owed for more than {months} months");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        return facts.MaxMonthsOwed > options.RedMonthsOver;
    }
}
