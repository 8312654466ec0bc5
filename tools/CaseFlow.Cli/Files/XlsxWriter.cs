using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CaseFlow.Cli.Files;

/// <summary>A share shown as a percentage (0.25 → 25.00%).</summary>
internal readonly record struct Percent(decimal Value);

/// <summary>One worksheet to write: a bold header row, then rows of text, numbers and percentages.</summary>
internal sealed record XlsxSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes small workbooks with the Open XML SDK: inline strings (no shared-string table to keep in step), numbers with
/// two decimals or as whole numbers, percentages, dates, a bold header and column widths that fit Chinese text.
/// </summary>
internal static class XlsxWriter
{
    private const uint HeaderStyle = 1;
    private const uint DecimalStyle = 2;
    private const uint PercentStyle = 3;
    private const uint DateStyle = 4;

    public static void Write(string path, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());

        uint sheetId = 1;
        foreach (var sheet in sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(1, sheet.Headers.Cast<object?>().ToList(), header: true));
            for (var i = 0; i < sheet.Rows.Count; i++)
            {
                data.Append(Row((uint)(i + 2), sheet.Rows[i], header: false));
            }

            part.Worksheet = new Worksheet(Widths(sheet), data);
            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
        }

        workbookPart.Workbook.Save();
    }

    /// <summary>The column letters of a zero-based index: 0 → A, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Row Row(uint number, IReadOnlyList<object?> values, bool header)
    {
        var row = new Row { RowIndex = number };
        for (var i = 0; i < values.Count; i++)
        {
            var cell = Cell(values[i]);
            cell.CellReference = ColumnName(i) + number.ToString(CultureInfo.InvariantCulture);
            if (header)
            {
                cell.StyleIndex = HeaderStyle;
            }

            row.Append(cell);
        }

        return row;
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        string text => new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        },
        decimal d => Number(d.ToString(CultureInfo.InvariantCulture), DecimalStyle),
        double d => Number(d.ToString("R", CultureInfo.InvariantCulture), DecimalStyle),
        int or long => Number(Convert.ToString(value, CultureInfo.InvariantCulture)!, 0),
        Percent p => Number(p.Value.ToString(CultureInfo.InvariantCulture), PercentStyle),
        DateOnly date => Number(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture), DateStyle),
        _ => throw new ArgumentException($"Cannot write a {value.GetType().Name} to a cell.", nameof(value)),
    };

    private static Cell Number(string text, uint style) => new()
    {
        DataType = CellValues.Number,
        CellValue = new CellValue(text),
        StyleIndex = style == 0 ? null : style,
    };

    /// <summary>Wide enough for the longest value in each column: a CJK character takes about two widths of a digit.</summary>
    private static Columns Widths(XlsxSheet sheet)
    {
        var columns = new Columns();
        for (var i = 0; i < sheet.Headers.Count; i++)
        {
            var widest = sheet.Rows.Select(r => i < r.Count ? Width(r[i]) : 0).Append(Width(sheet.Headers[i])).Max();
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = Math.Min(60, widest + 2), CustomWidth = true });
        }

        return columns;
    }

    private static double Width(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            decimal d => d.ToString("N2", CultureInfo.InvariantCulture),
            Percent => "100.00%",
            DateOnly => "2026-01-01",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return text.Sum(c => c > 0x2E7F ? 2.0 : 1.0);
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }),
            new Font(new Bold(), new FontSize { Val = 11 })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellStyleFormats(new CellFormat()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            // Built-in number formats: 2 is "0.00", 10 is "0.00%", 14 the short date (yyyy/m/d in a Chinese Excel).
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
}
