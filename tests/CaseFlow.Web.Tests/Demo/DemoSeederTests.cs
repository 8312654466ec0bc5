using System.Net;
using System.Net.Http.Json;
using CaseFlow.Data.Organisation;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using CaseFlow.Synthetic;
using CaseFlow.Synthetic.Loading;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Demo;
using CaseFlow.Web.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Tests.Demo;

public sealed class DemoSeederTests(DemoSeederTests.DevelopmentApp app) : IClassFixture<DemoSeederTests.DevelopmentApp>
{
    [Fact]
    public async Task FirstStartInDevelopment_CreatesTheSixDemoAccountsWithTheirRoles()
    {
        var users = app.Services.GetRequiredService<UserStore>();

        var accounts = new Dictionary<string, UserAccount?>();
        foreach (var username in DemoSeeder.Usernames)
        {
            accounts[username] = await users.FindByUsernameAsync(username);
        }

        accounts.Should().HaveCount(6).And.NotContainValue(null);
        accounts.ToDictionary(a => a.Key, a => a.Value!.Roles.Single()).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["demo-admin"] = Roles.Admin,
            ["demo-auditor"] = Roles.Auditor,
            ["demo-manager"] = Roles.Manager,
            ["demo-township-a"] = Roles.Township,
            ["demo-township-b"] = Roles.Township,
            ["demo-mediator-a"] = Roles.Mediator,
        });
    }

    [Fact]
    public async Task DemoAccounts_SitWhereTheirRolesWork_AllInCountyOne()
    {
        var users = app.Services.GetRequiredService<UserStore>();
        var admin = (await users.FindByUsernameAsync("demo-admin"))!;
        var townA = (await users.FindByUsernameAsync("demo-township-a"))!;
        var townB = (await users.FindByUsernameAsync("demo-township-b"))!;
        var mediator = (await users.FindByUsernameAsync("demo-mediator-a"))!;

        admin.Unit.Kind.Should().Be(UnitKind.County);
        admin.Unit.Name.Should().Be("安吉县");
        (townA.Unit.Kind, townB.Unit.Kind).Should().Be((UnitKind.Town, UnitKind.Town));
        townA.Unit.Id.Should().NotBe(townB.Unit.Id);
        mediator.Unit.Kind.Should().Be(UnitKind.Enterprise);
        mediator.Unit.Path.Should().StartWith(townA.Unit.Path);
        new[] { townA, townB, mediator }.Select(u => u.Unit.CountyId).Should().AllBeEquivalentTo(admin.Unit.Id);
    }

    [Fact]
    public async Task ADemoAccount_SignsInWithTheDemoPassword()
    {
        var response = await app.NewClient().PostAsJsonAsync("/api/v1/auth/login", new { username = "demo-mediator-a", password = DemoSeeder.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FirstStartInDevelopment_SeedsTwoCountiesWithTheirLaddersContactsAndEnterprises()
    {
        var orgs = app.Services.GetRequiredService<OrgStore>();
        await using var connection = await app.Database.OpenAsync();
        var counties = (await connection.QueryAsync<(long Id, string Name, string Code)>(
            "SELECT id, name, code FROM org_units WHERE kind = 'county' AND code IS NOT NULL ORDER BY id")).AsList();

        counties.Select(c => (c.Name, c.Code)).Should().StartWith([("安吉县", "AJ"), ("即墨区", "JM")]);
        (await orgs.GetLadderAsync(counties[0].Id))!.Levels.Should().Equal(MediationLadder.Anji.Levels);
        (await orgs.GetLadderAsync(counties[1].Id))!.Levels.Should().Equal(MediationLadder.Jimo.Levels);
        (await orgs.ContactsAsync(counties[0].Id)).Select(c => c.PartyKind).Should().BeEquivalentTo(["county_union", "hrss", "political_legal"]);
        (await orgs.ContactsAsync(counties[1].Id)).Should().HaveCount(3);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM enterprises")).Should().Be(360);
    }

    [Fact]
    public void TheCaseSeederHook_RanOnceWithTheIdMaps()
    {
        var demo = app.CaseSeeder.Calls.Should().ContainSingle().Subject;

        demo.UserIds.Keys.Should().BeEquivalentTo(DemoSeeder.Usernames);
        demo.UnitIds.Should().HaveCount(demo.Generator.Counties.Sum(c => c.Units.Count));
        demo.EnterpriseIds.Should().HaveCount(demo.Generator.Counties.Sum(c => c.Enterprises.Count));
    }

    [Fact]
    public async Task ALaterStart_SeedsNothingMore()
    {
        var seeded = await app.Services.GetRequiredService<DemoSeeder>().RunAsync();

        seeded.Should().BeFalse();
        app.CaseSeeder.Calls.Should().ContainSingle();
    }

    [Fact]
    public void InDevelopment_TheHostRegistersTheDemoSeederAndTheSyntheticCaseLoader()
    {
        DemoRegistrations.In(app.Registrations).Select(d => d.ServiceType).Should()
            .Contain([typeof(DemoSeeder), typeof(IDemoCaseSeeder), typeof(SyntheticCaseLoader)]);
    }

    /// <summary>The host in Development, with a case seeder that records what it was given.</summary>
    public sealed class DevelopmentApp : CaseFlowApp
    {
        public RecordingCaseSeeder CaseSeeder { get; } = new();

        /// <summary>The application's own registrations, before the test's.</summary>
        public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

        protected override string EnvironmentName => "Development";

        protected override void ConfigureServices(IServiceCollection services)
        {
            Registrations = [.. services];
            services.AddSingleton<IDemoCaseSeeder>(CaseSeeder);
        }
    }

    public sealed class RecordingCaseSeeder : IDemoCaseSeeder
    {
        public List<DemoData> Calls { get; } = [];

        public Task SeedAsync(DemoData demo, CancellationToken cancellationToken)
        {
            Calls.Add(demo);
            return Task.CompletedTask;
        }
    }
}

public sealed class DemoSeederOutsideDevelopmentTests(DemoSeederOutsideDevelopmentTests.ProductionApp app)
    : IClassFixture<DemoSeederOutsideDevelopmentTests.ProductionApp>
{
    [Fact]
    public async Task StartOutsideDevelopment_SeedsNoAccountsAndNoUnits()
    {
        await using var connection = await app.Database.OpenAsync();

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE username LIKE 'demo-%'")).Should().Be(0);
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM enterprises")).Should().Be(0);
    }

    [Fact]
    public void OutsideDevelopment_TheHostRegistersNothingOfTheDemoOrTheSyntheticData()
    {
        var isService = app.Services.GetRequiredService<IServiceProviderIsService>();

        app.Registrations.Should().NotBeEmpty();
        DemoRegistrations.In(app.Registrations).Should().BeEmpty();
        new[] { typeof(DemoSeeder), typeof(IDemoCaseSeeder), typeof(SyntheticCaseLoader) }.Where(isService.IsService).Should().BeEmpty();
    }

    [Fact]
    public async Task ADemoSeederMadeOutsideDevelopment_StillSeedsNothing()
    {
        var cases = new DemoSeederTests.RecordingCaseSeeder();
        // The demo's own parts are not registered outside Development (see the test above): handed in, as a mistaken
        // registration would.
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(app.Services, cases, ActivatorUtilities.CreateInstance<DemoScreening>(app.Services));

        (await seeder.RunAsync()).Should().BeFalse();
        cases.Calls.Should().BeEmpty();
        await using var connection = await app.Database.OpenAsync();
        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE username LIKE 'demo-%'")).Should().Be(0);
    }

    /// <summary>The host in Production; it does no start-up seeding even though the database is empty.</summary>
    public sealed class ProductionApp : CaseFlowApp
    {
        /// <summary>The application's own registrations.</summary>
        public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

        protected override string EnvironmentName => "Production";

        protected override void ConfigureServices(IServiceCollection services) => Registrations = [.. services];
    }
}

/// <summary>Which registrations belong to the demo: any that names a type of the demo seeder's namespace or of CaseFlow.Synthetic.</summary>
internal static class DemoRegistrations
{
    public static IEnumerable<ServiceDescriptor> In(IEnumerable<ServiceDescriptor> registrations) =>
        registrations.Where(d => TypesOf(d).Any(t => t is not null && (t.Assembly == typeof(SyntheticGenerator).Assembly || t.Namespace == typeof(DemoSeeder).Namespace)));

    // A keyed descriptor throws on the non-keyed implementation accessors, and the other way round.
    private static Type?[] TypesOf(ServiceDescriptor d) => d.IsKeyedService
        ? [d.ServiceType, d.KeyedImplementationType, d.KeyedImplementationInstance?.GetType()]
        : [d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType()];
}
