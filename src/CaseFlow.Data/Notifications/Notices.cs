using CaseFlow.Data.Deadlines;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Notifications;

/// <summary>One notifications row: to a whole unit or to one user of it, about a case or not.</summary>
internal sealed record Notice(long UnitId, long? UserId, long? CaseId, string Kind, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// Where every notice is written: a case's own notices and their red-alert fan-out, the sweep's reminders and the
/// daily digest, always in the transaction of the change that caused them. Anything else a notice must produce
/// (an outbound message, say) belongs here too, so no writer of notices can forget it.
/// </summary>
internal static class Notices
{
    /// <returns>How many notices were written.</returns>
    public static Task<int> WriteAsync(RowWriter rows, IEnumerable<Notice> notices, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        const string insert = """
            INSERT INTO notifications (unit_id, user_id, case_id, kind, text, created_at)
            VALUES (@UnitId, @UserId, @CaseId, @Kind, @Text, @CreatedAt)
            """;
        return rows.ExecuteEachAsync(insert, notices, ct);
    }

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

        await WriteAsync(rows, notices.Select(n => new Notice(n.UnitId, n.UserId, caseId, DbCode.Of(n.Kind), n.Text, now)), ct);
        if (notices.Any(n => n.Kind == NoticeKind.RedAlert))
        {
            await WriteAsync(rows, await RedAlertFanOut.NoticesAsync(rows.Connection, rows.Transaction, caseId, notices, now, ct), ct);
        }
    }

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
