using System.Globalization;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages.Ranking;

/// <summary>How scorecard figures read on the pages.</summary>
public static class RankingText
{
    public static string Stars(int stars) => new string('★', stars) + new string('☆', ScoringScheme.MaxStars - stars);

    public static string StarsLabel(int stars, MessageLanguage language) =>
        language == MessageLanguage.English ? $"{stars} star{(stars == 1 ? "" : "s")}" : $"{stars} 星";

    public static string Points(decimal points) => points.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Trend(decimal? trend) => trend switch
    {
        null => "—",
        > 0 => "↑ +" + Points(trend.Value),
        < 0 => "↓ " + Points(trend.Value),
        _ => "→ 0.00",
    };

    public static string Value(IndicatorScore indicator, MessageLanguage language) => indicator.Measure.Value switch
    {
        null => language == MessageLanguage.English ? "no cases" : "无案件",
        { } v when indicator.Unit == IndicatorUnit.Share => (v * 100m).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        { } v => v.ToString("0", CultureInfo.InvariantCulture),
    };

    public static string Name(IndicatorName name, MessageLanguage language) => language == MessageLanguage.English ? name.En : name.Zh;

    public static string Rule(IndicatorScore indicator, MessageLanguage language)
    {
        string Show(decimal x) => indicator.Unit == IndicatorUnit.Share ? (x * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%" : x.ToString("0.##", CultureInfo.InvariantCulture);
        return language == MessageLanguage.English
            ? $"0 points at {Show(indicator.Rule.Floor)}, {Points(indicator.MaxPoints)} at {Show(indicator.Rule.Target)}, linear between"
            : $"{Show(indicator.Rule.Floor)} 得 0 分，{Show(indicator.Rule.Target)} 得满分 {Points(indicator.MaxPoints)}，其间按比例";
    }
}
