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

    /// <summary>Written by the export after the ledger's own columns; ignored by the import.</summary>
    public const string CaseNumber = "案件编号";

    /// <summary>The ledger's columns in their usual order.</summary>
    public static IReadOnlyList<string> Ledger { get; } =
    [
        RegisteredOn, EnterpriseName, CreditCode, WorkerName, IdNumber, Phone, AmountOwed, MonthsOwed, WorkersInvolved,
        DisputeType, Town, Handling,
    ];

    /// <summary>Every ledger column but 处理情况, which may be left out.</summary>
    public static IReadOnlyList<string> Required { get; } = [.. Ledger.Where(c => c != Handling)];

    /// <summary>What the export writes: the ledger's columns, then the case number.</summary>
    public static IReadOnlyList<string> Export { get; } = [.. Ledger, CaseNumber];
}
