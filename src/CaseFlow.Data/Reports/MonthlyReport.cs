using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Reports;

/// <summary>
/// Case counts of a month: received (新增), resolved (化解: payment confirmed), referred (移送) in the month, and still
/// being handled (在办: in mediation at some level, or waiting for the agreed payment) when it ended.
/// </summary>
public sealed record MonthlyCounts(long New, long Resolved, long Referred, long Open)
{
    public static MonthlyCounts Zero { get; } = new(0, 0, 0, 0);

    public MonthlyCounts Add(MonthlyCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(New + other.New, Resolved + other.Resolved, Referred + other.Referred, Open + other.Open);
    }
}

/// <summary>The counts of the cases of one risk colour (their colour now).</summary>
public sealed record ColorFigures(RiskColor Color, MonthlyCounts Counts);

/// <summary>
/// The counts at one mediation level, and the share of the month's resolved cases resolved there. A new case counts at
/// the level grading sent it to; a resolved or referred case at the last level that mediated it; an open case at the
/// level it stood at when the month ended.
/// </summary>
public sealed record LevelFigures(int Level, string Name, MonthlyCounts Counts, decimal ShareResolved);

/// <summary>One unit directly below the report's unit (or the unit itself, for cases located there).</summary>
/// <param name="Overdue">Cases whose time ran out during the month: a level limit elapsed, or an agreed payment was late.</param>
public sealed record UnitMonthlyFigures(long UnitId, string UnitName, MonthlyCounts Counts, long Overdue);

/// <summary>The statistics a county union sends upward for one month (China time), for the cases located under one unit.</summary>
public sealed record MonthlyReport
{
    public required int Year { get; init; }
    public required int Month { get; init; }
    public required long UnitId { get; init; }
    public required string UnitName { get; init; }
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required MonthlyCounts Totals { get; init; }
    public required IReadOnlyList<ColorFigures> ByColor { get; init; }
    public required IReadOnlyList<LevelFigures> ByLevel { get; init; }

    /// <summary>Owed to the workers of the month's new cases.</summary>
    public required decimal AmountOwed { get; init; }

    /// <summary>Paid under agreements whose performance was confirmed in the month.</summary>
    public required decimal AmountRecovered { get; init; }

    /// <summary>Workers involved in the month's new cases.</summary>
    public required long WorkersInvolved { get; init; }

    /// <summary>From first receipt to confirmed payment, over the month's resolved cases, to one decimal; null when none.</summary>
    public required decimal? AverageDaysToResolve { get; init; }

    public required long Overdue { get; init; }
    public required IReadOnlyList<UnitMonthlyFigures> ByUnit { get; init; }
}
