namespace CaseFlow.Domain.Cases;

/// <summary>What the workers claim.</summary>
public enum ClaimType
{
    WageArrears,
    SocialInsurance,
    Overtime,
    ContractTermination,
    WorkInjury,
    Other,
}
