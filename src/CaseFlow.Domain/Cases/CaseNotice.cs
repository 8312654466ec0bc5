namespace CaseFlow.Domain.Cases;

/// <summary>Why a unit or a user is told about a case.</summary>
public enum NoticeKind
{
    /// <summary>A case was routed or escalated to the unit and awaits acceptance.</summary>
    CaseReceived,
    /// <summary>A case was graded red: the county and the three-party contacts are told at once.</summary>
    RedAlert,
    /// <summary>A level's time limit is near.</summary>
    Reminder,
    /// <summary>A unit did not accept a case within its acceptance time.</summary>
    AcceptanceOverdue,
    /// <summary>15 days have passed since the first receipt: the party may apply for arbitration.</summary>
    ArbitrationRight,
    /// <summary>A worker was registered without an identity document (证件待补录): the mediator is to complete it.</summary>
    DocumentPending,

    /// <summary>
    /// A case was shared with a partner organisation (by graded response or by hand): told to each of its users. A
    /// partner notice: it must also reach the partner outside CaseFlow.
    /// </summary>
    PartnerCaseShared,

    /// <summary>A share with a partner organisation was withdrawn: told to each of its users (a partner notice).</summary>
    PartnerShareWithdrawn,

    /// <summary>A case was referred to a partner organisation and awaits its acknowledgement (签收) (a partner notice).</summary>
    PartnerReferralReceived,

    /// <summary>A referral was not acknowledged, or its outcome not recorded, in time: told to the referring unit, the county and the partner (a partner notice).</summary>
    PartnerReferralOverdue,

    /// <summary>A manager opened supervision (督办) on a case: told to the handling unit (a partner notice when the unit is outside CaseFlow's users).</summary>
    SupervisionOpened,

    /// <summary>A supervision's feedback is due soon or overdue: told to the handling unit and the supervising manager's unit.</summary>
    SupervisionReminder,
}

/// <summary>An in-app notification a transition produces; written in the transition's transaction.</summary>
public sealed record CaseNotice(NoticeKind Kind, long UnitId, long? UserId, string Text);
