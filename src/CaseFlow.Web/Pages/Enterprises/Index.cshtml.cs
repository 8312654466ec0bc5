using CaseFlow.Data.Enterprises;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Pages.Enterprises;

/// <summary>The enterprise risk register as a watch list: highest risk first, filtered by alert.</summary>
public sealed class IndexModel(EnterpriseRegister register, EnterpriseRegisterOptions options) : AppPageModel
{
    protected override string? Policy => Policies.CanActOnCases;

    public IReadOnlyList<RegisterEntry> Entries { get; private set; } = [];

    public EnterpriseAlerts? Alert { get; private set; }

    public EnterpriseRegisterOptions Options => options;

    public async Task OnGetAsync(string? alert)
    {
        var entries = await register.ListAsync(Me.UnitPath, HttpContext.RequestAborted);
        Alert = EnterpriseText.All.Cast<EnterpriseAlerts?>().FirstOrDefault(a => alert is not null && EnterpriseText.Code(a!.Value) == alert);
        Entries = Alert is { } wanted ? [.. entries.Where(e => e.Alerts.HasFlag(wanted))] : entries;
    }
}
