using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>What the case page's referral card and the refer form need beside the referral itself.</summary>
internal static class ReferralPanel
{
    /// <summary>The partner kinds a case may be referred to: they are the referral bodies' own codes.</summary>
    public static IReadOnlySet<string> Referrable { get; } =
        new HashSet<string>(StringComparer.Ordinal) { PartnerKinds.Arbitration, PartnerKinds.LabourInspection, PartnerKinds.Court, PartnerKinds.Police };
}

/// <summary>
/// The referrals past their time among the caller's cases: the workbench's and the dashboard's flag, how many there are
/// and the <see cref="Shown"/> longest overdue.
/// </summary>
public sealed record OverdueReferralsPanel(Data.Partners.OverdueReferrals Overdue, AppPageModel Page)
{
    /// <summary>How many the panel lists: enough to act on today, few enough to leave the page its work.</summary>
    public const int Shown = 10;

    public string TotalText => Overdue.TotalIsCapped
        ? Overdue.Total.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + "+"
        : Overdue.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
