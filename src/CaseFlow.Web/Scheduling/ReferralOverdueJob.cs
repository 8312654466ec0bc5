using CaseFlow.Data.Partners;
using Hangfire;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Tells each referral whose acknowledgement or outcome time ran out, once (PartnerReferralOverdue to the referring
/// unit, the county and the partner). The referral rows are the state: what is overdue is decided by the application's
/// clock, and each told flag is claimed with its notices, so overlapping runs or nodes tell nothing twice.
/// </summary>
public sealed class ReferralOverdueJob(ReferralStore referrals, JobStorage storage, ILogger<ReferralOverdueJob> logger)
{
    public const string Id = "referral-overdue";

    /// <summary>Every minute: the clocks run in days, and a minute's delay in telling a missed day is nothing.</summary>
    public const string Cron = "* * * * *";

    internal const string LockResource = "caseflow:lock:referral-overdue";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("移送超时提醒 (referral overdue)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var told = await referrals.TellOverdueAsync(cancellationToken);
        if (told > 0)
        {
            logger.LogInformation("Referral check: {Told} overdue referral clocks told", told);
        }
    }
}
