using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>
/// Red: one worker is owed at least <see cref="GradingOptions.CriminalSingleWorkerMonths"/> months and at least
/// <see cref="GradingOptions.CriminalSingleWorkerAmount"/> yuan, the 拒不支付劳动报酬罪 threshold
/// (最高法 2013 interpretation Art 3(1)). Both must hold for the same worker.
/// </summary>
public sealed class CriminalThresholdForOneWorkerIsRed : IGradingRule
{
    public string Code => "red.criminal-one-worker";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var months = Figures.Number(options.CriminalSingleWorkerMonths);
        var amount = Figures.Number(options.CriminalSingleWorkerAmount);
        return new(
            $"拖欠一名劳动者{months}个月以上劳动报酬且数额在{amount}元以上，达到拒不支付劳动报酬罪的数额标准",
            $"One worker owed {months} months or more and ¥{amount} or more: the threshold of the crime of refusing to pay wages");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var worker in facts.Workers)
        {
            if (worker.MonthsOwed >= options.CriminalSingleWorkerMonths
                && worker.AmountOwed >= options.CriminalSingleWorkerAmount)
            {
                return true;
            }
        }

        return false;
    }
}
