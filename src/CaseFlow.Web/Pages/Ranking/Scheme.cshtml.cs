using System.Globalization;
using CaseFlow.Data.Evaluation;
using CaseFlow.Domain;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Evaluation;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Ranking;

/// <summary>The edit form's figures as typed (text, so a figure that is not a number is a field error).</summary>
public sealed class SchemeForm
{
    public string? EffectiveFrom { get; set; }

    public string? MaxPoints { get; set; }

    public string? BonusCap { get; set; }

    public List<IndicatorForm> Indicators { get; set; } = [];

    public List<BonusForm> Bonuses { get; set; } = [];

    public List<DeductionForm> Deductions { get; set; } = [];

    public List<BandForm> StarBands { get; set; } = [];
}

public sealed class IndicatorForm
{
    public string? Code { get; set; }

    public string? Points { get; set; }

    public string? Floor { get; set; }

    public string? Target { get; set; }
}

public sealed class BonusForm
{
    public string? Code { get; set; }

    public string? NameZh { get; set; }

    public string? NameEn { get; set; }

    public string? PointsEach { get; set; }

    public string? Cap { get; set; }
}

public sealed class DeductionForm
{
    public string? Code { get; set; }

    public string? PointsEach { get; set; }

    public string? Cap { get; set; }
}

public sealed class BandForm
{
    public int Stars { get; set; }

    public string? MinScore { get; set; }
}

/// <summary>
/// The county manager edits the county's scoring scheme (评分细则): indicator points with floor and target, bonus and
/// deduction items with their caps, the maximum and the star bands. Saving adds a new version from its effective
/// date; earlier periods keep the version they were scored with. The same checks as <c>POST /api/v1/scoring-schemes</c>.
/// </summary>
public sealed class SchemeModel(SchemeStore schemes, TimeProvider time) : AppPageModel
{
    protected override string? Policy => Policies.CanSupervise;

    [BindProperty]
    public SchemeForm Form { get; set; } = new();

    public IReadOnlyList<StoredScheme> Versions { get; private set; } = [];

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public int? Saved { get; private set; }

    public async Task OnGetAsync(int? saved)
    {
        Saved = saved;
        await LoadAsync();
        var current = Versions[0].Scheme;
        Form = new SchemeForm
        {
            EffectiveFrom = PageText.Date(SchemeEditing.EarliestEffectiveFrom(ChinaTime.DateOf(time.GetUtcNow()))),
            MaxPoints = N(current.MaxPoints),
            BonusCap = N(current.BonusCap),
            Indicators = [.. current.Indicators.Select(i => new IndicatorForm { Code = i.Code, Points = N(i.Points), Floor = N(i.Floor), Target = N(i.Target) })],
            Bonuses = [.. current.Bonuses.Select(b => new BonusForm { Code = b.Code, NameZh = b.NameZh, NameEn = b.NameEn, PointsEach = N(b.PointsEach), Cap = N(b.Cap) })],
            Deductions = [.. current.Deductions.Select(d => new DeductionForm { Code = d.Code, PointsEach = N(d.PointsEach), Cap = N(d.Cap) })],
            StarBands = [.. current.StarBands.OrderByDescending(b => b.Stars).Select(b => new BandForm { Stars = b.Stars, MinScore = N(b.MinScore) })],
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var parse = new ValidationErrors();
        var f = Form;
        var request = new SchemeRequest(
            Date(parse, "effectiveFrom", f.EffectiveFrom),
            Number(parse, "maxPoints", f.MaxPoints),
            [.. f.Indicators.Select((x, i) => new IndicatorRule(
                x.Code ?? "",
                Number(parse, ValidationErrors.Item("indicators", i, "points"), x.Points) ?? 0m,
                Number(parse, ValidationErrors.Item("indicators", i, "floor"), x.Floor) ?? 0m,
                Number(parse, ValidationErrors.Item("indicators", i, "target"), x.Target) ?? 0m))],
            Number(parse, "bonusCap", f.BonusCap),
            [.. f.Bonuses.Select((x, i) => new BonusRule(
                x.Code ?? "", x.NameZh ?? "", x.NameEn ?? "",
                Number(parse, ValidationErrors.Item("bonuses", i, "pointsEach"), x.PointsEach) ?? 0m,
                Number(parse, ValidationErrors.Item("bonuses", i, "cap"), x.Cap) ?? 0m))],
            [.. f.Deductions.Select((x, i) => new DeductionRule(
                x.Code ?? "",
                Number(parse, ValidationErrors.Item("deductions", i, "pointsEach"), x.PointsEach) ?? 0m,
                Number(parse, ValidationErrors.Item("deductions", i, "cap"), x.Cap) ?? 0m))],
            [.. f.StarBands.Select((x, i) => new StarBand(x.Stars, Number(parse, ValidationErrors.Item("starBands", i, "minScore"), x.MinScore) ?? 0m))]);

        var check = SchemeEditing.Check(request, ChinaTime.DateOf(time.GetUtcNow()));
        if (!parse.IsEmpty || check.Scheme is null)
        {
            var all = new ValidationErrors();
            foreach (var e in parse.Errors.Concat(check.Malformed.Errors).Concat(check.Problems.Errors).DistinctBy(e => (e.Field, e.Key)))
            {
                all.Add(e.Field, e.Key, [.. e.Arguments]);
            }

            Errors = new FormErrors(all, Language);
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var saved = await schemes.SaveAsync(Me.CountyId, check.Scheme, Me.ToAuditActor(), HttpContext.RequestAborted);
        return Redirect($"/ranking/scheme?saved={saved.Version}");
    }

    private async Task LoadAsync() => Versions = await schemes.VersionsAsync(Me.CountyId, HttpContext.RequestAborted);

    public string IndicatorName(string? code) => ScoreCatalogue.Indicator(code ?? "") is { } i ? T(i.Name.Zh, i.Name.En) : code ?? "";

    public string DeductionName(string? code) => ScoreCatalogue.Deduction(code ?? "") is { } d ? T(d.Name.Zh, d.Name.En) : code ?? "";

    public bool IsShare(string? code) => ScoreCatalogue.Indicator(code ?? "")?.Unit == IndicatorUnit.Share;

    public bool LowerIsBetter(string? code) => ScoreCatalogue.Indicator(code ?? "")?.LowerIsBetter == true;

    public static string N(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static decimal? Number(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, ValidationMessages.Required);
            return null;
        }

        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    private static DateOnly? Date(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }
}
