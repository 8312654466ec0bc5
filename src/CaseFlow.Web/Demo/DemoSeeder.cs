using CaseFlow.Data;
using CaseFlow.Data.Organisation;
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
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DemoSeeder> logger)
{
    public const string Password = "caseflow-demo";
    public const int Seed = 2026;

    public static IReadOnlyList<string> Usernames { get; } =
        ["demo-admin", "demo-auditor", "demo-manager", "demo-township-a", "demo-township-b", "demo-mediator-a"];

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
            },
            cancellationToken);

        logger.LogInformation(
            "Demo data: seeded {Counties} with {Units} units and {Enterprises} enterprises",
            string.Join(" and ", generator.Counties.Select(c => $"{c.Name} ({c.CasePrefix}, {c.Model} ladder)")), unitIds.Count, enterpriseIds.Count);
        return new DemoData(generator, unitIds, enterpriseIds, userIds);
    }

    /// <summary>The six accounts, all in county 1: two towns, the first of which has an enterprise mediation group.</summary>
    internal static IEnumerable<(DemoAccount Account, long UnitId)> Accounts(SyntheticCounty county, IReadOnlyDictionary<long, long> unitIds)
    {
        var root = county.Root;
        var towns = county.Units.Where(u => u.Kind == UnitKind.Town).ToList();
        var townA = towns.First(t => county.Units.Any(u => u.Kind == UnitKind.Enterprise && t.Contains(u)));
        var townB = towns.First(t => t.Id != townA.Id);
        var group = county.Units.First(u => u.Kind == UnitKind.Enterprise && townA.Contains(u));

        yield return (new DemoAccount("demo-admin", "演示管理员", Roles.Admin, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-auditor", "演示审计员", Roles.Auditor, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-manager", "演示县总工会", Roles.Manager, root.Name), unitIds[root.Id]);
        yield return (new DemoAccount("demo-township-a", Shorten($"演示{townA.Name}工会"), Roles.Township, townA.Name), unitIds[townA.Id]);
        yield return (new DemoAccount("demo-township-b", Shorten($"演示{townB.Name}工会"), Roles.Township, townB.Name), unitIds[townB.Id]);
        yield return (new DemoAccount("demo-mediator-a", "演示调解员", Roles.Mediator, group.Name), unitIds[group.Id]);
    }

    private static string Shorten(string displayName) => displayName.Length > 50 ? displayName[..50] : displayName;

    private async Task LogAccountsAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var username in Usernames)
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
        services.AddSingleton<SyntheticCaseLoader>();
        services.AddSingleton<IDemoCaseSeeder, DemoCases>();
        return services;
    }
}
