using System.Collections.Frozen;
using CaseFlow.Data;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Notifications;

/// <summary>
/// What each notifications.kind is called, in Chinese and English: the one table the list, its filter and the API
/// read. A new kind of notice gets its line here; a kind without one shows its stored code.
/// </summary>
public static class NoticeKinds
{
    public static readonly IReadOnlyList<(string Code, string Zh, string En)> All =
    [
        (DbCode.Of(NoticeKind.CaseReceived), "待受理", "Awaiting acceptance"),
        (DbCode.Of(NoticeKind.RedAlert), "红色预警", "Red alert"),
        (RedAlertFanOut.ContactAlertKind, "三方联动通知", "Three-party alert"),
        (DbCode.Of(NoticeKind.Reminder), "期限提醒", "Deadline reminder"),
        (DbCode.Of(NoticeKind.AcceptanceOverdue), "受理超时", "Acceptance overdue"),
        (DbCode.Of(NoticeKind.ArbitrationRight), "可申请仲裁", "Arbitration may be sought"),
        (InboxDigest.Kind, "每日待办", "Daily digest"),
        (DbCode.Of(NoticeKind.PartnerReferralReceived), "移送待签收", "Referral to acknowledge"),
        (DbCode.Of(NoticeKind.PartnerReferralOverdue), "移送超时", "Referral overdue"),
    ];

    private static readonly FrozenDictionary<string, (string Zh, string En)> Names =
        All.ToFrozenDictionary(k => k.Code, k => (k.Zh, k.En), StringComparer.Ordinal);

    public static bool IsKnown(string code) => Names.ContainsKey(code);

    public static string Name(string code, MessageLanguage language) =>
        Names.TryGetValue(code, out var name) ? (language == MessageLanguage.English ? name.En : name.Zh) : code;
}
