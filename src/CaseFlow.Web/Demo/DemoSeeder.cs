using CaseFlow.Data;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Partners;
using CaseFlow.Data.Users;
using CaseFlow.Domain;
using CaseFlow.Domain.Organisation;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;
using CaseFlow.Web.Auth;

namespace CaseFlow.Web.Demo;

/// <summary>One demo account: who, where, with which role.</summary>
public sealed record DemoAccount(string Username, string DisplayName, string Role, string UnitName);

/// <summary>
/// Fills an empty Development database with two synthetic counties (Anji and Jimo ladders), their enterprises and
/// three-party contacts, and the demo accounts, then hands over to <see cref="IDemoCaseSeeder"/>. Never runs outside
/// Development, and never on a database that already has org units.
/// </summary>
public sealed class DemoSeeder(
    Database database,
    OrgStore orgs,
    UserStore users,
    Passwords passwords,
    IDemoCaseSeeder cases,
    PartnerStore partners,
    Data.Supervision.SupervisionStore supervisions,
    CaseFlow.Data.Cases.CaseCommands commands,
    CaseFlow.Domain.Calendar.DeadlineCalculator calculator,
    DemoScreening screening,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string Password = "caseflow-demo";
    public const int Seed = 2026;

    public static IReadOnlyList<string> Usernames { get; } =
        ["demo-admin", "demo-auditor", "demo-manager", "demo-township-a", "demo-township-b", "demo-mediator-a"];

    /// <summary>The partner accounts of county 1, one per kind that works cases most (三方联动).</summary>
    public static IReadOnlyList<string> PartnerUsernames { get; } = ["demo-hrss", "demo-arbitration", "demo-court"];

    /// <summary>County 1's partner organisations: kind, name, and the demo account of the kinds that have one.</summary>
    internal static IReadOnlyList<(string Kind, string Name, string? Username, string? DisplayName)> Partners { get; } =
    [
        (PartnerKinds.Hrss, "安吉县人力资源和社会保障局", "demo-hrss", "演示人社局"),
        (PartnerKinds.LabourInspection, "安吉县劳动保障监察大队", null, null),
        (PartnerKinds.Arbitration, "安吉县劳动人事争议仲裁院", "demo-arbitration", "演示仲裁院"),
        (PartnerKinds.Court, "安吉县人民法院", "demo-court", "演示法院"),
        (PartnerKinds.Justice, "安吉县司法局", null, null),
        (PartnerKinds.PoliticalLegal, "中共安吉县委政法委员会", null, null),
        (PartnerKinds.Police, "安吉县公安局", null, null),
    ];

    /// <summary>Seeds when this is Development and the database has no unit yet; logs the demo accounts either way.</summary>
    /// <returns>Whether it seeded.</returns>
    public async Task<bool> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!environment.IsDevelopment())
        {
            return false;
        }

        var seeded = false;
        if (!await orgs.AnyUnitsAsync(cancellationToken))
        {
            var demo = await SeedAsync(cancellationToken);
            await cases.SeedAsync(demo, cancellationToken);
            await SharePartnersAsync(demo, cancellationToken);
            await ReferToArbitrationAsync(cancellationToken);
            await DemoStory.SeedAsync(database, users, commands, time, logger, cancellationToken);
            await DemoSupervision.SeedAsync(database, users, supervisions, cancellationToken);
            await new DemoHealthChecks(database, time).SeedAsync(demo, cancellationToken);
            await screening.SeedAsync(cancellationToken);
            seeded = true;
        }

        await LogAccountsAsync(cancellationToken);
        return seeded;
    }

    private async Task<DemoData> SeedAsync(CancellationToken cancellationToken)
    {
        var generator = new SyntheticGenerator(new SyntheticOptions { Seed = Seed, Counties = 2 });
        var today = ChinaTime.DateOf(time.GetUtcNow());
        // One hash for all six: they share the published demo password anyway, and each hash costs real time.
        var passwordHash = passwords.Hash(Password);
        var unitIds = new Dictionary<long, long>();
        var enterpriseIds = new Dictionary<long, long>();
        var mediatorByUnit = new Dictionary<long, long>();
        var userIds = new Dictionary<string, long>(StringComparer.Ordinal);

        await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var writer = new SyntheticCountyWriter(orgs);
                foreach (var county in generator.Counties)
                {
                    var ids = await writer.InsertAsync(connection, transaction, generator, county, today, cancellationToken);
                    foreach (var (generated, stored) in ids.UnitIds)
                    {
                        unitIds[generated] = stored;
                    }

                    foreach (var (generated, stored) in ids.EnterpriseIds)
                    {
                        enterpriseIds[generated] = stored;
                    }
                }

                foreach (var (account, unitId) in Accounts(generator.Counties[0], unitIds))
                {
                    userIds[account.Username] = await users.CreateAsync(
                        connection, transaction, new NewUser(account.Username, account.DisplayName, passwordHash, unitId, [account.Role]), cancellationToken);
                }

                // The seeded history needs a mediator for every case: demo-mediator-a's in her own town, elsewhere one
                // mediator of record per county at its union, whose password nobody knows (not a demo account).
                var (_, townA) = Towns(generator.Counties[0]);
                var recordsHash = passwords.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                foreach (var county in generator.Counties)
                {
                    var records = await users.CreateAsync(
                        connection, transaction,
                        new NewUser($"records-{county.CasePrefix.ToLowerInvariant()}", $"{county.Name}历史案件调解员", recordsHash, unitIds[county.Root.Id], [Roles.Mediator]),
                        cancellationToken);
                    foreach (var unit in county.Units)
                    {
                        mediatorByUnit[unitIds[unit.Id]] = county == generator.Counties[0] && townA.Contains(unit) ? userIds["demo-mediator-a"] : records;
                    }
                }

                // Before the cases: red and orange ones are shared with these by graded response as they are written.
                var countyId = unitIds[generator.Counties[0].Root.Id];
                foreach (var (kind, name, username, displayName) in Partners)
                {
                    var org = await partners.InsertOrgAsync(connection, transaction, new NewPartnerOrg(countyId, kind, name), cancellationToken);
                    if (username is not null)
                    {
                        await users.CreateAsync(
                            connection, transaction, new NewUser(username, displayName!, passwordHash, countyId, [Roles.Partner]) { PartnerOrgId = org }, cancellationToken);
                    }
                }
            },
            cancellationToken);

        logger.LogInformation(
            "Demo data: seeded {Counties} with {Units} units and {Enterprises} enterprises",
            string.Join(" and ", generator.Counties.Select(c => $"{c.Name} ({c.CasePrefix}, {c.Model} ladder)")), unitIds.Count, enterpriseIds.Count);
        return new DemoData(generator, unitIds, enterpriseIds, userIds, mediatorByUnit);
    }

    /// <summary>The county's towns, and town A: the first with an enterprise mediation group (demo-mediator-a's).</summary>
    private static (List<OrgUnit> Towns, OrgUnit TownA) Towns(SyntheticCounty county)
    {
        var towns = county.Units.Where(u => u.Kind == UnitKind.Town).ToList();
        return (towns, towns.First(t => county.Units.Any(u => u.Kind == UnitKind.Enterprise && t.Contains(u))));
    }

    /// <summary>The six accounts, all in county 1: two towns, the first of which has an enterprise mediation group.</summary>
    internal static IEnumerable<(DemoAccount Account, long UnitId)> Accounts(SyntheticCounty county, IReadOnlyDictionary<long, long> unitIds)
    {
        var root = county.Root;
        var (towns, townA) = Towns(county);
        var townB = towns.First(t => t.Id != townA.Id);
        var group = county.Units.First(u => u.Kind == UnitKind.Enterprise && townA.Contains(u));

        yield return (new DemoAccount("demo-admin", "演示管理员", Roles.Admin, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-auditor", "演示审计员", Roles.Auditor, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-manager", "演示县总工会", Roles.Manager, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-township-a", Shorten($"演示{townA.Name}工会"), Roles.Township, townA.Name), unitIds[townA.Id]);
        yield return (new DemoAccount("demo-township-b", Shorten($"演示{townB.Name}工会"), Roles.Township, townB.Name), unitIds[townB.Id]);
        yield return (new DemoAccount("demo-mediator-a", "演示调解员", Roles.Mediator, group.Name), unitIds[group.Id]);
    }

    /// <summary>
    /// Beyond the graded response's shares: the manager shares county 1's referred cases with the organisation they
    /// went to (arbitration or court) and a few yellow ones with the court (诉调对接), so each partner account has work.
    /// </summary>
    private async Task SharePartnersAsync(DemoData demo, CancellationToken ct)
    {
        var manager = await users.FindByUsernameAsync("demo-manager", ct);
        if (manager is null)
        {
            return;
        }

        var actor = new CaseFlow.Data.Cases.CaseActor(manager.Id, manager.Username, manager.Unit.Path);
        var orgs = await partners.OrgsAsync(manager.Unit.CountyId, ct);
        var arbitration = orgs.Single(o => o.Kind == PartnerKinds.Arbitration).Id;
        var court = orgs.Single(o => o.Kind == PartnerKinds.Court).Id;
        await using var connection = await database.OpenAsync(ct);
        var referred = await Dapper.SqlMapper.QueryAsync<(long Id, string Body)>(connection, new Dapper.CommandDefinition(
            """
            SELECT c.id, r.body FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            JOIN referrals AS r ON r.case_id = c.id
            WHERE u.county_id = @CountyId AND r.body IN ('arbitration', 'court')
            ORDER BY c.id
            """, new { CountyId = manager.Unit.CountyId }, cancellationToken: ct));
        foreach (var (id, body) in referred.Take(12))
        {
            await partners.ShareAsync(id, body == "court" ? court : arbitration, "已移送，请跟进处理结果", actor, ct);
        }

        var yellow = await Dapper.SqlMapper.QueryAsync<long>(connection, new Dapper.CommandDefinition(
            """
            SELECT c.id FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
            WHERE u.county_id = @CountyId AND c.risk_color = 1 AND c.closed_at IS NULL
            ORDER BY c.id
            """, new { CountyId = manager.Unit.CountyId }, cancellationToken: ct));
        foreach (var id in yellow.Take(3))
        {
            await partners.ShareAsync(id, court, "诉调对接：请法院提前了解", actor, ct);
        }

        logger.LogInformation("Demo data: partner organisations of {County} seeded, with their shares", demo.Generator.Counties[0].Name);
    }

    /// <summary>What the demo referral to 安吉县劳动人事争议仲裁院 hands over; it awaits acknowledgement (签收).</summary>
    public const string ReferralHandedOver = "调解申请书、调解笔录、欠薪清单及考勤记录（演示）";

    /// <summary>
    /// One case of county 1 whose mediation failed, referred by the manager to the arbitration institute on CaseFlow
    /// (demo-arbitration), awaiting acknowledgement: the referral loop can be walked on the demo.
    /// </summary>
    private async Task ReferToArbitrationAsync(CancellationToken ct)
    {
        var manager = await users.FindByUsernameAsync("demo-manager", ct);
        if (manager is null)
        {
            return;
        }

        var arbitration = (await partners.OrgsAsync(manager.Unit.CountyId, ct)).Single(o => o.Kind == PartnerKinds.Arbitration);
        long? id;
        bool failed;
        await using (var connection = await database.OpenAsync(ct))
        {
            failed = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, new Dapper.CommandDefinition(
                """
                SELECT COUNT(*) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
                WHERE u.county_id = @CountyId AND c.state = 'MediationFailed'
                """, new { CountyId = manager.Unit.CountyId }, cancellationToken: ct)) > 0;
            // A failed case of the county if there is one, else one at the top level (escalated once more, it fails).
            id = await Dapper.SqlMapper.ExecuteScalarAsync<long?>(connection, new Dapper.CommandDefinition(
                """
                SELECT MIN(c.id) FROM cases AS c JOIN org_units AS u ON u.id = c.unit_id
                WHERE u.county_id = @CountyId AND c.state = @State
                """, new { CountyId = manager.Unit.CountyId, State = failed ? "MediationFailed" : "Level3InMediation" }, cancellationToken: ct));
        }

        if (id is not { } caseId)
        {
            logger.LogWarning("Demo data: no case of county 1 could be referred to arbitration");
            return;
        }

        var actor = new CaseFlow.Data.Cases.CaseActor(manager.Id, manager.Username, manager.Unit.Path);
        if (!failed)
        {
            await commands.ActAsync(caseId, null, actor, static (c, r, ctx) => c.Escalate(r, ctx), "三级调解未达成协议", ct);
        }

        var referral = new Domain.Cases.Referral(Domain.Cases.ReferralBody.Arbitration, null)
        {
            PartnerOrgId = arbitration.Id,
            HandedOver = ReferralHandedOver,
        };
        await commands.ActAsync(caseId, null, actor, (c, _, ctx) => c.Refer(
            referral with { AcknowledgementDue = Domain.Cases.ReferralClock.AcknowledgementDue(referral.Body, ctx.Now, calculator.Calendar)?.DueAt }, ctx),
            "调解不成，移送劳动人事争议仲裁", ct);
        logger.LogInformation("Demo data: case {CaseId} referred to {Partner}, awaiting acknowledgement", caseId, arbitration.Name);
    }

    private static string Shorten(string displayName) => displayName.Length > 50 ? displayName[..50] : displayName;

    private async Task LogAccountsAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var username in Usernames.Concat(PartnerUsernames))
        {
            if (await users.FindByUsernameAsync(username, cancellationToken) is { } account)
            {
                lines.Add($"{account.Username} ({string.Join(", ", account.Roles)}, {account.Unit.Name})");
            }
        }

        if (lines.Count > 0)
        {
            logger.LogInformation("Demo accounts, password {Password}: {Accounts}", Password, string.Join("; ", lines));
        }
    }
}

/// <summary>Registration of the demo seeder and the synthetic data it loads.</summary>
public static class DemoSetup
{
    /// <summary>
    /// Registers the demo seeder, its case seeder and the synthetic case loader in Development, and nothing in any
    /// other environment: a production host's container holds none of it, not merely a seeder that declines to run.
    /// </summary>
    public static IServiceCollection AddCaseFlowDemo(this IServiceCollection services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            return services;
        }

        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<DemoScreening>();
        services.AddSingleton<SyntheticCaseLoader>();
        services.AddSingleton<IDemoCaseSeeder, DemoCases>();
        return services;
    }
}
