using CaseFlow.Data.Evaluation;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Ranking;

/// <summary>One unit's scorecard explained line by line, with its star ratings year by year.</summary>
public sealed class UnitModel(ScorecardQuery scorecards, StarRatingStore stars, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanSupervise;

    public UnitScore Score { get; private set; } = null!;

    public ScorePeriod Period { get; private set; } = null!;

    public IReadOnlyList<StarRating> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string? period)
    {
        var (errors, parsed, _) = RankingViews.Parse(new RankingQuery(period, null, null, null), time);
        if (!errors.IsEmpty)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        var score = await scorecards.UnitAsync(Me.CountyId, Me.UnitPath, id, parsed, HttpContext.RequestAborted);
        if (score is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        Score = score;
        Period = parsed;
        History = await stars.HistoryAsync(id, HttpContext.RequestAborted);
        return Page();
    }

    public string CasesUrl(string code) => IndexModel.Link("/ranking/cases", ("period", Period.ToString()), ("unit", Score.Unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("indicator", code));
}
