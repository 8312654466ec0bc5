using System.Data.Common;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Tests.Users;

public abstract class UserStoreTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private UserStore Store => new(Db, Fixture.Clock);

    [DatabaseFact]
    public async Task FindByUsername_ReturnsTheUserWithRolesAndUnit_WhateverTheCase()
    {
        var (county, town, _) = await AUnit.TreeAsync(Db);
        var user = AUser.At(town).WithRoles("township", "manager");
        var id = await user.CreateAsync(Db, Store);

        var found = await Store.FindByUsernameAsync(user.Username.ToUpperInvariant());

        found.Should().BeEquivalentTo(new
        {
            Id = id,
            user.Username,
            user.DisplayName,
            user.PasswordHash,
            IsActive = true,
            FailedLoginCount = 0,
            LockedUntil = (DateTimeOffset?)null,
            LastLoginAt = (DateTimeOffset?)null,
            Unit = new UserUnit(town, $"/{county}/{town}/", "杭垓镇", UnitKind.Town, county),
            Roles = new List<string> { "manager", "township" },
        });
    }

    [DatabaseFact]
    public async Task FindByUsername_OfNobody_IsNull()
    {
        (await Store.FindByUsernameAsync("nobody-" + Guid.NewGuid().ToString("N"))).Should().BeNull();
    }

    [DatabaseFact]
    public async Task FindById_ReturnsTheSameUserAsByName()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var user = AUser.At(village);
        var id = await user.CreateAsync(Db, Store);

        (await Store.FindByIdAsync(id)).Should().BeEquivalentTo(await Store.FindByUsernameAsync(user.Username));
    }

    [DatabaseFact]
    public async Task Create_WithAUsernameTakenInAnotherCase_IsAUniqueViolation()
    {
        var (county, _, _) = await AUnit.TreeAsync(Db);
        var user = AUser.At(county);
        await user.CreateAsync(Db, Store);

        var again = () => user.Named(user.Username.ToUpperInvariant()).CreateAsync(Db, Store);

        (await again.Should().ThrowAsync<DbException>()).Which.Should().Match<DbException>(e => Dialect.IsUniqueViolation(e));
    }

    [DatabaseFact]
    public async Task RecordFailedLogin_CountsFailures_AndLocksWhenTheCountReachesTheLimit()
    {
        var id = await NewUserAsync();

        var failures = new List<FailedLogin>();
        for (var i = 0; i < 3; i++)
        {
            failures.Add(await FailAsync(id, max: 3));
        }

        var now = Fixture.Clock.GetUtcNow();
        failures.Should().Equal(new FailedLogin(1, null), new FailedLogin(2, null), new FailedLogin(3, now + Lockout));
        (await Store.FindByIdAsync(id))!.IsLockedAt(now).Should().BeTrue();
    }

    [DatabaseFact]
    public async Task RecordFailedLogin_AfterTheLockExpired_StartsANewCountAndClearsTheLock()
    {
        var id = await NewUserAsync();
        await FailAsync(id, max: 2);
        await FailAsync(id, max: 2);
        Fixture.Clock.Advance(Lockout);

        var next = await FailAsync(id, max: 2);

        next.Should().Be(new FailedLogin(1, null));
    }

    [DatabaseFact]
    public async Task RecordSuccessfulLogin_ClearsFailuresAndLock_AndStampsTheTime()
    {
        var id = await NewUserAsync();
        await FailAsync(id, max: 1);

        await Db.InTransactionAsync((c, t) => Store.RecordSuccessfulLoginAsync(c, t, id));

        var user = await Store.FindByIdAsync(id);
        (user!.FailedLoginCount, user.LockedUntil, user.LastLoginAt).Should().Be((0, (DateTimeOffset?)null, Fixture.Clock.GetUtcNow()));
    }

    [DatabaseFact]
    public async Task SetPasswordHash_ReplacesTheHash()
    {
        var id = await NewUserAsync();

        await Db.InTransactionAsync((c, t) => Store.SetPasswordHashAsync(c, t, id, "a-new-hash"));

        (await Store.FindByIdAsync(id))!.PasswordHash.Should().Be("a-new-hash");
    }

    [DatabaseFact]
    public async Task List_OfASubtree_ReturnsItsUsersWithRoles_AndNoOthers()
    {
        var (county, town, village) = await AUnit.TreeAsync(Db);
        var otherTown = await AUnit.Town(county, "报福镇").InsertAsync(Db);
        var inVillage = AUser.At(village).Named($"b-{Guid.NewGuid():N}"[..20]).WithRoles("mediator");
        var inTown = AUser.At(town).Named($"a-{Guid.NewGuid():N}"[..20]).WithRoles("township", "mediator");
        var elsewhere = AUser.At(otherTown);
        var villageId = await inVillage.CreateAsync(Db, Store);
        var townId = await inTown.CreateAsync(Db, Store);
        await elsewhere.CreateAsync(Db, Store);

        var users = await Store.ListAsync($"/{county}/{town}/");

        users.Should().BeEquivalentTo(
            new[]
            {
                new UserSummary(townId, inTown.Username, inTown.DisplayName, town, "杭垓镇", true, null, ["mediator", "township"]),
                new UserSummary(villageId, inVillage.Username, inVillage.DisplayName, village, "吴村村", true, null, ["mediator"]),
            },
            o => o.WithStrictOrdering());
    }

    [DatabaseFact]
    public async Task List_WithoutASubtree_IncludesEveryone()
    {
        var first = await NewUserAsync();
        var second = await NewUserAsync();

        (await Store.ListAsync()).Select(u => u.Id).Should().Contain([first, second]);
    }

    private async Task<long> NewUserAsync()
    {
        var (county, _, _) = await AUnit.TreeAsync(Db);
        return await AUser.At(county).CreateAsync(Db, Store);
    }

    private Task<FailedLogin> FailAsync(long id, int max) =>
        Db.InTransactionAsync((c, t) => Store.RecordFailedLoginAsync(c, t, id, max, Lockout));
}

public sealed class SqliteUserStoreTests(SqliteTestDatabase fixture) : UserStoreTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerUserStoreTests(SqlServerTestDatabase fixture) : UserStoreTests<SqlServerTestDatabase>(fixture);
