using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Enterprises;

/// <summary>What the register flags on an employer. A flag prompts the manager; it decides nothing.</summary>
[Flags]
public enum EnterpriseAlerts
{
    None = 0,

    /// <summary>Repeated disputes: the configured number within the configured months (default 2 in 12).</summary>
    RepeatOffender = 1,

    /// <summary>A mediation agreement whose payment date passed unpaid.</summary>
    AgreementNotPerformed = 2,

    /// <summary>A dispute met the criminal-threshold figures of the grading rules (拒不支付劳动报酬罪).</summary>
    CriminalThreshold = 4,

    /// <summary>
    /// Candidate for the wage-arrears dishonesty list (拖欠农民工工资失信联合惩戒): arrears at the criminal threshold, or
    /// wage arrears that caused a collective incident. The manager decides whether to refer it.
    /// </summary>
    DishonestyListCandidate = 8,

    /// <summary>Repeated disputes and no legal health check within the configured months.</summary>
    NoRecentHealthCheck = 16,

    /// <summary>The latest grid screening found it at risk (late, in arrears, stopped or the owner unreachable).</summary>
    ScreenedAtRisk = 32,
}

/// <summary>The register's thresholds (configuration section <c>EnterpriseRegister</c>).</summary>
public sealed class EnterpriseRegisterOptions
{
    public const string SectionName = "EnterpriseRegister";

    /// <summary>How many disputes within <see cref="RepeatWindowMonths"/> make a repeat offender.</summary>
    public int RepeatDisputes { get; set; } = 2;

    public int RepeatWindowMonths { get; set; } = 12;

    /// <summary>A health check older than this many months is not recent.</summary>
    public int RecentHealthCheckMonths { get; set; } = 12;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (RepeatDisputes is < 2 or > 100)
        {
            problems.Add($"{SectionName}:{nameof(RepeatDisputes)} must be between 2 and 100.");
        }

        if (RepeatWindowMonths is < 1 or > 120)
        {
            problems.Add($"{SectionName}:{nameof(RepeatWindowMonths)} must be between 1 and 120.");
        }

        if (RecentHealthCheckMonths is < 1 or > 120)
        {
            problems.Add($"{SectionName}:{nameof(RecentHealthCheckMonths)} must be between 1 and 120.");
        }

        return problems;
    }
}

/// <summary>An employer's figures across its disputes, as the register reads them.</summary>
public sealed record EnterpriseFigures
{
    public int Disputes { get; init; }

    /// <summary>Disputes received within the repeat window.</summary>
    public int RecentDisputes { get; init; }

    public int OpenCases { get; init; }

    /// <summary>The highest colour among the open cases.</summary>
    public RiskColor? OpenColor { get; init; }

    public int AgreementsBroken { get; init; }

    public int CriminalThresholdCases { get; init; }

    /// <summary>Wage-arrears disputes with collective action (gathering, petition, blocking).</summary>
    public int CollectiveArrearsCases { get; init; }

    public DateOnly? LastHealthCheck { get; init; }

    /// <summary>The colour of the latest screening record, when it found the employer at risk.</summary>
    public RiskColor? ScreeningColor { get; init; }

    /// <summary>The screening record reached the criminal-threshold figures.</summary>
    public bool ScreeningCriminalThreshold { get; init; }
}

/// <summary>The register's rules: flags from figures, and the order of the watch list.</summary>
public static class EnterpriseRisk
{
    public static EnterpriseAlerts AlertsOf(EnterpriseFigures figures, EnterpriseRegisterOptions options, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(options);
        var alerts = EnterpriseAlerts.None;
        if (figures.RecentDisputes >= options.RepeatDisputes)
        {
            alerts |= EnterpriseAlerts.RepeatOffender;
            if (figures.LastHealthCheck is not { } checkedOn || checkedOn < today.AddMonths(-options.RecentHealthCheckMonths))
            {
                alerts |= EnterpriseAlerts.NoRecentHealthCheck;
            }
        }

        if (figures.AgreementsBroken > 0)
        {
            alerts |= EnterpriseAlerts.AgreementNotPerformed;
        }

        var criminal = figures.CriminalThresholdCases > 0 || figures.ScreeningCriminalThreshold;
        if (criminal)
        {
            alerts |= EnterpriseAlerts.CriminalThreshold;
        }

        if (criminal || figures.CollectiveArrearsCases > 0)
        {
            alerts |= EnterpriseAlerts.DishonestyListCandidate;
        }

        if (figures.ScreeningColor is not null)
        {
            alerts |= EnterpriseAlerts.ScreenedAtRisk;
        }

        return alerts;
    }

    /// <summary>The colour the watch list shows: the higher of the open cases' and the latest screening's.</summary>
    public static RiskColor? ColorOf(EnterpriseFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var highest = Math.Max((int?)figures.OpenColor ?? 0, (int?)figures.ScreeningColor ?? 0);
        return highest == 0 ? null : (RiskColor)highest;
    }

    /// <summary>Watch-list order, highest first: colour, then how many flags, then recent disputes.</summary>
    public static long RankOf(EnterpriseFigures figures, EnterpriseAlerts alerts)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var flagCount = System.Numerics.BitOperations.PopCount((uint)alerts);
        return (((long?)(int?)ColorOf(figures) ?? 0) * 1_000_000) + (flagCount * 10_000) + Math.Min(figures.RecentDisputes, 9_999);
    }
}
