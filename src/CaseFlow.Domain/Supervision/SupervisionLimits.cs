namespace CaseFlow.Domain.Supervision;

/// <summary>
/// The lengths and bounds of a supervision (督办), declared once: the API checks them and the schema's CHECKs
/// (migration 0014, both dialects) hold the same numbers.
/// </summary>
public static class SupervisionLimits
{
    /// <summary><c>supervisions.requirement</c>: what the manager requires of the handling unit.</summary>
    public const int Requirement = 1000;

    /// <summary><c>supervisions.evaluation_comment</c>.</summary>
    public const int EvaluationComment = 500;

    /// <summary><c>supervision_feedbacks.action_taken</c>: what was done.</summary>
    public const int ActionTaken = 2000;

    /// <summary><c>supervision_feedbacks.progress</c>: how far it got.</summary>
    public const int Progress = 500;

    /// <summary><c>supervisions.round</c>: a supervision sent back this many times less one is not sent back again.</summary>
    public const int MaxRounds = 100;

    /// <summary>The furthest ahead a feedback date may be set, in days from today.</summary>
    public const int MaxDaysAhead = 366;
}

/// <summary>督办级别: 一般 or 重点.</summary>
public enum SupervisionLevel
{
    /// <summary>一般督办.</summary>
    Normal,

    /// <summary>重点督办.</summary>
    Key,
}

/// <summary>Where a supervision stands.</summary>
public enum SupervisionStatus
{
    /// <summary>Waiting for the handling unit's feedback (first round, or sent back).</summary>
    Open,

    /// <summary>Fed back: waiting for the manager's evaluation (the unit may still add feedback).</summary>
    FedBack,

    /// <summary>Evaluated satisfied and closed.</summary>
    Closed,
}
