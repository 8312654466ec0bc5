using Dapper;

namespace CaseFlow.Data.Notifications;

/// <summary>A claimed outbox row, as a channel sends it.</summary>
/// <param name="Channel">outbox_messages.channel: 'webhook' or 'sms'.</param>
/// <param name="Recipient">The county's code (webhook) or the contact's phone (SMS).</param>
/// <param name="Attempts">Including the one this claim is for.</param>
/// <param name="Payload">The notice as JSON (<see cref="OutboundPayload"/>).</param>
public sealed record OutboxMessage(
    long Id, string Channel, string Recipient, long CountyId, string NoticeKind, string Payload, int Attempts, DateTimeOffset CreatedAt);

/// <summary>Rows claimed by one delivery pass: only the holder of <see cref="Token"/> may settle them, until the lease ends.</summary>
public sealed record OutboxClaim(string Token, DateTimeOffset Until, IReadOnlyList<OutboxMessage> Messages);

/// <summary>What became of a claimed row's send.</summary>
public enum OutboxOutcome
{
    /// <summary>Sent: never claimed again.</summary>
    Delivered,

    /// <summary>Not sent this time: pending again from <see cref="OutboxSettlement.Next"/>, keeping the error.</summary>
    Retry,

    /// <summary>Given up for good: status 'failed' with its last error.</summary>
    Failed,
}

/// <summary>A claimed row's outcome, to settle (<see cref="Outbox.SettleAsync(OutboxClaim, IReadOnlyList{OutboxSettlement}, CancellationToken)"/>).</summary>
public sealed record OutboxSettlement(long Id, OutboxOutcome Outcome, string? Error = null, DateTimeOffset? Next = null);

/// <summary>What <c>/health</c> reports of the outbox.</summary>
/// <param name="OldestPendingAt">When the oldest row still pending was written; null when none is.</param>
/// <param name="RecentlyFailed">Rows that failed for good since the instant asked about.</param>
public sealed record OutboxStats(long Pending, DateTimeOffset? OldestPendingAt, long Failed, long RecentlyFailed);

/// <summary>
/// The outbox's delivery side (the rows are written by <see cref="Notices"/>). Claim-then-act: a pass claims due rows
/// under a token and a lease, sends them, and settles each with its token; a row whose settling finds another token
/// (the lease ran out and another node claimed it) is left alone. A pass settles its rows together, in one
/// transaction, each row on its own statement under its token; a pass stopped before that leaves its rows claimed
/// until the lease ends, and whoever claims them next sends them again under the same outbox id.
/// </summary>
public sealed class Outbox(Database database, TimeProvider time)
{
    /// <summary>outbox_messages.status of a row still to send (also while claimed or waiting for a retry).</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    public const string Failed = "failed";

    /// <summary>The longest last_error kept (the schema's CHECK); longer errors are cut.</summary>
    public const int MaxErrorLength = 1000;

    /// <summary>
    /// Claims up to <paramref name="max"/> due rows for <paramref name="lease"/>: pending, their next attempt due, and
    /// not held by a live claim. Each claim counts as an attempt, so a node that dies mid-send has used one.
    /// </summary>
    public async Task<OutboxClaim> ClaimDueAsync(int max, TimeSpan lease, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var now = time.GetUtcNow();
        var token = Guid.NewGuid().ToString("D");
        var until = now + lease;
        string due = $"""
            SELECT id FROM outbox_messages
            WHERE status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until <= @Now)
            ORDER BY next_attempt_at, id
            {database.Dialect.Paging()}
            """;
        const string claim = """
            UPDATE outbox_messages
            SET claim_token = @Token, claimed_until = @Until, attempts = attempts + 1, last_attempt_at = @Now
            WHERE id IN @Ids AND status = 'pending' AND next_attempt_at <= @Now AND (claimed_until IS NULL OR claimed_until <= @Now)
            """;
        const string claimed = """
            SELECT id AS Id, channel AS Channel, recipient AS Recipient, county_id AS CountyId, notice_kind AS NoticeKind,
                   payload AS Payload, attempts AS Attempts, created_at AS CreatedAt
            FROM outbox_messages
            WHERE claim_token = @Token
            ORDER BY id
            """;
        await using (var connection = await database.OpenAsync(ct))
        {
            var ids = (await connection.QueryAsync<long>(new CommandDefinition(due, new { Now = now, Offset = 0, Limit = max }, cancellationToken: ct))).AsList();
            if (ids.Count == 0)
            {
                return new OutboxClaim(token, until, []);
            }
        }

        // The writes go through the database's write transactions: on SQLite they queue in memory with the sweep's and
        // the handlers', instead of taking the file's lock from under them (and backing off in busy-timeout sleeps).
        // The conditions again: a row another node claimed since the read is not taken twice.
        var messages = await database.InTransactionAsync<List<OutboxMessage>>(
            async (connection, transaction) =>
            {
                var ids = (await connection.QueryAsync<long>(new CommandDefinition(due, new { Now = now, Offset = 0, Limit = max }, transaction, cancellationToken: ct))).AsList();
                if (ids.Count == 0)
                {
                    return [];
                }

                await connection.ExecuteAsync(new CommandDefinition(claim, new { Token = token, Until = until, Now = now, Ids = ids }, transaction, cancellationToken: ct));
                return (await connection.QueryAsync<MessageRow>(new CommandDefinition(claimed, new { Token = token }, transaction, cancellationToken: ct)))
                    .Select(r => new OutboxMessage(r.Id, r.Channel, r.Recipient, r.CountyId, r.NoticeKind, r.Payload, r.Attempts, r.CreatedAt))
                    .ToList();
            },
            ct);
        return new OutboxClaim(token, until, messages);
    }

    /// <returns>Whether the row was still this claim's to settle.</returns>
    public async Task<bool> DeliveredAsync(OutboxClaim claim, long id, CancellationToken ct = default) =>
        (await SettleAsync(claim, [new OutboxSettlement(id, OutboxOutcome.Delivered)], ct)).Count == 1;

    /// <summary>Releases the row to be tried again at <paramref name="nextAttemptAt"/>, keeping the error.</summary>
    public async Task<bool> RetryAsync(OutboxClaim claim, long id, string error, DateTimeOffset nextAttemptAt, CancellationToken ct = default) =>
        (await SettleAsync(claim, [new OutboxSettlement(id, OutboxOutcome.Retry, error, nextAttemptAt)], ct)).Count == 1;

    /// <summary>Gives the row up for good: status 'failed' with its last error.</summary>
    public async Task<bool> FailedAsync(OutboxClaim claim, long id, string error, CancellationToken ct = default) =>
        (await SettleAsync(claim, [new OutboxSettlement(id, OutboxOutcome.Failed, error)], ct)).Count == 1;

    /// <summary>
    /// Settles a pass's rows in one transaction (a commit per pass, not per message: the delivery job takes its turn in
    /// the write queue once, beside the sweep and the handlers), each row only if it is still this claim's.
    /// </summary>
    /// <returns>The ids that were still this claim's and are settled; the rest another node's claim had taken over.</returns>
    public async Task<IReadOnlySet<long>> SettleAsync(OutboxClaim claim, IReadOnlyList<OutboxSettlement> settlements, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(settlements);
        if (settlements.Count == 0)
        {
            return new HashSet<long>();
        }

        const string delivered = """
            UPDATE outbox_messages
            SET status = 'delivered', delivered_at = @Now, claim_token = NULL, claimed_until = NULL, next_attempt_at = NULL
            WHERE id = @Id AND claim_token = @Token AND status = 'pending'
            """;
        const string retry = """
            UPDATE outbox_messages
            SET next_attempt_at = @Next, last_error = @Error, claim_token = NULL, claimed_until = NULL
            WHERE id = @Id AND claim_token = @Token AND status = 'pending'
            """;
        const string failed = """
            UPDATE outbox_messages
            SET status = 'failed', last_error = @Error, claim_token = NULL, claimed_until = NULL, next_attempt_at = NULL
            WHERE id = @Id AND claim_token = @Token AND status = 'pending'
            """;
        var now = time.GetUtcNow();
        return await database.InTransactionAsync<IReadOnlySet<long>>(
            async (connection, transaction) =>
            {
                var settled = new HashSet<long>();
                foreach (var s in settlements)
                {
                    var (sql, args) = s.Outcome switch
                    {
                        OutboxOutcome.Delivered => (delivered, (object)new { s.Id, claim.Token, Now = now }),
                        OutboxOutcome.Retry => (retry, new { s.Id, claim.Token, Error = Truncate(s.Error ?? "failed"), Next = s.Next ?? throw new ArgumentException($"Row {s.Id}: a retry needs its next attempt.", nameof(settlements)) }),
                        _ => (failed, new { s.Id, claim.Token, Error = Truncate(s.Error ?? "failed") }),
                    };
                    if (await connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct)) == 1)
                    {
                        settled.Add(s.Id);
                    }
                }

                return settled;
            },
            ct);
    }

    /// <param name="failedSince">Failures after this instant count as recent.</param>
    public async Task<OutboxStats> StatsAsync(DateTimeOffset failedSince, CancellationToken ct = default)
    {
        const string sql = """
            SELECT (SELECT COUNT(*) FROM outbox_messages WHERE status = 'pending') AS Pending,
                   (SELECT MIN(created_at) FROM outbox_messages WHERE status = 'pending') AS OldestPendingAt,
                   (SELECT COUNT(*) FROM outbox_messages WHERE status = 'failed') AS Failed,
                   (SELECT COUNT(*) FROM outbox_messages WHERE status = 'failed' AND last_attempt_at >= @Since) AS RecentlyFailed
            """;
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleAsync<StatsRow>(new CommandDefinition(sql, new { Since = failedSince }, cancellationToken: ct));
        return new OutboxStats(row.Pending, row.OldestPendingAt, row.Failed, row.RecentlyFailed);
    }

    /// <summary><paramref name="error"/> cut to what last_error holds.</summary>
    public static string Truncate(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Length <= MaxErrorLength ? error : string.Concat(error.AsSpan(0, MaxErrorLength - 1), "…");
    }

    private sealed class MessageRow
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public string Recipient { get; init; } = "";
        public long CountyId { get; init; }
        public string NoticeKind { get; init; } = "";
        public string Payload { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class StatsRow
    {
        public long Pending { get; init; }
        public DateTimeOffset? OldestPendingAt { get; init; }
        public long Failed { get; init; }
        public long RecentlyFailed { get; init; }
    }
}
