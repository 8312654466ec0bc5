using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using Dapper;

namespace CaseFlow.Web.Demo;

/// <summary>
/// The open cases the demo's walk-through starts from, whatever the day. The generated cases happened in the past, so
/// the ones left open have time limits that may already have run out: the timers escalate them as soon as the host
/// starts, and on some days none is left where a role's first step needs one. These are registered today and taken
/// on as their users would do it, through <see cref="CaseCommands"/>, so their clocks have just started: a level-1
/// case at demo-mediator-a's enterprise mediation group, and a level-2 case in mediation in town A (demo-township-a's
/// case page) and in town B (the manager's overdue supervision).
/// </summary>
internal static class DemoStory
{
    public static async Task SeedAsync(Database database, UserStore users, CaseCommands commands, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        var mediator = await users.FindByUsernameAsync("demo-mediator-a", ct);
        var townA = await users.FindByUsernameAsync("demo-township-a", ct);
        var townB = await users.FindByUsernameAsync("demo-township-b", ct);
        if (mediator is null || townA is null || townB is null)
        {
            return;
        }

        // A yellow dispute (under a month's wages) of the group's own enterprise starts at the group (level 1); the town
        // registers it, as its union's front desk would (the enterprise is located in a village of the town).
        await RegisterAsync(database, commands, time, Actor(townA), mediator.Unit.Path, monthsOwed: 0.5m, logger, ct);

        foreach (var town in new[] { townA, townB })
        {
            // An orange dispute (one to two months' wages) starts at level 2 within the town; the town takes it on.
            if (await RegisterAsync(database, commands, time, Actor(town), town.Unit.Path, monthsOwed: 1.5m, logger, ct) is { } registered
                && registered.Case.State == CaseState.Level2AwaitingAcceptance)
            {
                await commands.ActAsync(registered.Case.Id, null, Actor(town), (c, _, ctx) => c.Accept(town.Id, ctx), ct: ct);
            }
        }
    }

    private static CaseActor Actor(UserAccount user) => new(user.Id, user.Username, user.Unit.Path);

    // The enterprise whose own mediation group the unit is, else the first one located in the subtree.
    private static async Task<CaseResult?> RegisterAsync(
        Database database, CaseCommands commands, TimeProvider time, CaseActor actor, string path, decimal monthsOwed, ILogger logger, CancellationToken ct)
    {
        var sql = $"""
            SELECT e.id FROM enterprises AS e
            JOIN org_units AS u ON u.id = e.unit_id
            LEFT JOIN org_units AS g ON g.id = e.mediation_unit_id
            WHERE {database.Dialect.SubtreeCondition("u.path")} OR g.path = @Path
            ORDER BY CASE WHEN g.path = @Path THEN 0 ELSE 1 END, e.id
            """;
        long? enterprise;
        await using (var connection = await database.OpenAsync(ct))
        {
            enterprise = (await connection.QueryAsync<long>(new CommandDefinition(
                sql, new { SubtreePattern = database.Dialect.SubtreePattern(path), Path = path }, cancellationToken: ct))).Cast<long?>().FirstOrDefault();
        }

        if (enterprise is null)
        {
            logger.LogWarning("Demo data: no enterprise under {Path} to register a walk-through case for", path);
            return null;
        }

        var registration = new CaseRegistration
        {
            Channel = Channel.WalkIn,
            ReceivedAt = time.GetUtcNow(),
            Enterprise = new EnterpriseRef(enterprise, null, null, null),
            Workers = [new CaseWorker("周晓梅", "", "", 6800m, monthsOwed, IdDocumentType.None)],
            DeclaredWorkers = 1,
            Description = "反映企业拖欠工资，要求尽快支付。",
        };
        var result = await commands.RegisterAsync(registration, actor, ct);
        logger.LogInformation("Demo data: walk-through case {CaseId} registered under {Path} ({State})", result.Case.Id, path, result.Case.State);
        return result;
    }
}
