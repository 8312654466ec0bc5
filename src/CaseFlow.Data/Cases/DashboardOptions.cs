namespace CaseFlow.Data.Cases;

/// <summary>The <c>Dashboard</c> section: how long one root's dashboard figures are reused.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The longest <see cref="FiguresSeconds"/> allowed: five minutes.</summary>
    public const int MaxFiguresSeconds = 300;

    /// <summary>
    /// For how many seconds the dashboard of one root (a county, a town) is reused before it is counted again
    /// (0: counted on every request). The page shows the instant its figures were counted at. Counting reads the
    /// summary (tens of rows per unit) and one index entry per open case due within 48 hours, since overdue and
    /// due-soon depend on the clock; with many managers opening the same dashboard, one count serves them all.
    /// </summary>
    public int FiguresSeconds { get; set; } = 10;

    public TimeSpan FiguresLifetime => TimeSpan.FromSeconds(FiguresSeconds);

    public IReadOnlyList<string> Validate() =>
        FiguresSeconds is < 0 or > MaxFiguresSeconds
            ? [$"{SectionName}:{nameof(FiguresSeconds)} must be between 0 and {MaxFiguresSeconds} (was {FiguresSeconds})."]
            : [];
}
