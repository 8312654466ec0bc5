namespace CaseFlow.Domain.Cases;

/// <summary>How a dispute reached the union.</summary>
public enum Channel
{
    WalkIn,
    Hotline,
    Online,
    GridScreening,
    ReferralIn,
}
