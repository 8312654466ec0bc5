using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases;

/// <summary>
/// The one table that words refusal codes: the workflow's (<see cref="CaseRefusal"/>) and the web layer's own role
/// refusals, in Chinese and English.
/// </summary>
internal static class WorkflowReasons
{
    public const string SystemOnly = "role.system-only";
    public const string RoleCannotAct = "role.cannot-act";
    public const string ManagerOnly = "role.manager-only";
    public const string FollowedReadOnly = "access.followed-read-only";
    public const string PartnerReadOnly = "access.partner-read-only";

    private static readonly Dictionary<string, (string Zh, string En)> Words = new(StringComparer.Ordinal)
    {
        [CaseRefusal.NotInThisState] = ("案件当前状态下不能执行此操作。", "The case's current state does not allow this action."),
        [CaseRefusal.LacksMinimumFacts] = ("案件缺少基本事实：企业、至少一名劳动者和受理日期。", "The case lacks the minimum facts: enterprise, at least one worker and the date received."),
        [CaseRefusal.MediatorRequired] = ("必须指定调解员。", "A mediator must be assigned."),
        [CaseRefusal.ConsentRequired] = ("延长期限须经双方当事人同意。", "Both parties must consent to an extension."),
        [CaseRefusal.ExtensionTooShort] = ("延长期限至少为一天。", "An extension must be at least one day."),
        [CaseRefusal.ReopenWindowPassed] = ("已超过重新开启的期限。", "The reopen window has passed."),
        [CaseRefusal.UnknownColour] = ("预警颜色只能是黄色、橙色或红色。", "The colour must be yellow, orange or red."),
        [CaseRefusal.RecoveredExceedsOwedWithoutReason] = (
            "追回金额超过了劳动者的欠薪总额，请在备注中说明原因（例如增加了经济补偿）。",
            "The amount recovered exceeds what the workers are owed; give the reason in the note (compensation added, for example)."),
        [SystemOnly] = ("由系统在时限届满时自动执行。", "Only the system does this, when a time limit passes."),
        [RoleCannotAct] = ("您的角色不能办理案件。", "Your role does not act on cases."),
        [ManagerOnly] = ("仅县级管理人员可以调高预警颜色。", "Only a county manager may raise a case's colour."),
        [FollowedReadOnly] = ("案件已移交其他单位办理，您只能查看进展。", "The case has moved to another unit: you follow it read-only."),
        [PartnerReadOnly] = ("联动单位可查看、添加意见和签收移送，不能办理调解流程。", "A partner reads the case, adds notes and answers referrals; the mediation workflow is not theirs."),
    };

    /// <summary>Every code the table words, for its completeness test.</summary>
    public static IEnumerable<string> Codes => Words.Keys;

    public static IReadOnlyList<string> For(IReadOnlyList<string> codes, MessageLanguage language) =>
        [.. codes.Select(code => Words.TryGetValue(code, out var words) ? (language == MessageLanguage.English ? words.En : words.Zh) : code)];
}

/// <summary>Chinese names of the case states, as the pages and messages show them.</summary>
internal static class StateNames
{
    public static string Zh(CaseState state) => state switch
    {
        CaseState.Registered => "已登记",
        CaseState.Level1AwaitingAcceptance => "一级待受理",
        CaseState.Level1InMediation => "一级调解中",
        CaseState.Level2AwaitingAcceptance => "二级待受理",
        CaseState.Level2InMediation => "二级调解中",
        CaseState.Level3AwaitingAcceptance => "三级待受理",
        CaseState.Level3InMediation => "三级调解中",
        CaseState.AgreementReached => "已达成协议",
        CaseState.Resolved => "已履行",
        CaseState.MediationFailed => "调解不成",
        CaseState.Referred => "已移送",
        CaseState.Closed => "已结案",
        CaseState.Withdrawn => "已撤回",
        CaseState.Rejected => "不予受理",
        _ => state.ToString(),
    };
}
