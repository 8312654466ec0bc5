namespace CaseFlow.Data.Ledgers;

/// <summary>
/// The columns of a union's dispute ledger (台账), one row per worker. Headers are matched by name, in any order;
/// other columns are ignored, so an export (which adds the case number) imports again.
/// </summary>
public static class LedgerColumns
{
    public const string RegisteredOn = "登记日期";
    public const string EnterpriseName = "企业名称";
    public const string CreditCode = "统一社会信用代码";
    public const string WorkerName = "劳动者姓名";
    public const string IdNumber = "身份证号";
    public const string Phone = "联系电话";
    public const string AmountOwed = "欠薪金额";
    public const string MonthsOwed = "欠薪月数";
    public const string WorkersInvolved = "涉及人数";
    public const string DisputeType = "争议类型";
    public const string Town = "所属乡镇";
    public const string Handling = "处理情况";

    /// <summary>The worker's identity document type (居民身份证 when the column or the cell is absent).</summary>
    public const string IdType = "证件类型";

    /// <summary>A passport's issuing country (ISO 3166-1 alpha-3, e.g. VNM); empty for every other document.</summary>
    public const string IdCountry = "国籍";

    /// <summary>Yuan recovered for this worker, for a finished case (closed history); optional.</summary>
    public const string AmountRecovered = "追回金额";

    /// <summary>Written by the export after the ledger's own columns; ignored by the import.</summary>
    public const string CaseNumber = "案件编号";

    /// <summary>The ledger's own columns in their usual order (the sample ledgers have exactly these).</summary>
    public static IReadOnlyList<string> Ledger { get; } =
    [
        RegisteredOn, EnterpriseName, CreditCode, WorkerName, IdNumber, Phone, AmountOwed, MonthsOwed, WorkersInvolved,
        DisputeType, Town, Handling,
    ];

    /// <summary>Optional columns read when present: the document type and a passport's country, and the amount recovered.</summary>
    public static IReadOnlyList<string> Additional { get; } = [IdType, IdCountry, AmountRecovered];

    /// <summary>Every ledger column but 处理情况, which may be left out.</summary>
    public static IReadOnlyList<string> Required { get; } = [.. Ledger.Where(c => c != Handling)];

    /// <summary>What the export writes: the ledger's columns, the additional ones, then the case number.</summary>
    public static IReadOnlyList<string> Export { get; } = [.. Ledger, .. Additional, CaseNumber];
}
