using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>
/// Red: at least <see cref="GradingOptions.CriminalManyWorkersCount"/> workers are owed at least
/// <see cref="GradingOptions.CriminalManyWorkersTotal"/> yuan in total, the 拒不支付劳动报酬罪 threshold
/// (最高法 2013 interpretation Art 3(2)).
/// </summary>
public sealed class CriminalThresholdForManyWorkersIsRed : IGradingRule
{
    public string Code => "red.criminal-many-workers";

    public RiskColor Color => RiskColor.Red;

    public RuleSentence Describe(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workers = Figures.Number(options.CriminalManyWorkersCount);
        var total = Figures.Number(options.CriminalManyWorkersTotal);
        return new(
            $"拖欠{workers}名以上劳动者劳动报酬且数额累计在{total}元以上，达到拒不支付劳动报酬罪的数额标准",
            $"{workers} or more workers owed ¥{total} or more in total: the threshold of the crime of refusing to pay wages");
    }

    public bool Applies(DisputeFacts facts, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(options);
        return facts.WorkerCount >= options.CriminalManyWorkersCount
            && facts.TotalAmountOwed >= options.CriminalManyWorkersTotal;
    }
}
