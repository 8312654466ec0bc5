using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Evaluation;

/// <summary>One transition of a case as scoring reads it (a case_events row).</summary>
public sealed record CaseStep(DateTimeOffset At, CaseTrigger Trigger, CaseState? From, CaseState To);

/// <summary>A mediation agreement's due date and when it was performed, if it was.</summary>
public sealed record AgreementFact(DateOnly PaymentDueDate, DateTimeOffset? PerformedAt);

/// <summary>
/// What a scorecard reads of one case: its place (the unit path where routing started), colour, money, steps,
/// agreements and follow-up. Built by the data layer; indicators only read it.
/// </summary>
public sealed record ScoredCase
{
    public required long Id { get; init; }

    public required string Number { get; init; }

    /// <summary>The org path of the unit the case started at ('/1/5/23/'): a unit's scorecard holds the cases under its path.</summary>
    public required string LocationPath { get; init; }

    public RiskColor? Color { get; init; }

    public decimal? AmountOwed { get; init; }

    public decimal AmountRecovered { get; init; }

    public IReadOnlyList<CaseStep> Steps { get; init; } = [];

    public IReadOnlyList<AgreementFact> Agreements { get; init; } = [];

    /// <summary>The latest follow-up's satisfaction, 1–5; null when no follow-up was recorded.</summary>
    public int? Satisfaction { get; init; }

    public bool Has(CaseTrigger trigger) => Steps.Any(s => s.Trigger == trigger);
}

/// <summary>
/// Everything a unit's scorecard is computed from. Indicators and automatic deductions read only this, so a new
/// source of facts (e.g. supervision items) is one more property filled by the data layer.
/// </summary>
public sealed record UnitFacts
{
    public required long UnitId { get; init; }

    /// <summary>The cases received in the period at this unit or below it.</summary>
    public required IReadOnlyList<ScoredCase> Cases { get; init; }

    /// <summary>The bonus items of the period the level above accepted.</summary>
    public IReadOnlyList<AcceptedBonus> AcceptedBonuses { get; init; } = [];

    /// <summary>The day the figures are taken on (China date): agreements due after it are not yet late.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The supervision (督办) feedback dates of the period that fell to this unit or a unit below it.</summary>
    public IReadOnlyList<SupervisionDueDate> Supervisions { get; init; } = [];
}

/// <summary>
/// One date by which a supervised unit owed feedback (a supervision's first date, or the new date it was sent back
/// with), and when the first feedback of that round came, if it did.
/// </summary>
/// <param name="UnitPath">The org path of the unit the supervision fell to (the case's handling unit when opened).</param>
public sealed record SupervisionDueDate(long SupervisionId, long CaseId, string UnitPath, int Round, DateOnly DueOn, DateTimeOffset? AnsweredAt)
{
    /// <summary>Fed back on or before the date (China time).</summary>
    public bool AnsweredOnTime => AnsweredAt is { } at && ChinaTime.DateOf(at) <= DueOn;

    /// <summary>Counts on the day <paramref name="asOf"/>: answered already, or its date is past.</summary>
    public bool IsMeasuredOn(DateOnly asOf) => AnsweredAt is not null || DueOn < asOf;
}

/// <summary>A bonus item the level above accepted: its kind (a <see cref="BonusRule.Code"/>) and its id.</summary>
public sealed record AcceptedBonus(long Id, string Kind, string Title);
