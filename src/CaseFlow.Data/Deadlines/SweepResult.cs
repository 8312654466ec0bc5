namespace CaseFlow.Data.Deadlines;

/// <summary>What one sweep did with the due deadline rows it read.</summary>
/// <param name="Due">Rows read as due (at most the batch size): a full batch means more may be waiting.</param>
/// <param name="Transitions">Cases moved by a timer: escalated, failed at the top, or overdue on payment.</param>
/// <param name="Notices">Reminders, acceptance-overdue and arbitration-right notices sent.</param>
/// <param name="Obsolete">Rows no longer live (the case moved on since they were planned), removed unfired.</param>
/// <param name="Suppressed">Reminders that came due only after the limit they warn of had passed, marked fired silently.</param>
/// <param name="Skipped">Rows another sweeper or a concurrent transition took first.</param>
/// <param name="Conflicts">Rows left for the next sweep because a user changed the case at the same moment.</param>
/// <param name="Refused">Rows the workflow refused or could not read; marked fired so they do not repeat.</param>
public sealed record SweepResult(
    int Due = 0,
    int Transitions = 0,
    int Notices = 0,
    int Obsolete = 0,
    int Suppressed = 0,
    int Skipped = 0,
    int Conflicts = 0,
    int Refused = 0)
{
    public static SweepResult Empty { get; } = new();

    /// <summary>Rows that failed for another reason (the database, a bug): left due, and the sweep went on without them.</summary>
    public IReadOnlyList<SweepFailure> Failures { get; init; } = [];

    /// <summary>Rows this sweep settled one way or another; conflicts and failures stay due.</summary>
    public int Settled => Transitions + Notices + Obsolete + Suppressed + Skipped + Refused;

    public SweepResult Add(SweepResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Due + other.Due,
            Transitions + other.Transitions,
            Notices + other.Notices,
            Obsolete + other.Obsolete,
            Suppressed + other.Suppressed,
            Skipped + other.Skipped,
            Conflicts + other.Conflicts,
            Refused + other.Refused)
        {
            Failures = [.. Failures, .. other.Failures],
        };
    }
}

/// <summary>A deadline row the sweep could not settle, and why.</summary>
public sealed record SweepFailure(long DeadlineId, long CaseId, string Kind, Exception Error);
