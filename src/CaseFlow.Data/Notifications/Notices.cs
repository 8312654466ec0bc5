using System.Collections.Frozen;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Notifications;

/// <summary>One notifications row: to a whole unit or to one user of it, about a case or not.</summary>
/// <param name="Phone">The county contact a three-party alert is addressed to (its SMS goes there); null for other notices.</param>
internal sealed record Notice(long UnitId, long? UserId, long? CaseId, string Kind, string Text, DateTimeOffset CreatedAt, string? Phone = null);

/// <summary>How an outbound message leaves CaseFlow (outbox_messages.channel).</summary>
public enum OutboundChannel
{
    /// <summary>An HTTP POST of JSON to the county's own endpoint (its government messaging platform, say).</summary>
    Webhook,

    /// <summary>A text message through the SMS gateway, to the phone of a county contact.</summary>
    Sms,
}

/// <summary>
/// Where every notice is written: a case's own notices and their red-alert fan-out, the sweep's reminders and the
/// daily digest, always in the transaction of the change that caused them. A notice whose kind is in
/// <see cref="GoesOut"/> also leaves an outbox row per channel (outbox_messages, delivered by the outbox job), in the
/// same transaction, so no writer of notices can forget it and none can be sent for a change that rolled back.
/// </summary>
internal static class Notices
{
    /// <summary>
    /// Which notices must reach people outside CaseFlow, and how: notifications.kind → channels. A new kind of notice
    /// is one line here or in <see cref="StaysInside"/> (a test insists on one or the other). Webhook messages go to
    /// the notice's county (its configured endpoint forwards them to the unit or user the message names); SMS goes to
    /// the contact the notice is addressed to.
    /// </summary>
    public static readonly FrozenDictionary<string, OutboundChannel[]> GoesOut = new Dictionary<string, OutboundChannel[]>(StringComparer.Ordinal)
    {
        // Red: the county is told at once, and each of the three parties' contacts gets a text message.
        [DbCode.Of(NoticeKind.RedAlert)] = [OutboundChannel.Webhook],
        [RedAlertFanOut.ContactAlertKind] = [OutboundChannel.Sms],

        // A case arriving in a township's (or any unit's) inbox, and the timers' reminders.
        [DbCode.Of(NoticeKind.CaseReceived)] = [OutboundChannel.Webhook],
        [DbCode.Of(NoticeKind.Reminder)] = [OutboundChannel.Webhook],
        [DbCode.Of(NoticeKind.AcceptanceOverdue)] = [OutboundChannel.Webhook],

        // The linkage's reminders and hand-overs (written by the referral and supervision work through WriteAsync).
        [DbCode.Of(NoticeKind.PartnerReferralReceived)] = [OutboundChannel.Webhook],
        [DbCode.Of(NoticeKind.PartnerReferralOverdue)] = [OutboundChannel.Webhook],
        [DbCode.Of(NoticeKind.SupervisionOpened)] = [OutboundChannel.Webhook],
        [DbCode.Of(NoticeKind.SupervisionReminder)] = [OutboundChannel.Webhook],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Notices read in CaseFlow only.</summary>
    public static readonly FrozenSet<string> StaysInside = new[]
    {
        // Shown on the case page from day 15; the mediator tells the worker.
        DbCode.Of(NoticeKind.ArbitrationRight),

        // A summary of what the township's inbox shows anyway, and the morning's calendar warning to admins and managers.
        InboxDigest.Kind,
        InboxDigest.CalendarMissingKind,

        // The mediator completes a worker's document on the case page.
        DbCode.Of(NoticeKind.DocumentPending),

        // To the partner organisation's own CaseFlow users, who read them under the bell (WriteToPartnerAsync).
        DbCode.Of(NoticeKind.PartnerCaseShared),
        DbCode.Of(NoticeKind.PartnerShareWithdrawn),
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <returns>How many notices were written.</returns>
    public static async Task<int> WriteAsync(RowWriter rows, IEnumerable<Notice> notices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notices);
        var all = notices as IReadOnlyCollection<Notice> ?? [.. notices];
        var written = await rows.ExecuteEachAsync(InsertNotice, all, ct);
        await WriteOutboxAsync(rows, all, ct);
        return written;
    }

    private const string InsertNotice = """
        INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
        VALUES (@UnitId, @UserId, @CaseId, @Kind, @Text, @CreatedAt)
        """;

    /// <summary>As <see cref="WriteAsync"/>, the notices in multi-row statements: a batch's notices, in order.</summary>
    public static async Task<int> WriteAllAsync(RowWriter rows, IReadOnlyList<Notice> notices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notices);
        var written = await rows.InsertRowsAsync(InsertNotice, notices, ct);
        await WriteOutboxAsync(rows, notices, ct);
        return written;
    }

    private static async Task WriteOutboxAsync(RowWriter rows, IReadOnlyCollection<Notice> all, CancellationToken ct)
    {
        // The county and its code come from the notice's unit; a webhook is addressed to the county by its code.
        const string outbox = """
            INSERT INTO outbox_messages (channel, recipient, county_id, unit_id, case_id, notice_kind, payload, status, attempts, next_attempt_at, created_at)
            SELECT @Channel, COALESCE(@Recipient, c.code, c.name), c.id, u.id, @CaseId, @Kind, @Payload, 'pending', 0, @CreatedAt, @CreatedAt
            FROM org_units AS u JOIN org_units AS c ON c.id = COALESCE(u.county_id, u.id)
            WHERE u.id = @UnitId
            """;
        await rows.ExecuteEachAsync(outbox, all.SelectMany(OutboxRows), ct);
    }

    /// <summary>A case's notices as rows.</summary>
    public static IEnumerable<Notice> ForCase(long caseId, IEnumerable<CaseNotice> notices, DateTimeOffset now) =>
        notices.Select(n => new Notice(n.UnitId, n.UserId, caseId, DbCode.Of(n.Kind), n.Text, now));

    /// <summary>Whether <see cref="WriteForCaseAsync"/> tells the county contacts too: a red alert is among the notices.</summary>
    public static bool FansOut(IEnumerable<CaseNotice> notices) => notices.Any(n => n.Kind == NoticeKind.RedAlert);

    /// <summary>The notices a case's transitions left, then one per county contact for each red alert among them.</summary>
    public static async Task WriteForCaseAsync(
        RowWriter rows, long caseId, IReadOnlyList<CaseNotice> notices, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        await WriteAsync(rows, ForCase(caseId, notices, now), ct);
        if (FansOut(notices))
        {
            await WriteAsync(rows, await RedAlertFanOut.NoticesAsync(rows.Connection, rows.Transaction, caseId, notices, now, ct), ct);
        }
    }

    private static IEnumerable<OutboxRow> OutboxRows(Notice notice)
    {
        if (!GoesOut.TryGetValue(notice.Kind, out var channels))
        {
            yield break;
        }

        var payload = DbJson.Serialize(new OutboundPayload(notice.Kind, notice.Text, notice.CaseId, notice.UnitId, notice.UserId, notice.CreatedAt))!;
        foreach (var channel in channels)
        {
            var recipient = channel switch
            {
                OutboundChannel.Sms => notice.Phone
                    ?? throw new InvalidOperationException($"A '{notice.Kind}' notice goes out by SMS, so it must name the contact's phone."),
                _ => null,
            };
            yield return new OutboxRow(DbCode.Of(channel), recipient, notice.UnitId, notice.CaseId, notice.Kind, payload, notice.CreatedAt);
        }
    }

    private sealed record OutboxRow(string Channel, string? Recipient, long UnitId, long? CaseId, string Kind, string Payload, DateTimeOffset CreatedAt);

    /// <summary>
    /// A partner notice (<see cref="NoticeKind.PartnerCaseShared"/> and the other Partner… kinds): one row for each active
    /// user of the partner organisation, owned by the user's unit.
    /// </summary>
    public static Task<int> WriteToPartnerAsync(
        RowWriter rows, long partnerOrgId, long caseId, NoticeKind kind, string text, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const string insert = """
            INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
            SELECT u.unit_id, u.id, @CaseId, @Kind, @Text, @CreatedAt
            FROM users AS u
            WHERE u.partner_org_id = @PartnerOrgId AND u.is_active = 1
            """;
        return rows.ExecuteAsync(insert, new PartnerNotice(partnerOrgId, caseId, DbCode.Of(kind), text, now), ct);
    }

    /// <summary>
    /// The <see cref="NoticeKind.PartnerCaseShared"/> notices of the shares the graded response is about to open: to the
    /// users of each partner organisation that <paramref name="targets"/> selects (a condition over <c>partner_orgs AS p</c>).
    /// </summary>
    public static Task<int> WriteToDefaultSharePartnersAsync<TRow>(RowWriter rows, string targets, TRow args, CancellationToken ct)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        var insert = $"""
            INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
            SELECT u.unit_id, u.id, @CaseId, '{DbCode.Of(NoticeKind.PartnerCaseShared)}', @NoticeText, @Now
            FROM users AS u JOIN partner_orgs AS p ON p.id = u.partner_org_id
            WHERE u.is_active = 1 AND {targets}
            """;
        return rows.ExecuteAsync(insert, args, ct);
    }

    private sealed record PartnerNotice(long PartnerOrgId, long CaseId, string Kind, string Text, DateTimeOffset CreatedAt);
}

/// <summary>outbox_messages.payload: the notice as the receiver gets it (camelCase JSON).</summary>
public sealed record OutboundPayload(string Kind, string Text, long? CaseId, long UnitId, long? UserId, DateTimeOffset CreatedAt);
