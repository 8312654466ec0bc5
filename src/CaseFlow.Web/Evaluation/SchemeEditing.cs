using CaseFlow.Domain;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Evaluation;

/// <summary>The checks of a new scheme version: a malformed field (400), or a scheme that does not hold together (422).</summary>
/// <param name="Malformed">Missing or malformed fields: answered 400.</param>
/// <param name="Problems">The scheme's own problems (points not adding up, bands out of order): answered 422.</param>
public sealed record SchemeCheck(ValidationErrors Malformed, ValidationErrors Problems, ScoringScheme? Scheme);

/// <summary>
/// One validation for the scoring-scheme API and the edit page. A new version may not take effect before the first day
/// of this (China) year: the periods of earlier years keep the version they were scored with, and so do their
/// star ratings.
/// </summary>
public static class SchemeEditing
{
    public static DateOnly EarliestEffectiveFrom(DateOnly today) => new(today.Year, 1, 1);

    public static SchemeCheck Check(SchemeRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var malformed = new ValidationErrors();
        if (malformed.Required("effectiveFrom", request.EffectiveFrom))
        {
            malformed.DateWithin("effectiveFrom", request.EffectiveFrom, EarliestEffectiveFrom(today), new DateOnly(ScorePeriod.MaxYear, 12, 31));
        }

        malformed.Required("maxPoints", request.MaxPoints);
        malformed.AtMostTwoDecimals("maxPoints", request.MaxPoints);
        malformed.AtMostTwoDecimals("bonusCap", request.BonusCap);
        var indicators = request.Indicators ?? [];
        for (var i = 0; i < indicators.Count; i++)
        {
            if (indicators[i] is null)
            {
                malformed.Add($"indicators[{i}]", ValidationMessages.Required);
                continue;
            }

            malformed.AtMostTwoDecimals(ValidationErrors.Item("indicators", i, "points"), indicators[i].Points);
            // Floors and targets of shares are fractions (0.85): four places, as the measured values have.
            FourDecimals(malformed, ValidationErrors.Item("indicators", i, "floor"), indicators[i].Floor);
            FourDecimals(malformed, ValidationErrors.Item("indicators", i, "target"), indicators[i].Target);
        }

        var bonuses = request.Bonuses ?? [];
        for (var i = 0; i < bonuses.Count; i++)
        {
            if (bonuses[i] is null)
            {
                malformed.Add($"bonuses[{i}]", ValidationMessages.Required);
                continue;
            }

            malformed.Name(ValidationErrors.Item("bonuses", i, "nameZh"), bonuses[i].NameZh, MaxBonusName);
            malformed.Name(ValidationErrors.Item("bonuses", i, "nameEn"), bonuses[i].NameEn, MaxBonusName);
            malformed.AtMostTwoDecimals(ValidationErrors.Item("bonuses", i, "pointsEach"), bonuses[i].PointsEach);
            malformed.AtMostTwoDecimals(ValidationErrors.Item("bonuses", i, "cap"), bonuses[i].Cap);
            malformed.MaxLength(ValidationErrors.Item("bonuses", i, "code"), bonuses[i].Code, MaxCode);
        }

        var deductions = request.Deductions ?? [];
        for (var i = 0; i < deductions.Count; i++)
        {
            if (deductions[i] is null)
            {
                malformed.Add($"deductions[{i}]", ValidationMessages.Required);
                continue;
            }

            malformed.AtMostTwoDecimals(ValidationErrors.Item("deductions", i, "pointsEach"), deductions[i].PointsEach);
            malformed.AtMostTwoDecimals(ValidationErrors.Item("deductions", i, "cap"), deductions[i].Cap);
        }

        var bands = request.StarBands ?? [];
        for (var i = 0; i < bands.Count; i++)
        {
            if (bands[i] is null)
            {
                malformed.Add($"starBands[{i}]", ValidationMessages.Required);
                continue;
            }

            malformed.AtMostTwoDecimals(ValidationErrors.Item("starBands", i, "minScore"), bands[i].MinScore);
        }

        var problems = new ValidationErrors();
        if (!malformed.IsEmpty)
        {
            return new SchemeCheck(malformed, problems, null);
        }

        var scheme = new ScoringScheme
        {
            EffectiveFrom = request.EffectiveFrom!.Value,
            MaxPoints = request.MaxPoints!.Value,
            Indicators = indicators,
            BonusCap = request.BonusCap ?? 0m,
            Bonuses = bonuses,
            Deductions = deductions,
            StarBands = bands,
        };
        foreach (var problem in scheme.Validate())
        {
            problems.Add(problem.Field, problem.Key, problem.Arguments);
        }

        return new SchemeCheck(malformed, problems, problems.IsEmpty ? scheme : null);
    }

    /// <summary>A bonus kind's code, as <c>bonus_items.kind</c> holds it.</summary>
    public const int MaxCode = 32;

    public const int MaxBonusName = 50;

    private static void FourDecimals(ValidationErrors errors, string field, decimal value)
    {
        if (decimal.Round(value, 4) != value)
        {
            errors.Add(field, ValidationMessages.TooManyDecimals4);
        }
    }
}
