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

        // Null until sent. A stop mid-pass ends the sends; what went out before it is still settled below.
        var sent = new (DeliveryOutcome Outcome, string? Error, DateTimeOffset? Next)?[claim.Messages.Count];
        int lost;
        try
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, claim.Messages.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
                async (i, ct) => sent[i] = await SendAsync(claim, claim.Messages[i], o, ct));
        }
        finally
        {
            lost = await SettleAsync(claim, sent);
        }

        var outcomes = sent.Select(x => x!.Value).ToList();

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

    /// <summary>
    /// Settles every row sent, in one transaction, whatever happens to the host now: what has gone out, and what has
    /// not, the rows must say. A row not sent (the pass stopped, or no lease time was left) stays claimed until the
    /// lease ends.
    /// </summary>
    /// <returns>How many sent rows another node's claim had taken over.</returns>
    private async Task<int> SettleAsync(OutboxClaim claim, (DeliveryOutcome Outcome, string? Error, DateTimeOffset? Next)?[] sent)
    {
        var settlements = claim.Messages.Zip(sent)
            .Where(x => x.Second is { } outcome && outcome is not { Outcome: DeliveryOutcome.Retry, Next: null })
            .Select(x => new OutboxSettlement(x.First.Id, x.Second!.Value.Outcome switch
            {
                DeliveryOutcome.Delivered => OutboxOutcome.Delivered,
                DeliveryOutcome.Retry => OutboxOutcome.Retry,
                _ => OutboxOutcome.Failed,
            }, x.Second.Value.Error, x.Second.Value.Next))
            .ToList();
        var settled = await outbox.SettleAsync(claim, settlements, CancellationToken.None);
        return settlements.Count - settled.Count;
    }

    /// <returns>The outcome to settle (a retry on the last attempt becomes a failure, a reject), with the next attempt of a retry; a retry with no next attempt when there was no time left in the lease to send.</returns>
    private async Task<(DeliveryOutcome Outcome, string? Error, DateTimeOffset? Next)> SendAsync(OutboxClaim claim, OutboxMessage message, OutboxOptions o, CancellationToken ct)
    {
        if (time.GetUtcNow() + TimeSpan.FromSeconds(Math.Max(o.Webhook.TimeoutSeconds, o.Sms.TimeoutSeconds)) > claim.Until)
        {
            // Too late to send inside the lease: another node may claim it any moment. Left as it is, not sent.
            return (DeliveryOutcome.Retry, null, null);
        }

        var result = _channels.TryGetValue(message.Channel, out var channel)
            ? await channel.SendAsync(message, ct)
            : DeliveryResult.Reject($"no channel '{message.Channel}' in this host");
        switch (result.Outcome)
        {
            case DeliveryOutcome.Delivered:
                return (DeliveryOutcome.Delivered, null, null);
            case DeliveryOutcome.Retry when message.Attempts < o.MaxAttempts:
                var next = time.GetUtcNow() + o.RetryDelayAfter(message.Attempts);
                logger.LogWarning(
                    "Outbox message {Id} ({Channel}, {Kind}) attempt {Attempt} of {Max} failed, next at {Next:O}: {Error}",
                    message.Id, message.Channel, message.NoticeKind, message.Attempts, o.MaxAttempts, next, result.Error);
                return (DeliveryOutcome.Retry, result.Error ?? "failed", next);
            default:
                return (DeliveryOutcome.Reject, result.Error ?? "failed", null);
        }
    }
}
