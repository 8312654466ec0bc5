using System.Collections.ObjectModel;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Synthetic;

/// <summary>
/// The mixes synthetic cases are drawn from. Months owed and worker counts are tuned so that default grading gives
/// about 60% yellow, 30% orange and 10% red.
/// </summary>
internal static class CaseTables
{
    public const double WageArrearsShare = 0.85;

    // One shared read-only list per single claim: most cases have exactly one.
    private static readonly ReadOnlyCollection<ClaimType>[] Singles =
        [.. Enum.GetValues<ClaimType>().Select(c => Array.AsReadOnly(new[] { c }))];

    public static ReadOnlyCollection<ClaimType> Only(ClaimType claim) => Singles[(int)claim];

    /// <summary>Office hours (08:30–17:30) bring walk-ins and grid screening; the hotline runs round the clock.</summary>
    public static readonly WeightedTable<Channel> OfficeHoursChannels = new(
        (Channel.WalkIn, 45), (Channel.Hotline, 22), (Channel.GridScreening, 17), (Channel.Online, 7), (Channel.ReferralIn, 9));

    public static readonly WeightedTable<Channel> OffHoursChannels = new((Channel.Hotline, 65), (Channel.Online, 35));

    public static readonly WeightedTable<ClaimType> OtherClaims = new(
        (ClaimType.SocialInsurance, 30), (ClaimType.ContractTermination, 25), (ClaimType.Overtime, 20),
        (ClaimType.WorkInjury, 15), (ClaimType.Other, 10));

    /// <summary>The longest arrears in a wage case, in half months.</summary>
    public static readonly WeightedTable<decimal> MonthsOwed = new(
        (0.5m, 64), (1m, 16.5), (1.5m, 9), (2m, 5.9),
        (2.5m, 1.4), (3m, 1.2), (4m, 0.7), (5m, 0.5), (6m, 0.4));

    /// <summary>Most disputes involve one to five workers; a few are collective.</summary>
    public static readonly WeightedTable<(int From, int To)> WorkerCounts = new(
        ((1, 1), 30), ((2, 2), 20), ((3, 3), 15), ((4, 4), 9), ((5, 5), 6),
        ((6, 9), 12), ((10, 14), 4.5), ((15, 29), 2.5), ((30, 40), 1));

    public static readonly WeightedTable<string> AgreementMethods = new(
        ("银行转账一次性支付", 60), ("分期支付", 20), ("现金支付", 20));

    public static readonly WeightedTable<ReferralBody> ReferralBodies = new(
        (ReferralBody.Arbitration, 55), (ReferralBody.LabourInspection, 25), (ReferralBody.Court, 14), (ReferralBody.Police, 6));

    public static readonly WeightedTable<ReferralBody> AbscondedReferralBodies = new(
        (ReferralBody.Police, 40), (ReferralBody.LabourInspection, 40), (ReferralBody.Court, 20));

    public static readonly WeightedTable<int> Satisfaction = new((5, 60), (4, 28), (3, 9), (2, 2), (1, 1));

    public static readonly string[] OtherTopics = ["高温津贴", "带薪年休假工资", "押金退还", "工作服费用扣除"];

    public static readonly string[] WithdrawReasons =
    [
        "双方自行协商一致，申请人撤回申请", "用人单位已主动支付，申请人撤回", "申请人决定直接申请劳动仲裁", "申请人因个人原因撤回申请",
    ];

    public static readonly string[] RejectReasons =
    [
        "双方不存在劳动关系，不属于劳动争议调解范围", "同一争议已由劳动人事争议仲裁委员会受理",
        "申请人诉求不明确且未按要求补充材料", "争议已经人民法院判决",
    ];

    public static readonly string[] FailureReasons =
    [
        "用人单位无力支付，调解不成", "双方对欠薪金额分歧较大，调解不成", "用人单位经通知拒不到场", "调解期限届满未达成协议",
    ];

    public static string FollowUpNote(int satisfaction) => satisfaction switch
    {
        5 => "工资已全部到账，对调解工作满意",
        4 => "款项已到账，对处理结果基本满意",
        3 => "款项已到账，认为处理时间偏长",
        _ => "款项已到账，对调解金额不满意",
    };

    /// <summary>
    /// Outcome mixes by the case's age when the range ends: recent cases are mostly open, old ones mostly finished.
    /// </summary>
    public static WeightedTable<SyntheticOutcome> OutcomesForAge(double days) => days switch
    {
        < 3 => Fresh,
        < 15 => Recent,
        < 45 => Older,
        _ => Old,
    };

    private static readonly WeightedTable<SyntheticOutcome> Fresh = new(
        (SyntheticOutcome.AwaitingAcceptance, 40), (SyntheticOutcome.InMediation, 40), (SyntheticOutcome.AgreementReached, 6),
        (SyntheticOutcome.Resolved, 4), (SyntheticOutcome.Withdrawn, 3), (SyntheticOutcome.Rejected, 5));

    private static readonly WeightedTable<SyntheticOutcome> Recent = new(
        (SyntheticOutcome.AwaitingAcceptance, 8), (SyntheticOutcome.InMediation, 32), (SyntheticOutcome.AgreementReached, 16),
        (SyntheticOutcome.Resolved, 22), (SyntheticOutcome.Closed, 4), (SyntheticOutcome.Withdrawn, 5),
        (SyntheticOutcome.Rejected, 4), (SyntheticOutcome.MediationFailed, 3), (SyntheticOutcome.Referred, 6));

    private static readonly WeightedTable<SyntheticOutcome> Older = new(
        (SyntheticOutcome.AwaitingAcceptance, 1), (SyntheticOutcome.InMediation, 6), (SyntheticOutcome.AgreementReached, 8),
        (SyntheticOutcome.Resolved, 30), (SyntheticOutcome.Closed, 33), (SyntheticOutcome.Withdrawn, 6),
        (SyntheticOutcome.Rejected, 4), (SyntheticOutcome.MediationFailed, 4), (SyntheticOutcome.Referred, 8));

    private static readonly WeightedTable<SyntheticOutcome> Old = new(
        (SyntheticOutcome.InMediation, 1), (SyntheticOutcome.AgreementReached, 2), (SyntheticOutcome.Resolved, 12),
        (SyntheticOutcome.Closed, 60), (SyntheticOutcome.Withdrawn, 7), (SyntheticOutcome.Rejected, 4),
        (SyntheticOutcome.MediationFailed, 3), (SyntheticOutcome.Referred, 11));
}
