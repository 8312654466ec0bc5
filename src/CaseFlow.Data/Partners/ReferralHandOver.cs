using CaseFlow.Data.Notifications;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Partners;

/// <summary>
/// What a referral to an organisation on CaseFlow does beside the referral row, in the transition's transaction: the
/// case is shared with the organisation (reason: the referral) so its users see it, the share is on the timeline, and
/// each of its users is told (<see cref="NoticeKind.PartnerReferralReceived"/>, which also leaves the outbox).
/// </summary>
internal static class ReferralHandOver
{
    /// <summary>The reason of a share a referral opened.</summary>
    public const string ShareReason = "案件移送（转办），请签收并反馈处理结果";

    public static async Task WriteAsync(RowWriter rows, DisputeCase c, long partnerOrgId, DateTimeOffset now, CancellationToken ct)
    {
        var (connection, transaction) = (rows.Connection, rows.Transaction);

        // Only an active organisation of the case's own county; validation refused any other before the transition.
        const string target = """
            SELECT p.name FROM partner_orgs AS p
            WHERE p.id = @PartnerOrgId AND p.is_active = 1
              AND p.county_id = (SELECT o.county_id FROM org_units AS o WHERE o.id = @UnitId)
            """;
        var name = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            target, new { PartnerOrgId = partnerOrgId, c.UnitId }, transaction, cancellationToken: ct));
        if (name is null)
        {
            throw new InvalidOperationException($"Partner organisation {partnerOrgId} is not one of the case's county.");
        }

        const string open = "SELECT COUNT(*) FROM case_shares WHERE case_id = @CaseId AND partner_org_id = @PartnerOrgId AND withdrawn_at IS NULL";
        if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(open, new { CaseId = c.Id, PartnerOrgId = partnerOrgId }, transaction, cancellationToken: ct)) == 0)
        {
            const string share = """
                INSERT INTO case_shares (case_id, partner_org_id, is_default, reason, shared_at, shared_by_user_id)
                VALUES (@CaseId, @PartnerOrgId, 0, @Reason, @Now, @UserId)
                """;
            var byUser = c.NewEvents.LastOrDefault(e => e.Trigger == CaseTrigger.Refer)?.ByUserId;
            await connection.ExecuteAsync(new CommandDefinition(
                share, new { CaseId = c.Id, PartnerOrgId = partnerOrgId, Reason = ShareReason, Now = now, UserId = byUser }, transaction, cancellationToken: ct));
            await PartnerStore.AppendAsync(connection, transaction, c.Id, now, byUser, partnerOrgId, "share", ShareReason, ct);
        }

        var text = $"案件{c.Number}已移送贵单位（{name}），请签收并反馈处理结果";
        await Notices.WriteAsync(rows, await ToUsersAsync(connection, transaction, partnerOrgId, c.Id, DbCode.Of(NoticeKind.PartnerReferralReceived), text, now, ct), ct);
    }

    /// <summary>One notice per active user of the organisation, owned by the user's unit.</summary>
    internal static async Task<IReadOnlyList<Notice>> ToUsersAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long partnerOrgId, long caseId, string kind, string text, DateTimeOffset now, CancellationToken ct)
    {
        const string users = "SELECT unit_id AS UnitId, id AS UserId FROM users WHERE partner_org_id = @PartnerOrgId AND is_active = 1 ORDER BY id";
        var rows = await connection.QueryAsync<PartnerUser>(new CommandDefinition(users, new { PartnerOrgId = partnerOrgId }, transaction, cancellationToken: ct));
        return [.. rows.Select(u => new Notice(u.UnitId, u.UserId, caseId, kind, text, now))];
    }

    private sealed class PartnerUser
    {
        public long UnitId { get; init; }
        public long UserId { get; init; }
    }
}
