using CaseFlow.Domain.Screening;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Pages.Screening;

/// <summary>Wage-payment statuses in words, and their API names.</summary>
public static class ScreeningText
{
    public static IReadOnlyList<WageStatus> All { get; } = Enum.GetValues<WageStatus>();

    public static string Code(WageStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static string Status(WageStatus status, MessageLanguage language) => (status, language == MessageLanguage.English) switch
    {
        (WageStatus.Normal, false) => "工资正常发放",
        (WageStatus.Late, false) => "工资迟发",
        (WageStatus.InArrears, false) => "欠薪",
        (WageStatus.StoppedProduction, false) => "停工停产",
        (WageStatus.OwnerUnreachable, false) => "经营者联系不上",
        (WageStatus.Normal, true) => "Paid normally",
        (WageStatus.Late, true) => "Paid late",
        (WageStatus.InArrears, true) => "In arrears",
        (WageStatus.StoppedProduction, true) => "Production stopped",
        (WageStatus.OwnerUnreachable, true) => "Owner unreachable",
        _ => status.ToString(),
    };
}
