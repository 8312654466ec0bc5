using System.Globalization;

namespace CaseFlow.Web.Tests.Pages;

/// <summary>A register-dispute form as a browser posts it: one valid worker, changed field by field.</summary>
public sealed class DisputeForm
{
    public const string IdNumber = "330523199001011238";

    private readonly Dictionary<string, string> _fields;

    private DisputeForm(long unitId, DateTimeOffset receivedAt) => _fields = new(StringComparer.Ordinal)
    {
        ["Form.Channel"] = "walkIn",
        ["Form.ReceivedAt"] = receivedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        ["Form.EnterpriseMode"] = "new",
        ["Form.EnterpriseName"] = "安吉某竹木制品有限公司",
        ["Form.UnitId"] = unitId.ToString(CultureInfo.InvariantCulture),
        ["Form.Workers[0].Name"] = "张三",
        ["Form.Workers[0].IdNumber"] = IdNumber,
        ["Form.Workers[0].Phone"] = "13812345678",
        ["Form.Workers[0].AmountOwed"] = "12000",
        ["Form.Workers[0].MonthsOwed"] = "0.5",
        ["Form.ClaimTypes"] = "wageArrears",
        ["Form.Description"] = "拖欠工资",
    };

    /// <summary>A dispute at <paramref name="unitId"/>, received an hour before <paramref name="now"/>.</summary>
    public static DisputeForm At(long unitId, DateTimeOffset now) => new(unitId, now.AddHours(-1));

    public DisputeForm With(string field, string value)
    {
        _fields[field] = value;
        return this;
    }

    /// <summary>Three months owed: red, routed straight to level 3 (the town on an Anji ladder).</summary>
    public DisputeForm Red() => With("Form.Workers[0].MonthsOwed", "3");

    public IEnumerable<KeyValuePair<string, string>> Fields => _fields;
}
