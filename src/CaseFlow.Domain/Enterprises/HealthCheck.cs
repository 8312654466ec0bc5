namespace CaseFlow.Domain.Enterprises;

/// <summary>
/// The checklist of a legal health check (法律体检, Jimo): the four things a check looks at, each found in order or
/// with a problem and a note.
/// </summary>
public static class HealthCheckItems
{
    /// <summary>劳动合同: written contracts signed and kept.</summary>
    public const string LabourContracts = "labour-contracts";

    /// <summary>工资支付台账: wage payment records kept and wages paid on the day.</summary>
    public const string WagePayments = "wage-payments";

    /// <summary>社会保险: social insurance paid for every worker.</summary>
    public const string SocialInsurance = "social-insurance";

    /// <summary>工作时间: working hours and overtime within the law.</summary>
    public const string WorkingHours = "working-hours";

    public static IReadOnlyList<string> All { get; } = [LabourContracts, WagePayments, SocialInsurance, WorkingHours];

    public static (string Zh, string En) NameOf(string item) => item switch
    {
        LabourContracts => ("劳动合同", "Labour contracts"),
        WagePayments => ("工资支付台账", "Wage payment records"),
        SocialInsurance => ("社会保险", "Social insurance"),
        WorkingHours => ("工作时间", "Working hours"),
        _ => (item, item),
    };
}

/// <summary>One line of the checklist: the item, whether it was in order, and what was found.</summary>
public sealed record HealthFinding(string Item, bool Ok, string? Note);

/// <summary>
/// The longest text of each health-check field, as the schema holds it (db/*/0013 and 0017): the API and the pages
/// check these so the database never refuses what validation let through.
/// </summary>
public static class HealthCheckLimits
{
    /// <summary><c>health_checks.checked_by</c>: the names of the people who performed the check.</summary>
    public const int CheckedBy = 100;

    /// <summary><c>health_checks.note</c>.</summary>
    public const int Note = 1000;

    /// <summary>A finding's note, kept inside <c>health_checks.findings</c>.</summary>
    public const int FindingNote = 500;

    /// <summary><c>health_check_followups.item</c>.</summary>
    public const int FollowUpItem = 200;

    /// <summary><c>health_check_followups.done_note</c>.</summary>
    public const int DoneNote = 500;

    /// <summary>Follow-up items one check may set.</summary>
    public const int MaxFollowUps = 20;

    /// <summary>How far back a check may be dated.</summary>
    public const int MaxAgeDays = 366;
}
