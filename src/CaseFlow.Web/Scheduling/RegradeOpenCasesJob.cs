using CaseFlow.Data.Deadlines;
using Hangfire;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// Nightly: grades every open case in mediation again; a colour that rose fires RiskRaised as the system. Idempotent on
/// its own: a second run finds the colours already raised.
/// </summary>
public sealed class RegradeOpenCasesJob(OpenCaseRegrader regrader, JobStorage storage, ILogger<RegradeOpenCasesJob> logger)
{
    public const string Id = "regrade-open-cases";

    internal const string LockResource = "caseflow:lock:regrade-open-cases";

    // A few quick retries for a database hiccup at night; a run that still fails waits for the next night.
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [JobDisplayName("夜间重新评级 (nightly re-grading)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var result = await regrader.RegradeAsync(ct: cancellationToken);
        logger.LogInformation(
            "Re-grading: {Checked} open cases checked, {Raised} raised, {Conflicts} left for the next run",
            result.Checked, result.Raised, result.Conflicts);
    }
}
