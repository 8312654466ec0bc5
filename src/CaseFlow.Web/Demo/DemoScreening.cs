using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Screening;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;
using CaseFlow.Domain.Screening;
using CaseFlow.Web.Auth;
using Dapper;

namespace CaseFlow.Web.Demo;

/// <summary>
/// The demo's grid screening: a grid worker account (demo-grid-a) at a village of demo-township-a's town, and this
/// month's round of 安吉县 in which another village of that town has screened its enterprises, found one in arrears
/// and reported; demo-grid-a's village and the other grids are still missing.
/// </summary>
public sealed class DemoScreening(Database database, UserStore users, Passwords passwords, ScreeningStore screening, RiskGrader grader, TimeProvider time, ILogger<DemoScreening> logger)
{
    public const string GridUsername = "demo-grid-a";

    /// <summary>What the reporting village found at its first enterprise: orange by the rules (1–2 months).</summary>
    public static readonly ScreenedArrears DemoArrears = new(1.5m, 8, 36_000m);

    public async Task SeedAsync(CancellationToken ct)
    {
        var manager = await users.FindByUsernameAsync("demo-manager", ct);
        var town = await users.FindByUsernameAsync("demo-township-a", ct);
        if (manager is null || town is null)
        {
            return;
        }

        // The villages of the town with the enterprises located there, and whether each has had a case.
        const string sql = """
            SELECT v.id AS VillageId, v.name AS VillageName, v.path AS VillagePath, e.id AS EnterpriseId,
                   (SELECT COUNT(*) FROM cases AS c WHERE c.enterprise_id = e.id) AS Cases
            FROM org_units AS v JOIN enterprises AS e ON e.unit_id = v.id
            WHERE v.parent_id = @TownId AND v.kind = 'village'
            ORDER BY v.id, e.id
            """;
        List<VillageEnterprise> rows;
        await using (var connection = await database.OpenAsync(ct))
        {
            rows = [.. await connection.QueryAsync<VillageEnterprise>(new CommandDefinition(sql, new { TownId = town.Unit.Id }, cancellationToken: ct))];
        }

        var villages = rows.GroupBy(r => r.VillageId).ToList();
        var withoutCase = villages.Where(v => v.Any(e => e.Cases == 0)).ToList();
        if (villages.Count < 2)
        {
            return;
        }

        var grid = (withoutCase.FirstOrDefault() ?? villages[0]).First();
        var reporting = withoutCase.FirstOrDefault(v => v.Key != grid.VillageId) ?? villages.First(v => v.Key != grid.VillageId);

        var hash = passwords.Hash(DemoSeeder.Password);
        await database.InTransactionAsync(
            (connection, transaction) => users.CreateAsync(connection, transaction, new NewUser(GridUsername, "演示网格员", hash, grid.VillageId, [Roles.Mediator]), ct), ct);

        var period = ChinaTime.DateOf(time.GetUtcNow()).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var (_, roundId) = await screening.OpenRoundAsync(manager.Unit.CountyId, period, new AuditActor(manager.Id, manager.Username), ct);

        // The reporting village's grid worker has no demo account: the seed records and reports in its name.
        var seed = new AuditActor(null, "demo-seed");
        var village = new OrgUnit(reporting.Key, town.Unit.Id, UnitKind.Village, reporting.First().VillageName, reporting.First().VillagePath);
        var arrearsAt = reporting.FirstOrDefault(e => e.Cases == 0) ?? reporting.First();
        foreach (var e in reporting)
        {
            var (status, arrears) = e == arrearsAt ? (WageStatus.InArrears, DemoArrears) : (WageStatus.Normal, (ScreenedArrears?)null);
            var note = status == WageStatus.InArrears ? "工人反映已一个半月未发工资" : null;
            await screening.RecordAsync(new RecordScreening(roundId, e.EnterpriseId, status, arrears, note, ScreeningGrade.Grade(grader, status, arrears)), manager.Unit.CountyId, village, seed, ct);
        }

        await screening.ReportAsync(roundId, manager.Unit.CountyId, village, null, seed, ct);
        logger.LogInformation(
            "Demo data: screening round {Period} opened; {Village} reported, {Grid} ({Username}, password {Password}) still to report",
            period, village.Name, grid.VillageName, GridUsername, DemoSeeder.Password);
    }

    private sealed record VillageEnterprise(long VillageId, string VillageName, string VillagePath, long EnterpriseId, long Cases);
}
