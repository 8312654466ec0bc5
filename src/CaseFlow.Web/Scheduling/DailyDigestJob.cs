using CaseFlow.Data.Deadlines;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>Each morning: one notification per township unit summarising its inbox.</summary>
[DisallowConcurrentExecution]
public sealed class DailyDigestJob(InboxDigest digest, ILogger<DailyDigestJob> logger) : IJob
{
    public static readonly JobKey Key = new("daily-digest", "caseflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var written = await digest.WriteAsync(cancellationToken);
        logger.LogInformation("Daily digest: {Written} township inbox summaries written", written);
    }
}
