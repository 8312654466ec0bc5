using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Screening;
using CaseFlow.Domain;
using CaseFlow.Web.Scheduling;
using Hangfire;

namespace CaseFlow.Web.Screening;

/// <summary>
/// Monthly, just after midnight China time on the 1st: opens the month's screening round in every county that has
/// none yet, so the grids can start without waiting for the manager. Idempotent: a county with the round keeps it.
/// </summary>
public sealed class OpenScreeningRoundsJob(ScreeningStore screening, TimeProvider time, JobStorage storage, ILogger<OpenScreeningRoundsJob> logger)
{
    public const string Id = "open-screening-rounds";

    /// <summary>00:05 on the 1st of each month, China time.</summary>
    public const string Cron = "5 0 1 * *";

    internal const string LockResource = "caseflow:lock:open-screening-rounds";

    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("每月开启网格摸排 (monthly screening rounds)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var period = ChinaTime.DateOf(time.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var opened = await screening.OpenRoundsForEveryCountyAsync(period, AuditActor.System, cancellationToken);
        logger.LogInformation("Screening: {Opened} counties' rounds for {Period} opened", opened, period);
    }
}
