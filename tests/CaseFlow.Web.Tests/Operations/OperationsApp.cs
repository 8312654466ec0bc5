using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;
using CaseFlow.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Operations;

/// <summary>The test host with the Anji ladder on its county (so cases route) and its backups in a temporary folder.</summary>
public class OperationsApp : CaseFlowApp
{
    public string BackupFolder { get; } = Path.Combine(Path.GetTempPath(), "caseflow-web-tests", "backups-" + Guid.NewGuid().ToString("N"));

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Backup:Folder"] = BackupFolder,
    }.Concat(MoreSettings).ToDictionary(p => p.Key, p => p.Value);

    protected virtual IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var orgs = Services.GetRequiredService<OrgStore>();
        await Database.InTransactionAsync((c, t) => orgs.SaveLadderAsync(c, t, Org.County, MediationLadder.Anji));
    }

    /// <summary>A dispute at the village (level 1 at the employer's group), with the README's example numbers.</summary>
    public object Dispute(string idNumber = "11010519491231002X", string phone = "13812345678") => new
    {
        channel = "walkIn",
        receivedAt = Clock.GetUtcNow().AddHours(-1),
        enterprise = new { name = "安吉某竹木制品有限公司", creditCode = "91350100M000100Y43", unitId = Org.Village },
        workers = new[] { new { name = "张三", idNumber, phone, amountOwed = 12000.00m, monthsOwed = 0.5m } },
        claimTypes = new[] { "wageArrears" },
        description = "拖欠工资",
    };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(BackupFolder))
        {
            Directory.Delete(BackupFolder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
