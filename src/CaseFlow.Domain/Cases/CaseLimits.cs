namespace CaseFlow.Domain.Cases;

/// <summary>
/// The longest text each field of a case takes, in UTF-16 code units (what .NET, SQL Server's NVARCHAR and, for
/// every character outside the astral planes, SQLite's length() all count). Each limit is the one the schema holds:
/// the CHECK or NVARCHAR size named beside it in db/*/0001_create_schema.sql or 0010_add_text_limits.sql. The API,
/// the pages and the ledger import check against these, so a value the database would refuse never reaches it.
/// </summary>
public static class TextLimits
{
    /// <summary><c>enterprises.name</c>.</summary>
    public const int EnterpriseName = 200;

    /// <summary><c>enterprises.address</c>.</summary>
    public const int Address = 200;

    /// <summary><c>case_parties.name</c>: a worker's name.</summary>
    public const int PartyName = 100;

    /// <summary><c>cases.description</c> (CHECK added by migration 0010).</summary>
    public const int Description = 2000;

    /// <summary><c>case_events.reason</c>: why an action was taken (an escalation, a withdrawal, an override...).</summary>
    public const int Reason = 1000;

    /// <summary><c>mediation_sessions.summary</c> (CHECK added by migration 0010).</summary>
    public const int SessionSummary = 2000;

    /// <summary><c>mediation_sessions.place</c>.</summary>
    public const int SessionPlace = 200;

    /// <summary><c>mediation_sessions.participants</c>.</summary>
    public const int SessionParticipants = 1000;

    /// <summary>A note kept in an event's data (an invitation's, a follow-up's); the same size as a summary.</summary>
    public const int Note = 2000;

    /// <summary><c>agreements.method</c>: how the employer pays.</summary>
    public const int AgreementMethod = 32;

    /// <summary><c>agreements.terms</c> (CHECK added by migration 0010).</summary>
    public const int AgreementTerms = 2000;

    /// <summary><c>referrals.reference_number</c>: the receiving body's own reference.</summary>
    public const int ReferenceNumber = 64;

    /// <summary><c>referrals.outcome</c>: what the receiving body decided.</summary>
    public const int ReferralOutcome = 1000;

    /// <summary><c>referrals.body_name</c>: the receiving body's own name when it is not on CaseFlow.</summary>
    public const int BodyName = 100;

    /// <summary><c>referrals.handed_over</c> (migration 0015): the materials and summary handed over with a referral.</summary>
    public const int HandedOver = 2000;

    /// <summary>Why personal numbers were revealed, kept in the audit record's detail.</summary>
    public const int RevealPurpose = 200;
}

/// <summary>
/// The amounts of money CaseFlow takes, in yuan. The columns hold DECIMAL(18,2) (up to ¥9,999,999,999,999,999.99);
/// these bounds are far below that and far above any real wage dispute, so a typo of a few extra digits is refused
/// with a message instead of overflowing a sum.
/// </summary>
public static class MoneyLimits
{
    /// <summary>One worker's arrears: ¥100 million (一亿元).</summary>
    public const decimal PerWorker = 100_000_000m;

    /// <summary>A case's total, an agreement's amount, an amount recovered: ¥10 billion (一百亿元).</summary>
    public const decimal PerCase = 10_000_000_000m;
}

/// <summary>The dates a case's receipt, sessions and agreements may carry: none before 2000 or after next year.</summary>
public static class DateLimits
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The last day of the year after <paramref name="today"/>'s (China date).</summary>
    public static DateOnly Latest(DateOnly today) => new(today.Year + 1, 12, 31);
}
