using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Red: <see cref="GradingOptions.RedWorkersFrom"/> or more workers are involved (default 30).</summary>
public sealed class ThirtyOrMoreWorkersIsRed : IGradingRule
{
    public string Code => "red.many-workers";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workers = Figures.Number(options.RedWorkersFrom);
        return new($"涉及劳动者{workers}人以上", $"{workers} or more workers involved");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        return facts.WorkerCount >= options.RedWorkersFrom;
    }
}
