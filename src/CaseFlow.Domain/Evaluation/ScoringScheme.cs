namespace CaseFlow.Domain.Evaluation;

/// <summary>
/// An indicator's points: nothing at <see cref="Floor"/> or worse, all of <see cref="Points"/> at <see cref="Target"/>
/// or better, linear between. A target below the floor means lower is better (escalations, overdue cases).
/// </summary>
public sealed record IndicatorRule(string Code, decimal Points, decimal Floor, decimal Target);

/// <summary>A kind of bonus item a unit may declare: points for each accepted item, up to <see cref="Cap"/>.</summary>
public sealed record BonusRule(string Code, string NameZh, string NameEn, decimal PointsEach, decimal Cap);

/// <summary>An automatic deduction: points for each piece of evidence, up to <see cref="Cap"/>.</summary>
public sealed record DeductionRule(string Code, decimal PointsEach, decimal Cap);

/// <summary>The lowest score that earns <see cref="Stars"/> (1–5).</summary>
public sealed record StarBand(int Stars, decimal MinScore);

/// <summary>One problem of a scheme: the field (<c>indicators[2].target</c>) and a message key with its arguments.</summary>
public sealed record SchemeProblem(string Field, string Key, params object[] Arguments);

/// <summary>
/// A county's scoring scheme (评分细则): indicators with points, bonus and deduction items with caps, a maximum and the
/// star bands. Versioned: a period is scored by the latest version in effect on its first day, so a new version
/// never changes last year's scores.
/// </summary>
public sealed record ScoringScheme
{
    public const int MinStars = 1;
    public const int MaxStars = 5;
    public const decimal MaxPointsLimit = 1000m;

    /// <summary>The highest floor or target a count indicator (overdue cases) takes.</summary>
    public const decimal MaxCountLimit = 10000m;

    public int Version { get; init; } = 1;

    public DateOnly EffectiveFrom { get; init; } = new(2000, 1, 1);

    public decimal MaxPoints { get; init; } = 200m;

    public IReadOnlyList<IndicatorRule> Indicators { get; init; } = [];

    /// <summary>The most all bonus items together may add.</summary>
    public decimal BonusCap { get; init; }

    public IReadOnlyList<BonusRule> Bonuses { get; init; } = [];

    public IReadOnlyList<DeductionRule> Deductions { get; init; } = [];

    /// <summary>Highest band first is not required; a score earns the most stars whose band it reaches.</summary>
    public IReadOnlyList<StarBand> StarBands { get; init; } = [];

    /// <summary>
    /// A Zhangjiakou-style scheme out of 200: nine indicators (190 points) and up to 10 bonus points; −2 for each red
    /// case the timer escalated for want of acceptance and −2 for each supervision item not fed back on time, each at
    /// most −10. Supervision feedback on time took its 10 points from follow-up satisfaction (20 → 10), a survey of
    /// the few cases followed up, so the maximum stays 200.
    /// </summary>
    public static ScoringScheme Default { get; } = new()
    {
        Version = 1,
        MaxPoints = 200m,
        Indicators =
        [
            new("acceptance-on-time", 30m, 0.60m, 1.00m),
            new("resolved-within-limits", 30m, 0.50m, 0.95m),
            new("resolved-at-level-1", 20m, 0.30m, 0.85m),
            new("escalated-share", 15m, 0.60m, 0.10m),
            new("money-recovered", 30m, 0.30m, 0.95m),
            new("agreements-performed-on-time", 25m, 0.50m, 1.00m),
            new("follow-up-satisfaction", 10m, 0.60m, 0.95m),
            new("overdue-cases", 20m, 10m, 0m),
            new("supervision-feedback-on-time", 10m, 0.50m, 1.00m),
        ],
        BonusCap = 10m,
        Bonuses =
        [
            new("provincial-recognition", "省级表彰", "Provincial recognition", 3m, 5m),
            new("city-recognition", "市级表彰", "City recognition", 2m, 4m),
            new("innovation", "工作创新", "Innovation in the work", 2m, 4m),
        ],
        Deductions = [new("red-case-escalated-unaccepted", 2m, 10m), new("supervision-feedback-overdue", 2m, 10m)],
        StarBands = [new(5, 170m), new(4, 150m), new(3, 130m), new(2, 110m), new(1, 0m)],
    };

    public int StarsFor(decimal score) =>
        StarBands.Where(b => score >= b.MinScore).Select(b => b.Stars).DefaultIfEmpty(MinStars).Max();

    public BonusRule? Bonus(string code) => Bonuses.FirstOrDefault(b => b.Code == code);

    /// <summary>Every problem at once; an empty list means the scheme can be saved.</summary>
    public IReadOnlyList<SchemeProblem> Validate()
    {
        var problems = new List<SchemeProblem>();
        if (MaxPoints <= 0 || MaxPoints > MaxPointsLimit)
        {
            problems.Add(new("maxPoints", SchemeMessages.OutOfRange, 1, MaxPointsLimit));
        }

        if (Indicators.Count == 0)
        {
            problems.Add(new("indicators", SchemeMessages.NoIndicators));
        }

        for (var i = 0; i < Indicators.Count; i++)
        {
            var rule = Indicators[i];
            var field = $"indicators[{i}]";
            if (ScoreCatalogue.Indicator(rule.Code) is null)
            {
                problems.Add(new(field + ".code", SchemeMessages.UnknownCode, rule.Code));
            }
            else if (Indicators.Take(i).Any(r => r.Code == rule.Code))
            {
                problems.Add(new(field + ".code", SchemeMessages.Duplicate, rule.Code));
            }

            if (rule.Points <= 0)
            {
                problems.Add(new(field + ".points", SchemeMessages.MustBePositive));
            }

            if (rule.Floor == rule.Target)
            {
                problems.Add(new(field + ".target", SchemeMessages.TargetEqualsFloor));
            }
            else if (ScoreCatalogue.Indicator(rule.Code) is { } indicator)
            {
                // The direction is the indicator's own: a share of cases met wants the target above the floor,
                // escalations and overdue cases want it below.
                if (indicator.LowerIsBetter && rule.Target > rule.Floor)
                {
                    problems.Add(new(field + ".target", SchemeMessages.TargetAboveFloor));
                }
                else if (!indicator.LowerIsBetter && rule.Target < rule.Floor)
                {
                    problems.Add(new(field + ".target", SchemeMessages.TargetBelowFloor));
                }

                var top = indicator.Unit == IndicatorUnit.Share ? 1m : MaxCountLimit;
                if (rule.Floor < 0 || rule.Floor > top)
                {
                    problems.Add(new(field + ".floor", SchemeMessages.OutOfRange, 0, top));
                }

                if (rule.Target < 0 || rule.Target > top)
                {
                    problems.Add(new(field + ".target", SchemeMessages.OutOfRange, 0, top));
                }
            }
        }

        if (BonusCap < 0)
        {
            problems.Add(new("bonusCap", SchemeMessages.MustNotBeNegative));
        }

        for (var i = 0; i < Bonuses.Count; i++)
        {
            if (Bonuses[i].PointsEach <= 0 || Bonuses[i].Cap < Bonuses[i].PointsEach)
            {
                problems.Add(new($"bonuses[{i}].cap", SchemeMessages.CapBelowPoints));
            }

            if (string.IsNullOrWhiteSpace(Bonuses[i].Code) || Bonuses.Take(i).Any(b => b.Code == Bonuses[i].Code))
            {
                problems.Add(new($"bonuses[{i}].code", SchemeMessages.Duplicate, Bonuses[i].Code));
            }
        }

        for (var i = 0; i < Deductions.Count; i++)
        {
            if (ScoreCatalogue.Deduction(Deductions[i].Code) is null)
            {
                problems.Add(new($"deductions[{i}].code", SchemeMessages.UnknownCode, Deductions[i].Code));
            }

            if (Deductions[i].PointsEach <= 0 || Deductions[i].Cap < Deductions[i].PointsEach)
            {
                problems.Add(new($"deductions[{i}].cap", SchemeMessages.CapBelowPoints));
            }
        }

        // The maximum is what a unit can reach: every indicator's points and the bonus cap together (Zhangjiakou's 200).
        var total = Indicators.Sum(r => r.Points) + BonusCap;
        if (total != MaxPoints)
        {
            problems.Add(new("maxPoints", SchemeMessages.PointsMustEqualMaximum, total, MaxPoints));
        }

        if (StarBands.Count == 0 || StarBands.Any(b => b.Stars is < MinStars or > MaxStars) || StarBands.Select(b => b.Stars).Distinct().Count() != StarBands.Count)
        {
            problems.Add(new("starBands", SchemeMessages.StarBands));
        }
        else
        {
            for (var i = 0; i < StarBands.Count; i++)
            {
                var band = StarBands[i];
                if (band.MinScore < 0 || band.MinScore > MaxPoints)
                {
                    problems.Add(new($"starBands[{i}].minScore", SchemeMessages.OutOfRange, 0, MaxPoints));
                }
                else if (StarBands.Any(b => b.Stars < band.Stars && b.MinScore >= band.MinScore))
                {
                    problems.Add(new($"starBands[{i}].minScore", SchemeMessages.StarBandsOrder));
                }
            }
        }

        return problems;
    }
}

/// <summary>The message keys of <see cref="SchemeProblem"/>; the web layer words them in Chinese and English.</summary>
public static class SchemeMessages
{
    public const string OutOfRange = "scheme.outOfRange";
    public const string NoIndicators = "scheme.noIndicators";
    public const string UnknownCode = "scheme.unknownCode";
    public const string Duplicate = "scheme.duplicate";
    public const string MustBePositive = "scheme.mustBePositive";
    public const string MustNotBeNegative = "scheme.mustNotBeNegative";
    public const string TargetEqualsFloor = "scheme.targetEqualsFloor";
    public const string CapBelowPoints = "scheme.capBelowPoints";
    public const string PointsMustEqualMaximum = "scheme.pointsMustEqualMaximum";
    public const string TargetBelowFloor = "scheme.targetBelowFloor";
    public const string TargetAboveFloor = "scheme.targetAboveFloor";
    public const string StarBands = "scheme.starBands";
    public const string StarBandsOrder = "scheme.starBandsOrder";
}
