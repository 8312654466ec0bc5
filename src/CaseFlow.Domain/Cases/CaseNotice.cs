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
}

/// <summary>An in-app notification a transition produces; written in the transition's transaction.</summary>
public sealed record CaseNotice(NoticeKind Kind, long UnitId, long? UserId, string Text);
