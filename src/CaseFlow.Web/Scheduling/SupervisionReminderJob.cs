using CaseFlow.Data.Supervision;
using Hangfire;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Every hour (China time): each supervision feedback date that passed unanswered gets one SupervisionReminder to the
/// handling unit and the supervising manager's unit, through the outbox. Idempotent on its own (a due date is claimed
/// with its notices), and the lock with zero timeout keeps two nodes from both looking.
/// </summary>
public sealed class SupervisionReminderJob(SupervisionStore supervisions, JobStorage storage, ILogger<SupervisionReminderJob> logger)
{
    public const string Id = "supervision-reminders";

    /// <summary>At five past every hour: a date passes at midnight China time, so the reminder goes out by 00:05.</summary>
    public const string Cron = "5 * * * *";

    internal const string LockResource = "caseflow:lock:supervision-reminders";

    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("督办反馈逾期提醒 (supervision feedback reminders)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var reminded = await supervisions.RemindOverdueAsync(cancellationToken);
        if (reminded > 0)
        {
            logger.LogInformation("Supervision reminders: {Reminded} feedback dates passed unanswered", reminded);
        }
    }
}
