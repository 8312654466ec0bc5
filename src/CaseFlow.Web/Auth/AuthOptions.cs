namespace CaseFlow.Web.Auth;

/// <summary>Sign-in policy, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Failed sign-ins in a row from one address that lock the account for that address (see <see cref="SignInThrottle"/>).</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts one client address may make per minute, whatever the accounts (429 beyond).</summary>
    public int SignInPermitsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Sign-in attempts for one username per minute, from all addresses together (429 beyond).</summary>
    public int SignInPermitsPerAccountPerMinute { get; set; } = 10;

    /// <summary>A session ends after this long without a request (sliding).</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;

    public TimeSpan Lockout => TimeSpan.FromMinutes(LockoutMinutes);

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    /// <summary>Every problem, named by configuration path; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxFailedAttempts < 1)
        {
            problems.Add($"{SectionName}:{nameof(MaxFailedAttempts)} must be at least 1 (was {MaxFailedAttempts}).");
        }

        if (LockoutMinutes < 1)
        {
            problems.Add($"{SectionName}:{nameof(LockoutMinutes)} must be at least 1 (was {LockoutMinutes}).");
        }

        if (SignInPermitsPerAddressPerMinute < 1)
        {
            problems.Add($"{SectionName}:{nameof(SignInPermitsPerAddressPerMinute)} must be at least 1 (was {SignInPermitsPerAddressPerMinute}).");
        }

        if (SignInPermitsPerAccountPerMinute < 1)
        {
            problems.Add($"{SectionName}:{nameof(SignInPermitsPerAccountPerMinute)} must be at least 1 (was {SignInPermitsPerAccountPerMinute}).");
        }

        if (IdleTimeoutMinutes < 1)
        {
            problems.Add($"{SectionName}:{nameof(IdleTimeoutMinutes)} must be at least 1 (was {IdleTimeoutMinutes}).");
        }

        return problems;
    }
}
