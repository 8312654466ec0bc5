using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Backups;
using CaseFlow.Data.Operations;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Health;
using CaseFlow.Web.Scheduling;
using Microsoft.AspNetCore.Mvc;

namespace CaseFlow.Web.Pages.Admin;

/// <summary>
/// The administrator's view of operations: the database, the last good backup and its age (degraded after the
/// configured hours), the backups kept, and a button that takes a backup now (audited as <c>backup.run</c>).
/// </summary>
public sealed class OperationsModel(Database database, OperationsQueries queries, AuditWriter audit, IServiceProvider services) : AppPageModel
{
    protected override string? Policy => Policies.CanAdminister;

    public DatabaseProvider Provider => database.Provider;

    public long DatabaseBytes { get; private set; }

    /// <summary>Null where this host takes no backups (SQL Server, or the backup job off).</summary>
    public BackupStatusReader? Backups => services.GetService<BackupStatusReader>();

    public BackupHealth? Backup { get; private set; }

    public IReadOnlyList<BackupFile> Files { get; private set; } = [];

    /// <summary>The backup a POST just took, or why it failed.</summary>
    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostBackupAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (services.GetService<BackupJob>() is not { } job)
        {
            return Status(StatusCodes.Status404NotFound);
        }

        try
        {
            await job.RunAsync(ct);
            var latest = Backups!.Folder.Latest();
            Message = T($"已完成备份：{Path.GetFileName(latest?.Path)}", $"Backed up: {Path.GetFileName(latest?.Path)}");
            await using var connection = await database.OpenAsync(ct);
            await audit.WriteAsync(connection, null, Me.ToAuditActor(), "backup.run", "backup", Path.GetFileName(latest?.Path), new { bytes = latest?.Bytes }, ct);
        }
        catch (Exception e) when (e is BackupException or IOException or UnauthorizedAccessException)
        {
            Failed = true;
            Message = T($"备份失败：{e.Message}", $"The backup failed: {e.Message}");
        }

        await LoadAsync();
        return Page();
    }

    public string Age(double? hours) => hours switch
    {
        null => "—",
        < 1 => T($"{Math.Round(hours.Value * 60)} 分钟前", $"{Math.Round(hours.Value * 60)} minutes ago"),
        _ => T($"{hours.Value:0.#} 小时前", $"{hours.Value:0.#} hours ago"),
    };

    public string StatusText(BackupStatus status) => status switch
    {
        BackupStatus.Fresh => T("正常", "Up to date"),
        BackupStatus.Stale => T("已过期：超过时限没有成功备份", "Stale: no good backup within the limit"),
        _ => T("尚无备份", "No backup yet"),
    };

    private async Task LoadAsync()
    {
        DatabaseBytes = await queries.DatabaseSizeBytesAsync(HttpContext.RequestAborted);
        if (Backups is { } backups)
        {
            Backup = backups.Check();
            Files = backups.Folder.List();
        }
    }
}
