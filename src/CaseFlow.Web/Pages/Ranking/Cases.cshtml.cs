using CaseFlow.Data.Evaluation;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Evaluation;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Ranking;

/// <summary>The cases behind one indicator of one unit's scorecard: each measured case, and whether it met the indicator.</summary>
public sealed class CasesModel(ScorecardQuery scorecards, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanSupervise;

    public UnitScore Score { get; private set; } = null!;

    public IndicatorScore Indicator { get; private set; } = null!;

    public IReadOnlyList<(ScoredCase Case, bool Met)> Rows { get; private set; } = [];

    public ScorePeriod Period { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long unit, string? indicator, string? period)
    {
        var (errors, parsed, _) = RankingViews.Parse(new RankingQuery(period, null, null, null), time);
        if (!errors.IsEmpty || ScoreCatalogue.Indicator(indicator ?? "") is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        var score = await scorecards.UnitAsync(Me.CountyId, Me.UnitPath, unit, parsed, HttpContext.RequestAborted);
        var line = score?.Card.Indicators.FirstOrDefault(i => i.Code == indicator);
        if (score is null || line is null)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        var cases = await scorecards.CasesOfAsync(score.Unit.Path, parsed, HttpContext.RequestAborted);
        var met = line.Measure.Meeting.ToHashSet();
        Score = score;
        Indicator = line;
        Period = parsed;
        Rows = [.. line.Measure.Cases.Select(id => (cases[id], met.Contains(id))).OrderBy(r => r.Item2).ThenBy(r => r.Item1.Number, StringComparer.Ordinal)];
        return Page();
    }
}
