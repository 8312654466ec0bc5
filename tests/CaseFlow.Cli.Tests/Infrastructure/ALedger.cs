using System.Text;
using CaseFlow.Data.Ledgers;

namespace CaseFlow.Cli.Tests.Infrastructure;

/// <summary>Builds small ledger CSV files: every value is valid unless a test says otherwise.</summary>
internal sealed class ALedger
{
    private readonly List<string[]> _rows = [];

    public static ALedger Empty() => new();

    /// <summary>One worker's row; the defaults make a yellow wage case of a new employer in 孝丰镇.</summary>
    public ALedger Row(
        string date = "2026-11-02",
        string enterprise = "安吉县新开竹业有限公司",
        string creditCode = "91330523MA2JH5XK19",
        string name = "赵卫东",
        string idNumber = "330523198901241296",
        string phone = "17758348461",
        string amount = "3000.00",
        string months = "0.5",
        string workers = "1",
        string type = "欠薪",
        string town = "孝丰镇",
        string handling = "")
    {
        _rows.Add([date, enterprise, creditCode, name, idNumber, phone, amount, months, workers, type, town, handling]);
        return this;
    }

    public string WriteTo(string path)
    {
        var csv = new StringBuilder();
        foreach (var row in _rows.Prepend([.. LedgerColumns.Ledger]))
        {
            csv.Append(string.Join(',', row)).Append("\r\n");
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
