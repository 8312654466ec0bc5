using System.Globalization;
using System.Text;
using CaseFlow.Data.Ledgers;
using CsvHelper;
using CsvHelper.Configuration;

namespace CaseFlow.Cli.Files;

/// <summary>Which kind of table file: chosen by <c>--format</c> or by the file's extension.</summary>
internal enum TableFormat
{
    Csv,
    Xlsx,
}

/// <summary>Reads ledgers from, and writes tables to, CSV and xlsx files.</summary>
internal static class TableFiles
{
    private static readonly Encoding Utf8Strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format named by the file's extension, or null for any other.</summary>
    public static TableFormat? FormatOf(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".CSV" => TableFormat.Csv,
        ".XLSX" => TableFormat.Xlsx,
        _ => null,
    };

    /// <summary>A ledger from a .csv (UTF-8, or GB18030 as Excel saves CSV on Chinese Windows) or .xlsx (first sheet) file.</summary>
    public static LedgerSheet ReadLedger(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliFailure($"There is no file {path}.");
        }

        var rows = FormatOf(path) switch
        {
            TableFormat.Csv => ReadCsv(path),
            TableFormat.Xlsx => XlsxReader.ReadFirstSheet(path),
            _ => throw new CliFailure($"{path}: a ledger is a .csv or .xlsx file."),
        };
        if (rows.Count == 0)
        {
            throw new CliFailure($"{path} is empty: a ledger starts with a header row ({string.Join(", ", LedgerColumns.Ledger)}).");
        }

        return new LedgerSheet(rows[0].Cells, [.. rows.Skip(1).Select(r => new LedgerRow(r.Number, r.Cells))]);
    }

    /// <summary>Writes a table as CSV (UTF-8 with a byte-order mark, which Excel needs to read Chinese) or as an xlsx sheet.</summary>
    public static void Write(string path, TableFormat format, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        if (format == TableFormat.Xlsx)
        {
            XlsxWriter.Write(path, [new XlsxSheet(sheetName, headers, rows)]);
            return;
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" });
        foreach (var header in headers)
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var value in row)
            {
                csv.WriteField(value switch
                {
                    null => "",
                    string s => s,
                    DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                });
            }

            csv.NextRecord();
        }
    }

    private static List<(int Number, IReadOnlyList<string> Cells)> ReadCsv(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string text;
        try
        {
            text = Utf8Strict.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        text = text.TrimStart('\uFEFF');
        var rows = new List<(int, IReadOnlyList<string>)>();
        using var parser = new CsvParser(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = true, IgnoreBlankLines = false });
        var number = 0;
        while (parser.Read())
        {
            // Records are counted as a spreadsheet counts rows: the header is row 1.
            number++;
            var cells = parser.Record ?? [];
            if (cells.Any(c => c.Length > 0))
            {
                rows.Add((number, cells));
            }
        }

        return rows;
    }
}
