using CaseFlow.Domain.Enterprises;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages.Enterprises;

/// <summary>The register's alerts in words.</summary>
public static class EnterpriseText
{
    public static IReadOnlyList<EnterpriseAlerts> All { get; } =
        [.. Enum.GetValues<EnterpriseAlerts>().Where(a => a != EnterpriseAlerts.None)];

    public static string Code(EnterpriseAlerts alert) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(alert.ToString());

    public static string Alert(EnterpriseAlerts alert, MessageLanguage language) => (alert, language == MessageLanguage.English) switch
    {
        (EnterpriseAlerts.RepeatOffender, false) => "多次发生纠纷",
        (EnterpriseAlerts.AgreementNotPerformed, false) => "调解协议未履行",
        (EnterpriseAlerts.CriminalThreshold, false) => "达到拒不支付劳动报酬罪数额标准",
        (EnterpriseAlerts.DishonestyListCandidate, false) => "建议提请列入拖欠农民工工资失信联合惩戒名单",
        (EnterpriseAlerts.NoRecentHealthCheck, false) => "多次纠纷且近期未做法律体检",
        (EnterpriseAlerts.ScreenedAtRisk, false) => "网格摸排发现风险",
        (EnterpriseAlerts.RepeatOffender, true) => "Repeat disputes",
        (EnterpriseAlerts.AgreementNotPerformed, true) => "Agreement not performed",
        (EnterpriseAlerts.CriminalThreshold, true) => "Meets the criminal-threshold figures",
        (EnterpriseAlerts.DishonestyListCandidate, true) => "Candidate for the wage-arrears dishonesty list (refer it)",
        (EnterpriseAlerts.NoRecentHealthCheck, true) => "Repeat disputes, no recent legal health check",
        (EnterpriseAlerts.ScreenedAtRisk, true) => "At risk in grid screening",
        _ => alert.ToString(),
    };

    public static IEnumerable<EnterpriseAlerts> Of(EnterpriseAlerts alerts) => All.Where(a => alerts.HasFlag(a));
}
