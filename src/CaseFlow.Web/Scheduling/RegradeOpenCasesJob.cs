using CaseFlow.Data.Deadlines;
using Quartz;

namespace CaseFlow.Web.Scheduling;

/// <summary>Nightly: grades every open case in mediation again; a colour that rose fires RiskRaised as the system.</summary>
[DisallowConcurrentExecution]
public sealed class RegradeOpenCasesJob(OpenCaseRegrader regrader, ILogger<RegradeOpenCasesJob> logger) : IJob
{
    public static readonly JobKey Key = new("regrade-open-cases", "caseflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await regrader.RegradeAsync(ct: cancellationToken);
        logger.LogInformation(
            "Re-grading: {Checked} open cases checked, {Raised} raised, {Conflicts} left for the next run",
            result.Checked, result.Raised, result.Conflicts);
    }
}
