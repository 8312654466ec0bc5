using CaseFlow.Data.Evaluation;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Evaluation;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Ranking;

/// <summary>
/// The manager's ranking of the county's units: score out of the scheme's maximum, stars, trend, each indicator's
/// points as a link to its cases; sortable by any column; exported as xlsx; a year can be rated (评星定级) from here.
/// </summary>
public sealed class IndexModel(ScorecardQuery scorecards, StarRatingStore stars, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanSupervise;

    public RankingView View { get; private set; } = null!;

    public RankingQuery Query { get; private set; } = new(null, null, null, null);

    public ValidationErrors Errors { get; private set; } = new();

    public int? Rated { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? period, string? kind, string? sort, bool? desc, int? rated)
    {
        Query = new RankingQuery(period, kind, sort, desc);
        Rated = rated;
        var (errors, parsed, unitKind) = RankingViews.Parse(Query, time);
        Errors = errors;
        if (!errors.IsEmpty)
        {
            Query = new RankingQuery(null, null, null, null);
            (_, parsed, unitKind) = RankingViews.Parse(Query, time);
        }

        var ranking = await scorecards.RankAsync(Me.CountyId, Me.UnitPath, parsed, HttpContext.RequestAborted);
        View = RankingViews.Order(ranking, Query, unitKind);
        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync(int year)
    {
        var thisYear = Domain.ChinaTime.DateOf(time.GetUtcNow()).Year;
        if (year < ScorePeriod.MinYear || year > thisYear)
        {
            return RedirectToPage(new { period = year.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var ratings = await stars.RateYearAsync(Me.CountyId, Me.UnitPath, year, Me.ToAuditActor(), HttpContext.RequestAborted);
        return Redirect($"/ranking?period={year}&rated={ratings.Count}");
    }

    /// <summary>The address of this ranking ordered by <paramref name="column"/> (the same column again flips the order).</summary>
    public string SortUrl(string column)
    {
        var desc = View.Sort == column ? !View.Desc : column != "name";
        return Link("/ranking", ("period", View.Ranking.Period.ToString()), ("kind", Query.Kind), ("sort", column), ("desc", desc ? "true" : "false"));
    }

    public string ExportUrl => Link("/api/v1/scorecards/export", ("period", View.Ranking.Period.ToString()), ("kind", Query.Kind), ("sort", View.Sort), ("desc", View.Desc ? "true" : "false"), ("lang", Language == MessageLanguage.English ? "en" : "zh"));

    public string CasesUrl(long unitId, string code) => Link("/ranking/cases", ("period", View.Ranking.Period.ToString()), ("unit", unitId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("indicator", code));

    public string UnitUrl(long unitId) => Link($"/ranking/units/{unitId}", ("period", View.Ranking.Period.ToString()));

    internal static string Link(string path, params (string Key, string? Value)[] query) =>
        path + QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value))).ToUriComponent();
}
