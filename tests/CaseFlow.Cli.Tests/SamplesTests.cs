using CaseFlow.Cli.Files;
using CaseFlow.Cli.Tests.Infrastructure;
using CaseFlow.Data.Ledgers;

namespace CaseFlow.Cli.Tests;

/// <summary>The committed samples under tools/samples stay what their README says they are.</summary>
public class SamplesTests
{
    /// <summary>Set to 1 to rewrite tools/samples/ledger.xlsx from ledger.csv.</summary>
    public const string RewriteVariable = "CASEFLOW_WRITE_SAMPLES";

    [Fact]
    public void LedgerXlsx_IsLedgerCsvAsASpreadsheet_WithDateAndNumberCells()
    {
        var xlsx = Repository.Sample("ledger.xlsx");
        var csv = TableFiles.ReadLedger(Repository.Sample("ledger.csv"));
        if (Environment.GetEnvironmentVariable(RewriteVariable) == "1")
        {
            XlsxWriter.Write(xlsx, [new XlsxSheet("台账", csv.Headers, [.. csv.Rows.Select(Typed)])]);
        }

        var read = TableFiles.ReadLedger(xlsx);

        Workbook.SchemaErrors(xlsx).Should().BeEmpty();
        read.Headers.Should().Equal(LedgerColumns.Ledger);
        read.Rows.Select(r => r.Number).Should().Equal(csv.Rows.Select(r => r.Number));
        read.Rows.Select(r => r.Cells[0]).Should().Equal(csv.Rows.Select(r => r.Cells[0]), "登记日期 cells are dates, read back as yyyy-MM-dd");
        read.Rows.Select(r => decimal.Parse(r.Cells[6], System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(csv.Rows.Select(r => decimal.Parse(r.Cells[6], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ledgers_UseValidIdentifiers_AndBadLedgerHasBadRowsBesideGoodOnes()
    {
        var today = new DateOnly(2026, 11, 21);

        var good = LedgerParser.Parse(TableFiles.ReadLedger(Repository.Sample("ledger.csv")), today);
        var bad = LedgerParser.Parse(TableFiles.ReadLedger(Repository.Sample("bad-ledger.csv")), today);

        good.Problems.Should().BeEmpty();
        good.Cases.Should().HaveCount(8).And.Contain(c => c.Workers.Count >= 4);
        bad.Problems.Should().NotBeEmpty();
        bad.Cases.Should().NotBeEmpty();
    }

    /// <summary>The CSV's text as a spreadsheet holds it: dates as dates, amounts, months and counts as numbers.</summary>
    private static object?[] Typed(LedgerRow row)
    {
        var cells = row.Cells.Cast<object?>().ToArray();
        LedgerParser.TryParseDate(row.Cells[0], out var date).Should().BeTrue();
        cells[0] = date;
        cells[6] = decimal.Parse(row.Cells[6], System.Globalization.CultureInfo.InvariantCulture);
        cells[7] = decimal.Parse(row.Cells[7], System.Globalization.CultureInfo.InvariantCulture);
        cells[8] = int.Parse(row.Cells[8], System.Globalization.CultureInfo.InvariantCulture);
        return cells;
    }
}
