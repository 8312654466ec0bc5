using CaseFlow.Data;
using CaseFlow.Data.Notifications;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Outbound;

/// <summary>What one delivery pass did. <see cref="Lost"/>: rows whose claim another node had taken over by the time they were settled.</summary>
public sealed record DeliveryPass(int Claimed, int Delivered, int Retried, int Failed, int Lost)
{
    public static DeliveryPass Empty { get; } = new(0, 0, 0, 0, 0);

    public DeliveryPass Add(DeliveryPass other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Claimed + other.Claimed, Delivered + other.Delivered, Retried + other.Retried, Failed + other.Failed, Lost + other.Lost);
    }
}

/// <summary>
/// One pass over the outbox: claim the due rows, send each through its channel, and settle it: delivered; retried
/// after a backoff (30 s, doubling) while attempts remain; or failed with its last error. A host that stops mid-pass
/// leaves its unsettled rows claimed until the lease ends; whoever claims them next sends them again under the same
/// outbox id, which the receiver uses to drop what it already has. A delivered row is never claimed again.
/// </summary>
public sealed class OutboxDelivery(
    Outbox outbox, IEnumerable<IOutboundChannel> channels, IOptionsMonitor<OutboxOptions> options, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    // Sends in parallel, so a batch of slow endpoints takes a few timeouts, well inside the lease.
    private const int Parallelism = 8;

    private readonly Dictionary<string, IOutboundChannel> _channels = channels.ToDictionary(c => DbCode.Of(c.Channel), StringComparer.Ordinal);

    public async Task<DeliveryPass> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var o = options.CurrentValue;
        var claim = await outbox.ClaimDueAsync(o.BatchSize, o.Lease, cancellationToken);
        if (claim.Messages.Count == 0)
        {
            return DeliveryPass.Empty;
        }

        var outcomes = new (DeliveryOutcome Outcome, string? Error)[claim.Messages.Count];
        var lost = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, claim.Messages.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (outcome, error, settled) = await DeliverAsync(claim, claim.Messages[i], o, ct);
                outcomes[i] = (outcome, error);
                if (!settled)
                {
                    Interlocked.Increment(ref lost);
                }
            });

        // One line per distinct reason, not per message: a county with nothing configured fails every message alike.
        foreach (var failure in claim.Messages.Zip(outcomes).Where(x => x.Second.Outcome == DeliveryOutcome.Reject)
                     .GroupBy(x => (x.First.Channel, x.Second.Error)))
        {
            logger.LogError(
                "{Count} outbox message(s) ({Channel}) failed for good, e.g. {Id}: {Error}",
                failure.Count(), failure.Key.Channel, failure.First().First.Id, failure.Key.Error);
        }

        return new DeliveryPass(
            claim.Messages.Count,
            outcomes.Count(x => x.Outcome == DeliveryOutcome.Delivered),
            outcomes.Count(x => x.Outcome == DeliveryOutcome.Retry),
            outcomes.Count(x => x.Outcome == DeliveryOutcome.Reject),
            lost);
    }

    /// <returns>The outcome as settled (a retry on the last attempt becomes a failure, a reject), and whether the row was still ours.</returns>
    private async Task<(DeliveryOutcome Outcome, string? Error, bool Settled)> DeliverAsync(OutboxClaim claim, OutboxMessage message, OutboxOptions o, CancellationToken ct)
    {
        if (time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(o.Webhook.TimeoutSeconds, o.Sms.TimeoutSeconds)) > claim.Until)
        {
            // Too late to send inside the lease: another node may claim it any moment. Left as it is, not sent.
            return (DeliveryOutcome.Retry, null, true);
        }

        var result = _channels.TryGetValue(message.Channel, out var channel)
            ? await channel.SendAsync(message, ct)
            : DeliveryResult.Reject($"no channel '{message.Channel}' in this host");

        // Settled whatever happens to the host now: the message has gone out, or has not; the row must say which.
        bool settled;
        var outcome = result.Outcome;
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                settled = await outbox.DeliveredAsync(claim, message.Id, CancellationToken.None);
                break;
            case DeliveryOutcome.Retry when message.Attempts < o.MaxAttempts:
                var next = time.GetUtcNow() + o.RetryDelayAfter(message.Attempts);
                settled = await outbox.RetryAsync(claim, message.Id, result.Error ?? "failed", next, CancellationToken.None);
                logger.LogWarning(
                    "Outbox message {Id} ({Channel}, {Kind}) attempt {Attempt} of {Max} failed, next at {Next:O}: {Error}",
                    message.Id, message.Channel, message.NoticeKind, message.Attempts, o.MaxAttempts, next, result.Error);
                break;
            default:
                outcome = DeliveryOutcome.Reject;
                settled = await outbox.FailedAsync(claim, message.Id, result.Error ?? "failed", CancellationToken.None);
                break;
        }

        return (outcome, result.Error, settled);
    }
}
