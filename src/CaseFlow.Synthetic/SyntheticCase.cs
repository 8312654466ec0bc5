using CaseFlow.Domain.Cases;

namespace CaseFlow.Synthetic;

/// <summary>A made-up dispute: the intake as registered, its colour, and where the seeding code should take it.</summary>
public sealed record SyntheticCase
{
    public required NewCase Case { get; init; }

    /// <summary>The colour the grader gave the intake; it fixes the entry level (yellow 1, orange 2, red 3).</summary>
    public required RiskColor Color { get; init; }

    public required SyntheticOutcome Outcome { get; init; }

    /// <summary>How many levels the case climbs before its outcome; never past level 3.</summary>
    public required int Escalations { get; init; }

    /// <summary>When the last transition happens: between the receipt and the end of the generated range.</summary>
    public required DateTimeOffset OutcomeAt { get; init; }

    /// <summary>The signed agreement, for agreed, resolved and closed cases.</summary>
    public AgreementTerms? Agreement { get; init; }

    /// <summary>Yuan paid, for resolved and closed cases; never more than the workers are owed.</summary>
    public decimal AmountRecovered { get; init; }

    public Referral? Referral { get; init; }

    public FollowUp? FollowUp { get; init; }

    /// <summary>Why the case was withdrawn, rejected or failed (a referred case failed first); null otherwise.</summary>
    public string? Reason { get; init; }

    /// <summary>The level graded routing sends the case to: yellow 1, orange 2, red 3.</summary>
    public int EntryLevel => EntryLevelFor(Color);

    /// <summary>The mediation level the case stands at (or last stood at) when the outcome is reached.</summary>
    public int FinalLevel => EntryLevel + Escalations;

    internal static int EntryLevelFor(RiskColor color) => color switch
    {
        RiskColor.Red => 3,
        RiskColor.Orange => 2,
        _ => 1,
    };
}
