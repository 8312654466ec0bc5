using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CaseFlow.Cli.Files;

/// <summary>The rows of a workbook's first sheet as text, numbered as the spreadsheet shows them.</summary>
internal static class XlsxReader
{
    // Built-in number formats that show a date (ECMA-376 18.8.30 and the CJK ones Excel uses in China).
    private static readonly HashSet<uint> DateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    /// <returns>Every non-empty row of the first sheet: its row number and its cells, gaps filled with empty text.</returns>
    public static IReadOnlyList<(int Number, IReadOnlyList<string> Cells)> ReadFirstSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException($"{path} has no workbook.");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
            ?? throw new InvalidDataException($"{path} has no worksheet.");
        var worksheet = (WorksheetPart)workbookPart.GetPartById(sheet.Id!.Value!);
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var dateStyles = DateStyles(workbookPart.WorkbookStylesPart?.Stylesheet);

        var rows = new List<(int, IReadOnlyList<string>)>();
        var next = 1;
        foreach (var row in worksheet.Worksheet.Descendants<Row>())
        {
            var number = row.RowIndex?.Value is { } index ? (int)index : next;
            next = number + 1;
            var cells = new List<string>();
            var position = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : position;
                while (cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(Text(cell, shared, dateStyles));
                position = column + 1;
            }

            if (cells.Any(c => c.Length > 0))
            {
                rows.Add((number, cells));
            }
        }

        return rows;
    }

    private static string Text(Cell cell, List<string> shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count ? shared[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if ((type is null || type == CellValues.Number)
            && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is >= 1 and < 2958466)
            {
                return DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            // The shortest text that reads back as the same double: 8533.33, not 8533.3299999999999.
            return number.ToString("R", CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>The cell formats (style indexes) that display a date.</summary>
    private static HashSet<uint> DateStyles(Stylesheet? stylesheet)
    {
        var styles = new HashSet<uint>();
        if (stylesheet?.CellFormats is null)
        {
            return styles;
        }

        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && IsDateFormat(f.FormatCode?.Value ?? ""))
            .Select(f => f.NumberFormatId!.Value)
            .ToHashSet() ?? [];
        uint index = 0;
        foreach (var format in stylesheet.CellFormats.Elements<CellFormat>())
        {
            if (format.NumberFormatId?.Value is { } id && (DateFormats.Contains(id) || custom.Contains(id)))
            {
                styles.Add(index);
            }

            index++;
        }

        return styles;
    }

    // A format code shows a date when, outside quoted text and [colour] or [locale] brackets, it has y, d or 年/月/日.
    private static bool IsDateFormat(string code)
    {
        var inQuotes = false;
        var inBrackets = false;
        foreach (var c in code)
        {
            switch (c)
            {
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case '[' when !inQuotes:
                    inBrackets = true;
                    break;
                case ']' when !inQuotes:
                    inBrackets = false;
                    break;
                default:
                    if (!inQuotes && !inBrackets && c is 'y' or 'Y' or 'd' or 'D' or '年' or '日')
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    /// <summary>The zero-based column of a reference such as "C12".</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
