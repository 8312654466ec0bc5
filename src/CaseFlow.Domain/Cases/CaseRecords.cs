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
public sealed record Referral(ReferralBody Body, string? ReferenceNumber)
{
    /// <summary>The partner organisation addressed, when the receiving body is on CaseFlow; null for one outside it.</summary>
    public long? PartnerOrgId { get; init; }

    /// <summary>The receiving body's own name, when it is not on CaseFlow (partner_orgs.name names it otherwise).</summary>
    public string? BodyName { get; init; }

    /// <summary>What is handed over: materials, a summary of the case (at most <see cref="TextLimits.HandedOver"/>).</summary>
    public string? HandedOver { get; init; }

    /// <summary>When the body must acknowledge receipt (<see cref="ReferralClock"/>); null when it has no clock.</summary>
    public DateTimeOffset? AcknowledgementDue { get; init; }
}

/// <summary>The follow-up call (回访) after a case is resolved.</summary>
public sealed record FollowUp(int Satisfaction, string? Note);
