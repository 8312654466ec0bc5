using CaseFlow.Data.Calendars;
using CaseFlow.Data.Deadlines;
using CaseFlow.Web.Calendars;
using Hangfire;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Each morning: one notification per township unit summarising its inbox (at most one per unit and China day), and,
/// while this year's or (from 1 November) next year's calendar is missing, a warning to every administrator and manager.
/// </summary>
public sealed class DailyDigestJob(
    InboxDigest digest, CalendarCache calendars, TimeProvider time, JobStorage storage, ILogger<DailyDigestJob> logger)
{
    public const string Id = "daily-digest";

    internal const string LockResource = "caseflow:lock:daily-digest";

    // A few quick retries for a database hiccup; a digest hours late says little, so no more than that.
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("每日待受理摘要 (daily digest)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var written = await digest.WriteAsync(cancellationToken);
        logger.LogInformation("Daily digest: {Written} township inbox summaries written", written);

        // A calendar never read (the database was unreadable at start) is not evidence that a year is missing.
        var missing = calendars.IsLoaded ? calendars.MissingYears(time) : [];
        if (missing.Count > 0)
        {
            var warned = await digest.WriteCalendarWarningsAsync(missing, cancellationToken);
            logger.LogWarning("Calendar missing for {Years}: {Warned} administrators and managers warned", string.Join(", ", missing), warned);
        }
    }
}
