using CaseFlow.Web.Scheduling;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Outbound;

/// <summary>
/// Wakes the outbox delivery every few seconds, as a Hangfire recurring job: pass after pass until one comes back
/// short. Under the zero-timeout lock one run delivers at a time per storage; the rows' claims keep each message with
/// one sender where two runs do overlap (memory storage on several nodes). While this node's deadline sweep drains a
/// backlog, a run delivers nothing and the next one looks again (<see cref="SweepBacklog"/>).
/// </summary>
public sealed class OutboxDeliveryJob(
    OutboxDelivery delivery, JobStorage storage, SweepBacklog backlog, IOptions<OutboxOptions> options, ILogger<OutboxDeliveryJob> logger)
{
    public const string Id = "outbox-delivery";

    internal const string LockResource = "caseflow:lock:outbox-delivery";

    // No Hangfire retries: the messages carry their own (attempts, next_attempt_at), and the next run is seconds away.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("外发消息投递 (outbox delivery)")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.TryAcquire(storage, LockResource, logger);
        if (held is null)
        {
            return;
        }

        var batchSize = options.Value.BatchSize;
        var total = DeliveryPass.Empty;
        var pass = DeliveryPass.Empty;
        do
        {
            if (backlog.DeliveryYields)
            {
                break;
            }

            pass = await delivery.RunOnceAsync(cancellationToken);
            total = total.Add(pass);
        }
        while (pass.Claimed == batchSize && pass.Delivered + pass.Failed > 0);

        if (total.Claimed > 0)
        {
            logger.LogInformation(
                "Outbox delivery: {Claimed} claimed, {Delivered} delivered, {Retried} to retry, {Failed} failed, {Lost} taken over by another node",
                total.Claimed, total.Delivered, total.Retried, total.Failed, total.Lost);
        }
    }
}
