using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases;

/// <summary>The workflow's refusal reasons in the language of the request (the domain words them in English).</summary>
internal static class WorkflowReasons
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        [CaseWorkflow.LacksMinimumFacts] = "案件缺少基本事实：企业、至少一名劳动者和受理日期。",
        [CaseWorkflow.MediatorRequired] = "必须指定调解员。",
        [CaseWorkflow.ConsentRequired] = "延长期限须经双方当事人同意。",
        [CaseWorkflow.ExtensionTooShort] = "延长期限至少为一天。",
        [CaseWorkflow.ReopenWindowPassed] = "已超过重新开启的期限。",
        [CaseWorkflow.UnknownColour] = "预警颜色只能是黄色、橙色或红色。",
    };

    public static IReadOnlyList<string> For(IReadOnlyList<string> reasons, CaseState state, MessageLanguage language) =>
        language == MessageLanguage.English ? reasons : [.. reasons.Select(r => Translate(r, state))];

    private static string Translate(string reason, CaseState state) =>
        Chinese.TryGetValue(reason, out var zh)
            ? zh
            : reason.Contains(" is not a valid trigger in ", StringComparison.Ordinal)
                ? $"案件当前状态（{StateNames.Zh(state)}）下不能执行此操作。"
                : reason;
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
