namespace CaseFlow.Domain.Cases;

/// <summary>Where a failed mediation goes next.</summary>
public enum ReferralBody
{
    /// <summary>劳动人事争议仲裁委员会.</summary>
    Arbitration,
    /// <summary>劳动保障监察.</summary>
    LabourInspection,
    /// <summary>人民法院 (支付令, 诉调对接).</summary>
    Court,
    /// <summary>公安机关 (拒不支付劳动报酬罪).</summary>
    Police,
}

/// <summary>A mediation session held at the current level.</summary>
public sealed record MediationSession(DateTimeOffset HeldAt, string Summary)
{
    /// <summary>Where it was held.</summary>
    public string? Place { get; init; }

    /// <summary>The parties present, as the mediator wrote them (劳动者、企业代表…).</summary>
    public string? Participants { get; init; }

    /// <summary>The partner organisations present at a joint session (三方联动).</summary>
    public IReadOnlyList<long> PartnerOrgIds { get; init; } = [];
}

/// <summary>The parties invited to join mediation (三方联动).</summary>
public sealed record PartyInvitation(bool HumanResources, bool PoliticalLegal, bool Court, string? Note);

/// <summary>A signed mediation agreement (调解协议): what the employer pays, by when and how.</summary>
public sealed record AgreementTerms(decimal Amount, DateOnly PaymentDueDate, string Method);

/// <summary>A referral to another body, with the reference it gave.</summary>
public sealed record Referral(ReferralBody Body, string? ReferenceNumber);

/// <summary>The follow-up call (回访) after a case is resolved.</summary>
public sealed record FollowUp(int Satisfaction, string? Note);
