using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Enterprises;
using CaseFlow.Domain;
using CaseFlow.Domain.Enterprises;
using Dapper;

namespace CaseFlow.Web.Demo;

/// <summary>
/// Legal health checks for the demo (法律体检): in county 1, the employer with the most disputes of the last year gets
/// only a check from over a year ago, so the register flags it (repeat disputes, no recent check); the next one gets
/// a recent check with a problem and a follow-up past its due date, so the overdue list has work.
/// </summary>
internal sealed class DemoHealthChecks(Database database, TimeProvider time)
{
    public async Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var countyId = demo.UnitIds[demo.Generator.Counties[0].Root.Id];
        var today = ChinaTime.DateOf(time.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        var ranked = (await connection.QueryAsync<Candidate>(new CommandDefinition(
            """
            SELECT e.id AS Id, e.unit_id AS UnitId,
                   (SELECT COUNT(*) FROM cases AS c WHERE c.enterprise_id = e.id AND c.first_received_at >= @Since) AS Disputes
            FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
            WHERE eu.county_id = @CountyId
            ORDER BY Disputes DESC, e.id
            """,
            new { CountyId = countyId, Since = ChinaTime.At(today.AddMonths(-11), TimeOnly.MinValue) }, cancellationToken: ct))).ToList();
        if (ranked.Count < 2 || !demo.UserIds.TryGetValue("demo-manager", out var managerId))
        {
            return;
        }

        var store = new HealthCheckStore(database, new AuditWriter(database, time), time);
        var actor = new AuditActor(managerId, "demo-manager");
        var scope = $"/{countyId}/";
        var allOk = HealthCheckItems.All.Select(i => new HealthFinding(i, true, null)).ToList();

        // Over a year ago: on the register as its last check, and still flagged.
        await store.RecordAsync(new NewHealthCheck(ranked[0].Id, today.AddMonths(-15), countyId, "县总工会法律服务团 张律师", allOk, "制度基本健全。", []), scope, actor, ct);

        var problems = allOk.Select(f => f.Item == HealthCheckItems.WagePayments
            ? f with { Ok = false, Note = "未按月建立工资支付台账，部分工资以现金发放无签收。" }
            : f.Item == HealthCheckItems.SocialInsurance ? f with { Ok = false, Note = "12 名劳动者未参加社会保险。" } : f).ToList();
        await store.RecordAsync(new NewHealthCheck(
            ranked[1].Id, today.AddDays(-40), countyId, "县总工会法律服务团 李律师、王明", problems, "建议一个月内完成整改并报送台账。",
            [
                new NewFollowUp("建立工资支付台账并按月由劳动者签收", today.AddDays(-10), ranked[1].UnitId),
                new NewFollowUp("为未参保劳动者补缴社会保险", today.AddDays(20), ranked[1].UnitId),
            ]), scope, actor, ct);
    }

    private sealed class Candidate
    {
        public long Id { get; init; }
        public long UnitId { get; init; }
        public long Disputes { get; init; }
    }
}
