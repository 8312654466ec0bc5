using CaseFlow.Domain.Calendar;

namespace CaseFlow.Domain.Cases;

/// <summary>
/// The statutory clocks of a referral (DESIGN §6): the receiving body acknowledges receipt (签收) within its acceptance
/// time counted from the referral, and decides within its own time counted from the acknowledgement. Arbitration
/// accepts within 5 calendar days and decides within 45 (劳动争议调解仲裁法 Arts 29, 43; the 15 days it may add with
/// the chair's approval are not counted here, so the award is flagged at 45); labour inspection accepts within 5
/// working days (劳动保障监察条例 Art 15). Court and police have no clock in the design: theirs are null. A limit runs
/// to the end of its last day, counted as every other limit is (the day after, moved off a day off).
/// </summary>
public static class ReferralClock
{
    public const int ArbitrationAcceptanceDays = 5;

    public const int ArbitrationAwardDays = 45;

    public const int LabourInspectionAcceptanceWorkingDays = 5;

    /// <summary>When the body must have acknowledged a referral made at <paramref name="referredAt"/>; null when it has no clock.</summary>
    public static DueTime? AcknowledgementDue(ReferralBody body, DateTimeOffset referredAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = ChinaTime.DateOf(referredAt);
        return body switch
        {
            ReferralBody.Arbitration => EndOf(calendar.AddCalendarDays(day, ArbitrationAcceptanceDays)),
            ReferralBody.LabourInspection => EndOf(calendar.AddWorkingDays(day, LabourInspectionAcceptanceWorkingDays)),
            _ => null,
        };
    }

    /// <summary>When the body must have decided a referral it acknowledged at <paramref name="acknowledgedAt"/>; null when it has no clock.</summary>
    public static DueTime? OutcomeDue(ReferralBody body, DateTimeOffset acknowledgedAt, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return body == ReferralBody.Arbitration
            ? EndOf(calendar.AddCalendarDays(ChinaTime.DateOf(acknowledgedAt), ArbitrationAwardDays))
            : null;
    }

    private static DueTime EndOf(DueDate day) => new(ChinaTime.EndOf(day.Date), day.CalendarMissing);
}

/// <summary>One outcome a receiving body may record: its code (referrals.outcome_kind) and its words.</summary>
public sealed record ReferralOutcomeKind(string Code, string Zh, string En);

/// <summary>The fixed list of outcomes per receiving body; recording one closes the referral (CloseReferral).</summary>
public static class ReferralOutcomes
{
    /// <summary>The longest code (referrals.outcome_kind).</summary>
    public const int MaxCode = 32;

    private static readonly IReadOnlyDictionary<ReferralBody, IReadOnlyList<ReferralOutcomeKind>> ByBody = new Dictionary<ReferralBody, IReadOnlyList<ReferralOutcomeKind>>
    {
        [ReferralBody.Arbitration] =
        [
            new("arbitration_accepted", "仲裁受理", "Accepted for arbitration"),
            new("arbitration_not_accepted", "不予受理", "Not accepted"),
            new("arbitration_mediated", "仲裁调解", "Settled by arbitral mediation"),
            new("arbitration_award", "仲裁裁决", "Arbitral award"),
        ],
        [ReferralBody.LabourInspection] =
        [
            new("inspection_case_opened", "监察立案", "Inspection case opened"),
            new("inspection_order_to_pay", "责令支付", "Ordered to pay"),
            new("inspection_not_opened", "不予立案", "No case opened"),
        ],
        [ReferralBody.Court] =
        [
            new("court_filed", "法院立案", "Filed by the court"),
            new("court_judicial_confirmation", "司法确认", "Judicial confirmation"),
            new("court_payment_order", "支付令", "Payment order"),
            new("court_judgment", "判决", "Judgment"),
        ],
        [ReferralBody.Police] =
        [
            new("police_filed", "立案", "Filed by the police"),
            new("police_not_filed", "不予立案", "Not filed"),
        ],
    };

    public static IReadOnlyList<ReferralOutcomeKind> For(ReferralBody body) => ByBody[body];

    public static ReferralOutcomeKind? Find(ReferralBody body, string? code) =>
        ByBody[body].FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));

    /// <summary>The outcome of any body by its code (a stored row's).</summary>
    public static ReferralOutcomeKind? Find(string? code) =>
        ByBody.Values.SelectMany(k => k).FirstOrDefault(k => string.Equals(k.Code, code, StringComparison.Ordinal));
}
