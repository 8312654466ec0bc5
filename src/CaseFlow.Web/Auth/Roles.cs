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

    public static IReadOnlyList<string> All { get; } = [Mediator, Township, Manager, Admin, Auditor];
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

    /// <summary>Each policy and the roles that satisfy it.</summary>
    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [CanActOnCases] = [Roles.Mediator, Roles.Township, Roles.Manager],
        [CanRevealPersonalData] = [Roles.Mediator, Roles.Township, Roles.Manager],
        [CanSupervise] = [Roles.Manager],
        [CanReadAudit] = [Roles.Auditor, Roles.Admin],
        [CanAdminister] = [Roles.Admin],
        [CanViewJobs] = [Roles.Admin, Roles.Auditor],
    };
}
