using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CaseFlow.Cli.Tests.Infrastructure;

/// <summary>Reads every sheet of a workbook with the Open XML SDK, independently of the CLI's own reader.</summary>
internal static class Workbook
{
    /// <summary>Sheet name → rows → cell texts (numbers as stored, invariant).</summary>
    public static Dictionary<string, List<List<string>>> Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        var part = document.WorkbookPart!;
        var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheets = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var worksheet = (WorksheetPart)part.GetPartById(sheet.Id!.Value!);
            sheets[sheet.Name!.Value!] =
            [
                .. worksheet.Worksheet.Descendants<Row>().Select(row => row.Elements<Cell>().Select(cell =>
                    cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text ?? "").ToList()),
            ];
        }

        return sheets;
    }

    /// <summary>What the Open XML schema validator finds wrong with the file: empty for a workbook Excel opens cleanly.</summary>
    public static List<string> SchemaErrors(string path)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: false);
        return [.. new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];
    }
}
