namespace CaseFlow.Web.Health;

/// <summary>How the outbox is doing, as <c>/health</c> reports it.</summary>
public enum OutboxStatus
{
    Ok,

    /// <summary>The oldest pending message is older than the threshold: messages are not leaving; health becomes degraded.</summary>
    Backlog,

    /// <summary>A message failed for good within the window; health becomes degraded.</summary>
    Failing,
}

/// <param name="Pending">Messages still to send, retries waiting included.</param>
/// <param name="OldestPendingAgeSeconds">Since the oldest of those was written; null when none is pending.</param>
/// <param name="Failed">Messages that failed for good, ever.</param>
/// <param name="RecentlyFailed">Of those, failed within <paramref name="FailedWindowHours"/>.</param>
public sealed record OutboxHealth(
    OutboxStatus Status, long Pending, double? OldestPendingAgeSeconds, long Failed, long RecentlyFailed,
    double StalePendingAfterSeconds, double FailedWindowHours);

public interface IOutboxHealth
{
    /// <returns>Null when the database does not answer (the database part says so).</returns>
    Task<OutboxHealth?> CheckAsync(CancellationToken cancellationToken);
}
