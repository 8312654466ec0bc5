using System.Globalization;
using CaseFlow.Domain.Evaluation;
using CaseFlow.Web.Pages;
using CaseFlow.Web.Problems;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CaseFlow.Web.Evaluation;

/// <summary>
/// The ranking as the xlsx a county union sends upward (单位考核排名表): one row per unit with rank, score, stars,
/// trend, each indicator's value and points, bonus and deduction points; a second sheet with the scheme it was
/// scored by. Written with the Open XML SDK the CLI's ledger and report files use.
/// </summary>
public static class RankingWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Write(RankingView view, string countyName, MessageLanguage language)
    {
        ArgumentNullException.ThrowIfNull(view);
        var en = language == MessageLanguage.English;
        string T(string zh, string english) => en ? english : zh;
        var scheme = view.Ranking.Scheme;
        var indicators = scheme.Indicators.Select(r => ScoreCatalogue.Indicator(r.Code)!).ToList();

        var headers = new List<string> { T("排名", "Rank"), T("单位", "Unit"), T("类型", "Kind"), T("得分", "Score"), T("满分", "Out of"), T("星级", "Stars"), T("较上期", "Change") };
        foreach (var i in indicators)
        {
            headers.Add((en ? i.Name.En : i.Name.Zh) + T("（值）", " (value)"));
            headers.Add((en ? i.Name.En : i.Name.Zh) + T("（得分）", " (points)"));
        }

        headers.Add(T("加分", "Bonus"));
        headers.Add(T("扣分", "Deductions"));

        var rows = view.Rows.Select(r =>
        {
            var c = r.Score.Card;
            var row = new List<object?> { r.Rank, r.Score.Unit.Name, PageText.UnitKind(r.Score.Unit.Kind, language), c.Score, c.MaxPoints, c.Stars, r.Score.Trend };
            foreach (var i in c.Indicators)
            {
                row.Add(i.Measure.Value is { } v ? (i.Unit == IndicatorUnit.Share ? new Share(v) : v) : null);
                row.Add(i.Points);
            }

            row.Add(Math.Min(scheme.BonusCap, c.Bonuses.Sum(b => b.Points)));
            row.Add(c.Deductions.Sum(d => d.Points));
            return (IReadOnlyList<object?>)row;
        }).ToList();

        var title = $"{countyName} {view.Ranking.Period} {T("单位考核排名", "unit ranking")}（{T("评分细则第", "scheme version ")}{scheme.Version}{T("版", "")}）";
        var schemeRows = scheme.Indicators.Select(r => (IReadOnlyList<object?>)[en ? ScoreCatalogue.Indicator(r.Code)!.Name.En : ScoreCatalogue.Indicator(r.Code)!.Name.Zh, r.Points, r.Floor, r.Target])
            .Concat(scheme.Bonuses.Select(b => (IReadOnlyList<object?>)[(en ? b.NameEn : b.NameZh) + T("（加分，每项）", " (bonus, each)"), b.PointsEach, null, b.Cap]))
            .Concat(scheme.Deductions.Select(d => (IReadOnlyList<object?>)[(en ? ScoreCatalogue.Deduction(d.Code)!.Name.En : ScoreCatalogue.Deduction(d.Code)!.Name.Zh) + T("（扣分，每项）", " (deduction, each)"), -d.PointsEach, null, -d.Cap]))
            .ToList();

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            AddSheet(workbook, sheets, 1, T("排名", "Ranking"), title, headers, rows);
            AddSheet(workbook, sheets, 2, T("评分细则", "Scheme"), title, [T("项目", "Item"), T("分值", "Points"), T("起评值", "Floor"), T("满分值/上限", "Target / cap")], schemeRows);
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private readonly record struct Share(decimal Value);

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, string title, List<string> headers, List<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.Append(Row(1, [title], HeaderStyle));
        data.Append(Row(2, [.. headers], HeaderStyle));
        for (var i = 0; i < rows.Count; i++)
        {
            data.Append(Row((uint)(i + 3), rows[i], null));
        }

        var columns = new Columns();
        for (var c = 0; c < headers.Count; c++)
        {
            var widest = rows.Select(r => c < r.Count ? Width(r[c]) : 0).Append(Width(headers[c])).Max();
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Min(40, widest + 2), CustomWidth = true });
        }

        part.Worksheet = new Worksheet(columns, data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    private const uint HeaderStyle = 1;
    private const uint DecimalStyle = 2;
    private const uint PercentStyle = 3;

    private static Row Row(uint number, IReadOnlyList<object?> values, uint? style)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Count; i++)
        {
            var cell = values[i] switch
            {
                null => new Cell(),
                string text => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }) },
                Share s => Number(s.Value.ToString(CultureInfo.InvariantCulture), PercentStyle),
                decimal d => Number(d.ToString(CultureInfo.InvariantCulture), DecimalStyle),
                int or long => Number(Convert.ToString(values[i], CultureInfo.InvariantCulture)!, null),
                var other => throw new ArgumentException($"Cannot write a {other.GetType().Name} to a cell.", nameof(values)),
            };
            cell.CellReference = Column(i) + number.ToString(CultureInfo.InvariantCulture);
            if (style is { } s2)
            {
                cell.StyleIndex = s2;
            }

            row.Append(cell);
        }

        return row;
    }

    private static Cell Number(string text, uint? style) => new() { DataType = CellValues.Number, CellValue = new CellValue(text), StyleIndex = style };

    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static double Width(object? value) =>
        (value switch { null => "", string s => s, Share => "100.00%", _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "" })
        .Sum(c => c > 0x2E7F ? 2.0 : 1.0);

    private static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }), new Font(new Bold(), new FontSize { Val = 11 })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            // Built-in number formats: 2 is "0.00", 10 is "0.00%".
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true }));
}
