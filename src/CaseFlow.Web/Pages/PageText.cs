using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Globalization;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages;

/// <summary>The words the pages show for the domain's values, in Chinese and English, and how times and money read.</summary>
public static class PageText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Encodes markup only: Chinese stays text, as in the rest of the page.</summary>
    public static HtmlEncoder Html { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Color(RiskColor? color, MessageLanguage language) => (color, language == MessageLanguage.English) switch
    {
        (RiskColor.Red, false) => "红色",
        (RiskColor.Orange, false) => "橙色",
        (RiskColor.Yellow, false) => "黄色",
        (RiskColor.Red, true) => "Red",
        (RiskColor.Orange, true) => "Orange",
        (RiskColor.Yellow, true) => "Yellow",
        (_, false) => "未定级",
        _ => "Not graded",
    };

    public static string State(CaseState state, MessageLanguage language) => language == MessageLanguage.English
        ? state switch
        {
            CaseState.Level1AwaitingAcceptance => "Level 1, awaiting acceptance",
            CaseState.Level1InMediation => "Level 1, in mediation",
            CaseState.Level2AwaitingAcceptance => "Level 2, awaiting acceptance",
            CaseState.Level2InMediation => "Level 2, in mediation",
            CaseState.Level3AwaitingAcceptance => "Level 3, awaiting acceptance",
            CaseState.Level3InMediation => "Level 3, in mediation",
            CaseState.AgreementReached => "Agreement reached",
            CaseState.MediationFailed => "Mediation failed",
            CaseState.Level1 => "Level 1",
            CaseState.Level2 => "Level 2",
            CaseState.Level3 => "Level 3",
            _ => state.ToString(),
        }
        : state switch
        {
            CaseState.Mediation => "调解中（各级）",
            CaseState.Level1 => "一级调解",
            CaseState.Level2 => "二级调解",
            CaseState.Level3 => "三级调解",
            _ => StateNames.Zh(state),
        };

    public static string Level(int? level, MessageLanguage language) => level switch
    {
        null => "—",
        _ when language == MessageLanguage.English => $"Level {level}",
        1 => "一级",
        2 => "二级",
        3 => "三级",
        _ => $"{level}级",
    };

    public static string Channel(Channel channel, MessageLanguage language) => (channel, language == MessageLanguage.English) switch
    {
        (Domain.Cases.Channel.WalkIn, false) => "来访",
        (Domain.Cases.Channel.Hotline, false) => "热线",
        (Domain.Cases.Channel.Online, false) => "网上",
        (Domain.Cases.Channel.GridScreening, false) => "网格排查",
        (Domain.Cases.Channel.ReferralIn, false) => "外部移交",
        (Domain.Cases.Channel.WalkIn, true) => "Walk-in",
        (Domain.Cases.Channel.Hotline, true) => "Hotline",
        (Domain.Cases.Channel.Online, true) => "Online",
        (Domain.Cases.Channel.GridScreening, true) => "Grid screening",
        (Domain.Cases.Channel.ReferralIn, true) => "Referred in",
        _ => channel.ToString(),
    };

    public static string Claim(ClaimType claim, MessageLanguage language) => (claim, language == MessageLanguage.English) switch
    {
        (ClaimType.WageArrears, false) => "拖欠工资",
        (ClaimType.SocialInsurance, false) => "社会保险",
        (ClaimType.Overtime, false) => "加班费",
        (ClaimType.ContractTermination, false) => "解除劳动合同",
        (ClaimType.WorkInjury, false) => "工伤",
        (ClaimType.Other, false) => "其他",
        (ClaimType.WageArrears, true) => "Wage arrears",
        (ClaimType.SocialInsurance, true) => "Social insurance",
        (ClaimType.Overtime, true) => "Overtime pay",
        (ClaimType.ContractTermination, true) => "Contract termination",
        (ClaimType.WorkInjury, true) => "Work injury",
        _ => claim.ToString(),
    };

    public static string Deadline(DeadlineKind kind, MessageLanguage language) => (kind, language == MessageLanguage.English) switch
    {
        (DeadlineKind.Acceptance, false) => "受理时限",
        (DeadlineKind.LevelLimit, false) => "本级调解时限",
        (DeadlineKind.Reminder, false) => "提醒",
        (DeadlineKind.ArbitrationRight, false) => "可申请仲裁之日",
        (DeadlineKind.PaymentDue, false) => "协议履行期限",
        (DeadlineKind.Acceptance, true) => "Acceptance due",
        (DeadlineKind.LevelLimit, true) => "Level time limit",
        (DeadlineKind.Reminder, true) => "Reminder",
        (DeadlineKind.ArbitrationRight, true) => "Right to arbitrate from",
        (DeadlineKind.PaymentDue, true) => "Payment due",
        _ => kind.ToString(),
    };

    public static string Referral(ReferralBody body, MessageLanguage language) => (body, language == MessageLanguage.English) switch
    {
        (ReferralBody.Arbitration, false) => "劳动人事争议仲裁委员会",
        (ReferralBody.LabourInspection, false) => "劳动保障监察",
        (ReferralBody.Court, false) => "人民法院",
        (ReferralBody.Police, false) => "公安机关",
        (ReferralBody.Arbitration, true) => "Arbitration committee",
        (ReferralBody.LabourInspection, true) => "Labour inspection",
        (ReferralBody.Court, true) => "Court",
        (ReferralBody.Police, true) => "Police",
        _ => body.ToString(),
    };

    /// <summary>An action by its API name (<c>recordSession</c>).</summary>
    public static string Action(string name, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        return name switch
        {
            "grade" => english ? "Grade" : "定级",
            "accept" => english ? "Accept" : "受理",
            "recordSession" => english ? "Record session" : "记录调解",
            "inviteParties" => english ? "Invite parties" : "邀请三方",
            "extendDeadline" => english ? "Extend deadline" : "延长期限",
            "escalate" => english ? "Escalate" : "升级",
            "deadlineElapsed" => english ? "Time limit passed" : "期限届满",
            "riskRaised" => english ? "Override colour" : "调整预警颜色",
            "reachAgreement" => english ? "Record agreement" : "达成协议",
            "confirmPerformance" => english ? "Confirm payment" : "确认履行",
            "performanceOverdue" => english ? "Payment overdue" : "逾期未履行",
            "refer" => english ? "Refer" : "移送",
            "closeReferral" => english ? "Close referral" : "移送结案",
            "recordFollowUp" => english ? "Record follow-up" : "回访",
            "withdraw" => english ? "Withdraw" : "撤回",
            "reject" => english ? "Reject" : "不予受理",
            "reopen" => english ? "Reopen" : "重新开启",
            "share" => english ? "Shared with the partner" : "共享给联动单位",
            "unshare" => english ? "Share withdrawn" : "停止共享",
            "note" => english ? "Note added" : "添加意见",
            "attendance" => english ? "Attendance confirmed" : "确认出席",
            "supervision_open" => english ? "Supervision opened" : "挂牌督办",
            "supervision_feedback" => english ? "Supervision fed back" : "督办反馈",
            "supervision_closed" => english ? "Supervision closed (satisfied)" : "督办办结（满意）",
            "supervision_sent_back" => english ? "Supervision sent back" : "督办退回重办",
            "acknowledge" => english ? "Referral acknowledged" : "签收移送",
            "referralOutcome" => english ? "Referral outcome recorded" : "记录移送处理结果",
            _ => name,
        };
    }

    public static string Role(string role, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        return role switch
        {
            Roles.Mediator => english ? "Mediator" : "调解员",
            Roles.Township => english ? "Township union" : "乡镇（街道）工会",
            Roles.Partner => english ? "Partner organisation" : "联动单位",
            Roles.Manager => english ? "County manager" : "县总工会",
            Roles.Admin => english ? "Administrator" : "系统管理员",
            Roles.Auditor => english ? "Auditor" : "审计员",
            _ => role,
        };
    }

    public static string UnitKind(UnitKind kind, MessageLanguage language) => (kind, language == MessageLanguage.English) switch
    {
        (Domain.Organisation.UnitKind.County, false) => "区县",
        (Domain.Organisation.UnitKind.Town, false) => "乡镇/街道",
        (Domain.Organisation.UnitKind.Village, false) => "村/社区",
        (Domain.Organisation.UnitKind.Enterprise, false) => "企业调解小组",
        (_, true) => kind.ToString(),
        _ => kind.ToString(),
    };

    public static string DocumentType(IdDocumentType type, MessageLanguage language) => (type, language == MessageLanguage.English) switch
    {
        (IdDocumentType.ResidentId, false) => "居民身份证",
        (IdDocumentType.ResidentId, true) => "Resident ID card",
        (IdDocumentType.ForeignPermanentResident, false) => "外国人永久居留身份证",
        (IdDocumentType.ForeignPermanentResident, true) => "Foreign permanent resident ID card",
        (IdDocumentType.HkMacauResidencePermit, false) => "港澳居民居住证",
        (IdDocumentType.HkMacauResidencePermit, true) => "Hong Kong/Macao residence permit",
        (IdDocumentType.TaiwanResidencePermit, false) => "台湾居民居住证",
        (IdDocumentType.TaiwanResidencePermit, true) => "Taiwan residence permit",
        (IdDocumentType.HkMacauTravelPermit, false) => "港澳居民来往内地通行证",
        (IdDocumentType.HkMacauTravelPermit, true) => "Hong Kong/Macao travel permit",
        (IdDocumentType.TaiwanTravelPermit, false) => "台湾居民来往大陆通行证",
        (IdDocumentType.TaiwanTravelPermit, true) => "Taiwan travel permit",
        (IdDocumentType.Passport, false) => "护照",
        (IdDocumentType.Passport, true) => "Passport",
        (IdDocumentType.None, false) => "暂无（证件待补录）",
        (IdDocumentType.None, true) => "None yet (to be recorded)",
        _ => type.ToString(),
    };

    public static string Money(decimal amount) => "¥" + amount.ToString("#,##0.00", Invariant);

    /// <summary>China time, to the minute.</summary>
    public static string Time(DateTimeOffset instant) => instant.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", Invariant);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    /// <summary>"2 天 3 小时" left, or how long ago it ran out.</summary>
    public static string Countdown(DateTimeOffset due, DateTimeOffset now, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        var left = due - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? (english ? $"{(int)span.TotalDays}d {span.Hours}h" : $"{(int)span.TotalDays} 天 {span.Hours} 小时")
            : span.TotalHours >= 1
                ? (english ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalHours} 小时 {span.Minutes} 分")
                : (english ? $"{span.Minutes}m" : $"{span.Minutes} 分钟");
        return left > TimeSpan.Zero
            ? (english ? $"{text} left" : $"剩 {text}")
            : (english ? $"overdue by {text}" : $"已逾期 {text}");
    }

    public static string Number(long value) => value.ToString("#,##0", Invariant);

    /// <summary>A field error message in the page's language.</summary>
    public static string Message(FieldError error, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(error);
        return ValidationMessages.Format(error.Key, language, error.Arguments);
    }
}
