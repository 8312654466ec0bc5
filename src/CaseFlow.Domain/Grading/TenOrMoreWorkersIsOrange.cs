using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>
/// Orange: <see cref="GradingOptions.OrangeWorkersFrom"/> or more workers (default 10) make a collective dispute
/// (劳动争议调解仲裁法 Art 7). Still listed when the count is high enough for red: it remains a collective dispute.
/// </summary>
public sealed class TenOrMoreWorkersIsOrange : IGradingRule
{
    public string Code => "orange.collective-dispute";

    public RiskColor Color => RiskColor.Orange;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workers = Figures.Number(options.OrangeWorkersFrom);
        return new($"涉及劳动者{workers}人以上，属集体劳动争议", $"{workers} or more workers involved: a collective labour dispute");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        return facts.WorkerCount >= options.OrangeWorkersFrom;
    }
}
