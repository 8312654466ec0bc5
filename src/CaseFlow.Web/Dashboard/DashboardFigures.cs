using System.Globalization;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Web.Dashboard;

/// <summary>What a dashboard figure measures over the cases its link lists.</summary>
public enum FigureMeasure
{
    /// <summary>How many cases: the list's total.</summary>
    Cases,

    /// <summary>The sum of the listed cases' amounts owed.</summary>
    AmountOwed,

    /// <summary>The sum of the listed cases' amounts recovered.</summary>
    AmountRecovered,

    /// <summary>The sum of the listed cases' workers involved.</summary>
    Workers,
}

/// <summary>
/// One figure of the dashboard and the case-list query that lists exactly the cases it counts or sums: the page's
/// link is <c>/cases?{Query}</c>, the API's <c>/api/v1/cases?{Query}</c>.
/// </summary>
public sealed record DashboardFigure(string Key, decimal Value, FigureMeasure Measure, string Query)
{
    public string PageLink => "/cases?" + Query;

    public string ApiLink => "/api/v1/cases?" + Query;
}

/// <summary>
/// Every figure of the dashboard with its drill-down, declared once for the page and the API. Each query says
/// <c>open=</c> explicitly (the workbench lists open cases unless told otherwise, the API all cases) and
/// repeats the dashboard's own condition for that figure, e.g. "due within 48 h" excludes the overdue ones.
/// </summary>
public static class DashboardFigures
{
    public static readonly RiskColor[] Colors = [RiskColor.Red, RiskColor.Orange, RiskColor.Yellow];

    public static string ColorCode(RiskColor color) => color.ToString().ToLowerInvariant();

    public static string LevelKey(int? level) => level is { } l ? "level:" + Id(l) : "level:none";

    public static string UnitKey(long unitId, string figure) => $"unit:{Id(unitId)}:{figure}";

    public static string WeekKey(DateOnly weekStart, string figure) => $"week:{Date(weekStart)}:{figure}";

    public static IReadOnlyList<DashboardFigure> Of(Data.Cases.Dashboard d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var figures = new List<DashboardFigure>
        {
            new("open", d.OpenCases, FigureMeasure.Cases, "open=true"),
            new("overdue", d.Overdue, FigureMeasure.Cases, "open=true&overdue=true"),
            new("dueWithin48Hours", d.DueWithin48Hours, FigureMeasure.Cases, "open=true&overdue=false&dueWithinHours=48"),
            new("amountOwed", d.AmountOwed, FigureMeasure.AmountOwed, "open=true"),
            new("amountRecovered", d.AmountRecovered, FigureMeasure.AmountRecovered, "open=false&recovered=true"),
            new("workersInvolved", d.WorkersInvolved, FigureMeasure.Workers, "open=true"),
        };
        figures.AddRange(Colors.Select(c => new DashboardFigure(
            "color:" + ColorCode(c), d.Open.Where(x => x.Color == c).Sum(x => x.Cases), FigureMeasure.Cases, "open=true&color=" + ColorCode(c))));
        figures.AddRange(d.Open.GroupBy(c => c.Level).OrderBy(g => g.Key ?? int.MaxValue).Select(g => new DashboardFigure(
            LevelKey(g.Key), g.Sum(c => c.Cases), FigureMeasure.Cases, g.Key is { } l ? "open=true&level=" + Id(l) : "open=true&noLevel=true")));
        foreach (var u in d.ByUnit)
        {
            var unit = "unit=" + Id(u.UnitId);
            figures.Add(new(UnitKey(u.UnitId, "red"), u.Red, FigureMeasure.Cases, $"open=true&{unit}&color=red"));
            figures.Add(new(UnitKey(u.UnitId, "orange"), u.Orange, FigureMeasure.Cases, $"open=true&{unit}&color=orange"));
            figures.Add(new(UnitKey(u.UnitId, "yellow"), u.Yellow, FigureMeasure.Cases, $"open=true&{unit}&color=yellow"));
            figures.Add(new(UnitKey(u.UnitId, "overdue"), u.Overdue, FigureMeasure.Cases, $"open=true&{unit}&overdue=true"));
            figures.Add(new(UnitKey(u.UnitId, "amountOwed"), u.AmountOwed, FigureMeasure.AmountOwed, $"open=true&{unit}"));
            figures.Add(new(UnitKey(u.UnitId, "amountRecovered"), u.AmountRecovered, FigureMeasure.AmountRecovered, $"open=false&{unit}&recovered=true"));
        }

        foreach (var w in d.Weeks)
        {
            figures.Add(new(WeekKey(w.WeekStart, "new"), w.New, FigureMeasure.Cases,
                $"open=false&receivedFrom={Date(w.WeekStart)}&receivedTo={Date(w.WeekStart.AddDays(6))}"));
            figures.Add(new(WeekKey(w.WeekStart, "closed"), w.Closed, FigureMeasure.Cases,
                $"open=false&closedFrom={Date(w.WeekStart)}&closedTo={Date(w.WeekStart.AddDays(6))}"));
        }

        return figures;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
