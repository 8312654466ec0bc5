using System.Globalization;
using System.Text.RegularExpressions;

namespace CaseFlow.Domain.Evaluation;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A scoring period of China dates, [<see cref="From"/>, <see cref="To"/>): a year ("2026"), a quarter ("2026-Q3") or a
/// month ("2026-10"), written in that form too.
/// </summary>
public sealed partial record ScorePeriod(PeriodKind Kind, int Year, int Number)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public DateOnly From => Kind switch
    {
        PeriodKind.Year => new DateOnly(Year, 1, 1),
        PeriodKind.Quarter => new DateOnly(Year, ((Number - 1) * 3) + 1, 1),
        _ => new DateOnly(Year, Number, 1),
    };

    public DateOnly To => Kind switch
    {
        PeriodKind.Year => From.AddYears(1),
        PeriodKind.Quarter => From.AddMonths(3),
        _ => From.AddMonths(1),
    };

    public ScorePeriod Previous => Kind switch
    {
        PeriodKind.Year => this with { Year = Year - 1 },
        PeriodKind.Quarter => Number == 1 ? new(Kind, Year - 1, 4) : this with { Number = Number - 1 },
        _ => Number == 1 ? new(Kind, Year - 1, 12) : this with { Number = Number - 1 },
    };

    public static ScorePeriod YearOf(int year) => new(PeriodKind.Year, year, 1);

    public override string ToString() => Kind switch
    {
        PeriodKind.Year => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}-{Number:00}"),
    };

    public static bool TryParse(string? text, out ScorePeriod period)
    {
        period = YearOf(MinYear);
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
        {
            return false;
        }

        if (match.Groups["quarter"].Success)
        {
            period = new(PeriodKind.Quarter, year, int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture));
            return true;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }

            period = new(PeriodKind.Month, year, month);
            return true;
        }

        period = YearOf(year);
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?:-Q(?<quarter>[1-4])|-(?<month>\d{2}))?$")]
    private static partial Regex Pattern();
}
