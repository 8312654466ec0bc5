using CaseFlow.Data.Notifications;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Data.Partners;

/// <summary>
/// The graded response's shares (DESIGN §4, issue 14): a case graded or raised to red is shared with the county's
/// human-resources-and-social-security bureau and political-legal committee, an orange one with the bureau. Written
/// with the transition that set the colour; a share already open is left as it is.
/// </summary>
internal static class CaseShares
{
    // Over partner_orgs AS p: the county's active organisations the colour calls for, not yet sharing the case.
    private const string Targets = """
        p.county_id = (SELECT o.county_id FROM org_units AS o WHERE o.id = @UnitId) AND p.is_active = 1
        AND (p.kind = 'hrss' OR (@Red = 1 AND p.kind = 'political_legal'))
        AND NOT EXISTS (SELECT 1 FROM case_shares AS s WHERE s.case_id = @CaseId AND s.partner_org_id = p.id AND s.withdrawn_at IS NULL)
        """;

    /// <summary>Whether <see cref="WriteDefaultAsync"/> shares <paramref name="c"/>: graded (or re-graded) red or orange by its new events.</summary>
    public static bool WritesDefault(DisputeCase c) =>
        c.RiskColor is RiskColor.Red or RiskColor.Orange && c.NewEvents.Any(e => e.Trigger is CaseTrigger.Grade or CaseTrigger.RiskRaised);

    public static async Task WriteDefaultAsync(RowWriter rows, DisputeCase c, DateTimeOffset now, CancellationToken ct)
    {
        if (!WritesDefault(c))
        {
            return;
        }

        var red = c.RiskColor == RiskColor.Red;
        var reason = red ? "分级响应：红色预警，共享人社局、政法委" : "分级响应：橙色预警，共享人社局";
        var row = new DefaultShareRow(c.Id, c.UnitId, red ? 1 : 0, reason, $"案件{c.Number}（{(red ? "红色" : "橙色")}预警）已按分级响应共享给贵单位。", now);

        // Notices and timeline entries first: once the shares exist, the targets select nothing.
        await Notices.WriteToDefaultSharePartnersAsync(rows, Targets, row, ct);
        await rows.ExecuteAsync(
            $"""
            INSERT INTO case_activities (case_id, at, by_user_id, partner_org_id, kind, text)
            SELECT @CaseId, @Now, NULL, p.id, 'share', @Reason FROM partner_orgs AS p WHERE {Targets}
            """,
            row,
            ct);
        await rows.ExecuteAsync(
            $"""
            INSERT INTO case_shares (case_id, partner_org_id, is_default, reason, shared_at)
            SELECT @CaseId, p.id, 1, @Reason, @Now FROM partner_orgs AS p WHERE {Targets}
            """,
            row,
            ct);
    }

    private sealed record DefaultShareRow(long CaseId, long UnitId, int Red, string Reason, string NoticeText, DateTimeOffset Now);
}
