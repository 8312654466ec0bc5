using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Supervision;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Supervision;
using Dapper;

namespace CaseFlow.Web.Demo;

/// <summary>
/// The demo's supervision (督办) in 安吉县: demo-manager has one case of town B under supervision whose feedback date
/// passed three days ago unanswered (so the dashboard shows overdue feedback), and one case of town A whose township
/// fed back in time and which waits for the manager's evaluation. Both go through the store, with their timeline,
/// notices and audit, as if typed.
/// </summary>
internal static class DemoSupervision
{
    public static async Task SeedAsync(Database database, UserStore users, SupervisionStore supervisions, CancellationToken ct)
    {
        var manager = await users.FindByUsernameAsync("demo-manager", ct);
        var townA = await users.FindByUsernameAsync("demo-township-a", ct);
        var townB = await users.FindByUsernameAsync("demo-township-b", ct);
        if (manager is null || townA is null || townB is null)
        {
            return;
        }

        var managerActor = new CaseActor(manager.Id, manager.Username, manager.Unit.Path);
        var today = supervisions.Today;
        if (await OpenCaseUnderAsync(database, townB.Unit.Path, ct) is { } overdue)
        {
            await supervisions.OpenAsync(overdue, new NewSupervision(SupervisionLevel.Key, "请于三日内约谈企业负责人，落实欠薪支付方案并反馈。", today.AddDays(-3)), managerActor, ct);
        }

        if (await OpenCaseUnderAsync(database, townA.Unit.Path, ct) is { } fedBack
            && await supervisions.OpenAsync(fedBack, new NewSupervision(SupervisionLevel.Normal, "请跟进调解进度，一周内反馈。", today.AddDays(5)), managerActor, ct) is { } id)
        {
            await supervisions.FeedBackAsync(
                fedBack, id, new NewFeedback("已组织劳资双方面对面协商，企业同意分两期支付。", "第一期已于本周支付"),
                new CaseActor(townA.Id, townA.Username, townA.Unit.Path), townA.Unit.Id, ct);
        }
    }

    // The oldest case in mediation handled under the town: the one a manager would pick up first.
    private static async Task<long?> OpenCaseUnderAsync(Database database, string townPath, CancellationToken ct)
    {
        var sql = $"""
            SELECT c.id FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE {database.Dialect.SubtreeCondition("u.path")} AND c.closed_at IS NULL AND c.state LIKE '%InMediation'
            ORDER BY c.id
            """;
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(sql, new { SubtreePattern = database.Dialect.SubtreePattern(townPath) }, cancellationToken: ct)))
            .Cast<long?>().FirstOrDefault();
    }
}
