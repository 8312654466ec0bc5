namespace CaseFlow.Data.Ledgers;

/// <summary>A ledger as read from a file: its header cells and its data rows.</summary>
public sealed record LedgerSheet(IReadOnlyList<string> Headers, IReadOnlyList<LedgerRow> Rows);

/// <summary>One data row: its number as the spreadsheet shows it (the header is row 1) and its cells as text.</summary>
public sealed record LedgerRow(int Number, IReadOnlyList<string> Cells)
{
    /// <summary>True when every cell is blank: such rows (often left at the end of a sheet) are skipped.</summary>
    public bool IsBlank => Cells.All(string.IsNullOrWhiteSpace);
}

/// <summary>Why a row (or, as row 1, the header) cannot be imported.</summary>
public sealed record LedgerProblem(int Row, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"row {Row}: {Message}" : $"row {Row}, {Column}: {Message}";
}
