namespace CaseFlow.Web.Auth;

/// <summary>The role names stored in user_roles (DESIGN §2, §8).</summary>
public static class Roles
{
    /// <summary>调解员 / 网格员: registers disputes, records sessions, agreements and payments.</summary>
    public const string Mediator = "mediator";

    /// <summary>乡镇/街道工会: accepts escalated cases, assigns mediators.</summary>
    public const string Township = "township";

    /// <summary>区县总工会: dashboard, supervision.</summary>
    public const string Manager = "manager";

    /// <summary>Manages units, users, rules and calendars; no case work.</summary>
    public const string Admin = "admin";

    /// <summary>Reads the audit log and changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>
    /// 联动单位: a user of a partner organisation (人社局, 仲裁院, 法院…). Sees only the cases shared with their
    /// organisation; adds notes, records attendance, answers referrals.
    /// </summary>
    public const string Partner = "partner";

    public static IReadOnlyList<string> All { get; } = [Mediator, Township, Manager, Admin, Auditor, Partner];
}

/// <summary>Authorization policies, one per role set; use them with <c>RequireAuthorization(Policies.X)</c>.</summary>
public static class Policies
{
    /// <summary>Register, accept, mediate, escalate: mediator, township, manager.</summary>
    public const string CanActOnCases = nameof(CanActOnCases);

    /// <summary>See unmasked ID and phone numbers (every reveal is audited): mediator, township, manager.</summary>
    public const string CanRevealPersonalData = nameof(CanRevealPersonalData);

    /// <summary>Dashboard and supervision (督办): manager.</summary>
    public const string CanSupervise = nameof(CanSupervise);

    /// <summary>Read the audit log: auditor, admin.</summary>
    public const string CanReadAudit = nameof(CanReadAudit);

    /// <summary>Units, users, rules and calendars, and operating the background jobs: admin.</summary>
    public const string CanAdminister = nameof(CanAdminister);

    /// <summary>See the background jobs dashboard (/admin/jobs), read-only unless also <see cref="CanAdminister"/>: admin, auditor.</summary>
    public const string CanViewJobs = nameof(CanViewJobs);

    /// <summary>Add a note to a case shared with them, record attendance, answer referrals: partner.</summary>
    public const string CanWorkAsPartner = nameof(CanWorkAsPartner);

    /// <summary>Share a case with a partner organisation and withdraw the share: township, manager.</summary>
    public const string CanShareCases = nameof(CanShareCases);

    /// <summary>Each policy and the roles that satisfy it.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [CanActOnCases] = [Roles.Mediator, Roles.Township, Roles.Manager],
        // A partner's reveal is further limited to the kinds that need the numbers (arbitration, court): PartnerKinds.
        [CanRevealPersonalData] = [Roles.Mediator, Roles.Township, Roles.Manager, Roles.Partner],
        [CanWorkAsPartner] = [Roles.Partner],
        [CanShareCases] = [Roles.Township, Roles.Manager],
        [CanSupervise] = [Roles.Manager],
        [CanReadAudit] = [Roles.Auditor, Roles.Admin],
        [CanAdminister] = [Roles.Admin],
        [CanViewJobs] = [Roles.Admin, Roles.Auditor],
    };
}
