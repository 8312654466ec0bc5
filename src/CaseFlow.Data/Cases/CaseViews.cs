using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Parties;

namespace CaseFlow.Data.Cases;

/// <summary>
/// A worker as every read model shows one: document and phone numbers masked, whatever the document type.
/// <see cref="DocumentPending"/> is 证件待补录: registered without a document, to be completed by the mediator.
/// </summary>
public sealed record WorkerView(
    string Name, string IdNumber, string Phone, decimal AmountOwed, decimal MonthsOwed,
    IdDocumentType IdType = IdDocumentType.ResidentId, string? IdCountry = null)
{
    public bool DocumentPending => IdType == IdDocumentType.None;
}

/// <summary>A worker's clear numbers, returned only by an audited reveal.</summary>
public sealed record RevealedWorker(string Name, string IdNumber, string Phone, IdDocumentType IdType = IdDocumentType.ResidentId, string? IdCountry = null);

public sealed record DeadlineView(DeadlineKind Kind, DateTimeOffset DueAt, long RemainingSeconds, bool Overdue, bool CalendarMissing);

/// <summary>A timeline entry: a transition (its trigger), or a note with no trigger such as deadlines recomputed for a new calendar.</summary>
public sealed record EventView(DateTimeOffset At, string By, CaseTrigger? Trigger, CaseState From, CaseState To, string? Reason)
{
    /// <summary>The deadlines were computed again because a calendar year was loaded or changed.</summary>
    public bool IsDeadlinesRecomputed => Trigger is null;
}

public sealed record SessionView(DateTimeOffset HeldAt, int Level, string Summary)
{
    public long Id { get; init; }
    public string? Place { get; init; }

    /// <summary>The parties present, as recorded.</summary>
    public string? Participants { get; init; }

    /// <summary>The partner organisations present at a joint session.</summary>
    public IReadOnlyList<SessionPartnerView> Partners { get; init; } = [];
}

/// <summary>A partner organisation at a session; <paramref name="Confirmed"/> once the partner recorded its attendance itself.</summary>
public sealed record SessionPartnerView(long PartnerOrgId, string Name, bool Confirmed);

/// <summary>A timeline entry beside the workflow: a share and its withdrawal, a note, a partner's attendance.</summary>
public sealed record ActivityView(DateTimeOffset At, string By, string Kind, string? Text, string? PartnerName);

public sealed record EnterpriseView(long Id, string Name, string? CreditCode);

/// <summary>Everything the case page and <c>GET /api/v1/cases/{id}</c> show, personal numbers masked.</summary>
public sealed record CaseDetail
{
    public required long Id { get; init; }

    /// <summary>What the viewer the case was read for may do with it.</summary>
    public CaseAccess Access { get; init; } = CaseAccess.Act;
    public required string Number { get; init; }
    public required CaseState State { get; init; }
    public int? Level { get; init; }
    public required long UnitId { get; init; }
    public required string UnitName { get; init; }
    public RiskColor? RiskColor { get; init; }
    public required IReadOnlyList<FiredRule> RiskRules { get; init; }
    public required RiskSignals Signals { get; init; }
    public required int Version { get; init; }
    public required Channel Channel { get; init; }
    public required IReadOnlyList<ClaimType> ClaimTypes { get; init; }
    public required string Description { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ReceivedAtLevel { get; init; }
    public required decimal AmountOwed { get; init; }
    public required decimal AmountRecovered { get; init; }
    public required int WorkersInvolved { get; init; }
    public long? MediatorUserId { get; init; }
    public EnterpriseView? Enterprise { get; init; }
    public required IReadOnlyList<WorkerView> Workers { get; init; }
    public required IReadOnlyList<DeadlineView> Deadlines { get; init; }
    public required IReadOnlyList<EventView> Events { get; init; }
    public required IReadOnlyList<SessionView> Sessions { get; init; }

    /// <summary>The partner organisations the case is shared with now.</summary>
    public IReadOnlyList<Partners.CaseShareView> Shares { get; init; } = [];

    /// <summary>The timeline entries beside the workflow's events, oldest first.</summary>
    public IReadOnlyList<ActivityView> Activities { get; init; } = [];
    public AgreementTerms? Agreement { get; init; }
    public Referral? Referral { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>From this instant the party may apply for arbitration (劳动争议调解仲裁法 Art 14).</summary>
    public DateTimeOffset? ArbitrationRightFrom { get; init; }

    /// <summary>Every trigger of the current state, allowed or not, with the reasons it is refused.</summary>
    public required IReadOnlyList<CaseActionAvailability> Actions { get; init; }
}

/// <summary>One row of a case list.</summary>
public sealed record CaseListItem
{
    public required long Id { get; init; }

    /// <summary>What the viewer may do with the case: act, follow it read-only, or read it as a partner.</summary>
    public CaseAccess Access { get; init; } = CaseAccess.Act;
    public required string Number { get; init; }
    public required CaseState State { get; init; }
    public int? Level { get; init; }
    public required long UnitId { get; init; }
    public required string UnitName { get; init; }
    public RiskColor? RiskColor { get; init; }
    public string? EnterpriseName { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public decimal AmountOwed { get; init; }
    public decimal AmountRecovered { get; init; }
    public int WorkersInvolved { get; init; }
    public DateTimeOffset? NextDueAt { get; init; }
    public bool Overdue { get; init; }
    public required int Version { get; init; }
}

/// <summary>Filters of the case list; all optional, combined with AND.</summary>
public sealed record CaseFilter
{
    public IReadOnlyList<CaseState>? States { get; init; }
    public RiskColor? Color { get; init; }
    public int? Level { get; init; }

    /// <summary>Only cases at no mediation level (registered, agreement reached, referred, failed…).</summary>
    public bool NoLevel { get; init; }

    /// <summary>A unit whose subtree to list; it must itself lie in the caller's jurisdiction.</summary>
    public long? UnitId { get; init; }

    /// <summary>Only the cases assigned to this mediator.</summary>
    public long? MediatorUserId { get; init; }

    /// <summary>Only open cases (not closed, withdrawn or rejected).</summary>
    public bool OpenOnly { get; init; }

    public bool Overdue { get; init; }

    /// <summary>Only cases whose nearest deadline has not passed (cases with no deadline are left out too).</summary>
    public bool NotOverdue { get; init; }

    public TimeSpan? DueWithin { get; init; }

    /// <summary>Only cases with an amount recovered.</summary>
    public bool Recovered { get; init; }

    /// <summary>First received at or after this instant.</summary>
    public DateTimeOffset? ReceivedFrom { get; init; }

    /// <summary>First received before this instant.</summary>
    public DateTimeOffset? ReceivedBefore { get; init; }

    /// <summary>Closed at or after this instant.</summary>
    public DateTimeOffset? ClosedFrom { get; init; }

    /// <summary>Closed before this instant.</summary>
    public DateTimeOffset? ClosedBefore { get; init; }

    /// <summary>
    /// The <see cref="PartyNumbers"/> hash of a whole ID-card or phone number: cases with a party who has it. The
    /// clear number never reaches the query.
    /// </summary>
    public string? PartyNumberHash { get; init; }

    /// <summary>
    /// At least <see cref="CaseQueries.MinTextLength"/> characters: the start of a case number, part of an enterprise's
    /// name, or the start of a party's name (surname first).
    /// </summary>
    public string? Text { get; init; }

    public int Offset { get; init; }
    public int Limit { get; init; } = 50;

    /// <summary>Continue after this row of the list's order (keyset paging); only with <see cref="Offset"/> 0.</summary>
    public CaseCursor? After { get; init; }
}

/// <summary>
/// A page of a list. <see cref="Total"/> is exact up to a cap; above it <see cref="TotalIsCapped"/> is set and the total
/// says only "at least this many" (counting further would read every row). <see cref="Next"/> is the cursor of the
/// next page, null on the last one.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total)
{
    public bool TotalIsCapped { get; init; }

    public string? Next { get; init; }

    /// <summary>A text search reached one of its bounds: the list is what it found, and a more complete text finds the rest.</summary>
    public bool SearchTooBroad { get; init; }
}

/// <summary>A user a case accepted at a unit may be assigned to.</summary>
public sealed record AssignableMediator(long Id, string DisplayName, long UnitId, string UnitName, bool IsMediator);

/// <summary>A case waiting for the township to accept it, with the time left on its acceptance SLA.</summary>
public sealed record InboxItem(
    long Id, string Number, RiskColor? RiskColor, int? Level, string? EnterpriseName, int WorkersInvolved,
    decimal AmountOwed, DateTimeOffset ReceivedAt, DateTimeOffset? AcceptBy, long? RemainingSeconds, bool Overdue, int Version);

/// <summary>The manager's risk dashboard for a subtree.</summary>
public sealed record Dashboard
{
    public required IReadOnlyList<DashboardCell> Open { get; init; }
    public required IReadOnlyList<UnitFigures> ByUnit { get; init; }
    public required long OpenCases { get; init; }
    public required long Overdue { get; init; }
    public required long DueWithin48Hours { get; init; }
    public required decimal AmountOwed { get; init; }
    public required decimal AmountRecovered { get; init; }
    public required long WorkersInvolved { get; init; }
    public required IReadOnlyList<WeekFigures> Weeks { get; init; }

    /// <summary>The instant these figures were counted at (overdue and due-within-48-hours are as of this instant).</summary>
    public required DateTimeOffset CountedAt { get; init; }
}

/// <summary>Open cases of one colour at one level (level null: not in mediation, e.g. agreement reached).</summary>
public sealed record DashboardCell(RiskColor? Color, int? Level, long Cases);

/// <summary>Open cases under one unit directly below the dashboard's root (a town, for a county manager).</summary>
public sealed record UnitFigures(long UnitId, string UnitName, long Yellow, long Orange, long Red, long Overdue, decimal AmountOwed, decimal AmountRecovered);

/// <summary>Cases received and closed in the week starting <paramref name="WeekStart"/> (Monday, China time).</summary>
public sealed record WeekFigures(DateOnly WeekStart, long New, long Closed);
