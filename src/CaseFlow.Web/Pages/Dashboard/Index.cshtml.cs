using System.Globalization;
using System.Text.Json;
using CaseFlow.Data.Cases;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Dashboard;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages.Dashboard;

/// <summary>
/// The manager's risk dashboard: the API's dashboard figures as tables, each figure a link to the filtered case
/// list, with ECharts charts beside the tables when the build installed the library.
/// </summary>
public sealed class IndexModel(CaseQueries queries, IWebHostEnvironment environment, DashboardOptions options) : AppPageModel
{
    public const string EChartsPath = "lib/echarts/echarts.min.js";

    protected override string? Policy => Policies.CanSupervise;

    public Data.Cases.Dashboard Figures { get; private set; } = null!;

    public bool ChartsAvailable { get; private set; }

    /// <summary>How old the figures may be (<see cref="DashboardOptions.FiguresSeconds"/>).</summary>
    public int FiguresSeconds => options.FiguresSeconds;

    /// <summary>The figures the charts draw, with their labels in the page's language.</summary>
    public string ChartData { get; private set; } = "{}";

    public static readonly RiskColor[] Colors = DashboardFigures.Colors;

    private Dictionary<string, DashboardFigure> _links = [];

    /// <summary>Open referrals of the county (or the caller's units) past their acknowledgement or outcome time.</summary>
    public Data.Partners.OverdueReferrals OverdueReferrals { get; private set; } = Data.Partners.OverdueReferrals.None;

    public async Task OnGetAsync()
    {
        Figures = await queries.DashboardAsync(Me.UnitPath, ct: HttpContext.RequestAborted);
        OverdueReferrals = await HttpContext.RequestServices.GetRequiredService<Data.Partners.ReferralStore>().OverdueAsync(Me.Viewer, Pages.Cases.OverdueReferralsPanel.Shown, HttpContext.RequestAborted);
        _links = DashboardFigures.Of(Figures).ToDictionary(f => f.Key, StringComparer.Ordinal);
        ChartsAvailable = environment.WebRootFileProvider.GetFileInfo(EChartsPath).Exists;
        ChartData = JsonSerializer.Serialize(ChartsOf(Figures, Language));
    }

    public long ByColor(RiskColor color) => Figures.Open.Where(c => c.Color == color).Sum(c => c.Cases);

    public IEnumerable<(int? Level, long Cases)> ByLevel() =>
        Figures.Open.GroupBy(c => c.Level).OrderBy(g => g.Key ?? int.MaxValue).Select(g => (g.Key, g.Sum(c => c.Cases)));

    /// <summary>The figure with <paramref name="key"/> (see <see cref="DashboardFigures"/>): its value and its link.</summary>
    public DashboardFigure Figure(string key) => _links[key];

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static object ChartsOf(Data.Cases.Dashboard d, MessageLanguage language)
    {
        var colours = Colors.Select(c => new { name = PageText.Color(c, language), code = c.ToString().ToLowerInvariant(), value = d.Open.Where(x => x.Color == c).Sum(x => x.Cases) });
        var levels = d.Open.GroupBy(c => c.Level).OrderBy(g => g.Key ?? int.MaxValue)
            .Select(g => new { name = g.Key is { } l ? PageText.Level(l, language) : (language == MessageLanguage.English ? "After mediation" : "调解后"), value = g.Sum(c => c.Cases) });
        return new
        {
            colours,
            levels,
            units = new
            {
                names = d.ByUnit.Select(u => u.UnitName),
                series = Colors.Select(c => new
                {
                    name = PageText.Color(c, language),
                    code = c.ToString().ToLowerInvariant(),
                    values = d.ByUnit.Select(u => c switch { RiskColor.Red => u.Red, RiskColor.Orange => u.Orange, _ => u.Yellow }),
                }),
            },
            weeks = new
            {
                names = d.Weeks.Select(w => PageText.Date(w.WeekStart)),
                created = d.Weeks.Select(w => w.New),
                closed = d.Weeks.Select(w => w.Closed),
                createdName = language == MessageLanguage.English ? "New" : "新增",
                closedName = language == MessageLanguage.English ? "Closed" : "办结",
            },
        };
    }
}
