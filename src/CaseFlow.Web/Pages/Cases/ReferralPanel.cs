using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>What the case page's referral card and the refer form need beside the referral itself.</summary>
internal static class ReferralPanel
{
    /// <summary>The partner kinds a case may be referred to: they are the referral bodies' own codes.</summary>
    public static IReadOnlySet<string> Referrable { get; } =
        new HashSet<string>(StringComparer.Ordinal) { PartnerKinds.Arbitration, PartnerKinds.LabourInspection, PartnerKinds.Court, PartnerKinds.Police };
}

/// <summary>The referrals past their time among the caller's cases: the workbench's and the dashboard's flag (a count and a list).</summary>
public sealed record OverdueReferralsPanel(IReadOnlyList<Data.Partners.OverdueReferral> Items, AppPageModel Page);
