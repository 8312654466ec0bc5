using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Data.Users;
using Dapper;
using Microsoft.Extensions.Time.Testing;

namespace CaseFlow.Data.Tests.Users;

/// <summary>The signed-in user's account as every request reads it: reused for a declared time, dropped at once on a change.</summary>
public abstract class SessionAccountTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private readonly FakeTimeProvider _clock = new(TestDatabase.Start);

    [DatabaseFact]
    public async Task FindForSession_ReusesTheAccountForItsLifetime_ThenReadsTheRowAgain()
    {
        var store = new UserStore(Db, _clock);
        var (_, town, _) = await AUnit.TreeAsync(Db);
        var id = await AUser.At(town).CreateAsync(Db, store);
        (await store.FindForSessionAsync(id))!.DisplayName.Should().Be("王调解");

        // Changed outside this store (by hand, another process): seen once the lifetime is over, not before.
        await RenameAsync(id, "李调解");
        _clock.Advance(UserStore.SessionAccountLifetime - TimeSpan.FromMilliseconds(1));
        (await store.FindForSessionAsync(id))!.DisplayName.Should().Be("王调解");
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        (await store.FindForSessionAsync(id))!.DisplayName.Should().Be("李调解");
    }

    [DatabaseFact]
    public async Task FindForSession_AfterForgetSession_ReadsTheRowAtOnce()
    {
        var store = new UserStore(Db, _clock);
        var (_, town, _) = await AUnit.TreeAsync(Db);
        var id = await AUser.At(town).CreateAsync(Db, store);
        await store.FindForSessionAsync(id);

        await RenameAsync(id, "赵调解");
        store.ForgetSession(id);

        (await store.FindForSessionAsync(id))!.DisplayName.Should().Be("赵调解");
    }

    [DatabaseFact]
    public async Task SetActive_False_IsSeenByTheNextSessionReadAtOnce_AndAudited()
    {
        var store = new UserStore(Db, _clock);
        var (_, town, _) = await AUnit.TreeAsync(Db);
        var id = await AUser.At(town).CreateAsync(Db, store);
        (await store.FindForSessionAsync(id))!.IsActive.Should().BeTrue();

        var changed = await store.SetActiveAsync(id, active: false, new AuditActor(null, "admin"), new AuditWriter(Db, _clock));

        changed.Should().BeTrue();
        (await store.FindForSessionAsync(id))!.IsActive.Should().BeFalse("no time has passed: the change itself dropped the cached account");
        await using var connection = await Db.OpenAsync();
        (await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = @Id", new { Id = id.ToString(CultureInfo.InvariantCulture) }))
            .Should().Equal("user.deactivate");

        await store.SetActiveAsync(id, active: true, new AuditActor(null, "admin"), new AuditWriter(Db, _clock));
        (await store.FindForSessionAsync(id))!.IsActive.Should().BeTrue();
    }

    [DatabaseFact]
    public async Task SetActive_OfNobody_IsFalse_AndAuditsNothing()
    {
        var store = new UserStore(Db, _clock);
        const long nobody = 987_654_321;

        (await store.SetActiveAsync(nobody, active: false, new AuditActor(null, "admin"), new AuditWriter(Db, _clock))).Should().BeFalse();

        await using var connection = await Db.OpenAsync();
        (await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_id = @Id", new { Id = nobody.ToString(CultureInfo.InvariantCulture) }))
            .Should().Be(0);
    }

    [DatabaseFact]
    public async Task FindForSession_OfAUserWhoIsGone_IsNull()
    {
        var store = new UserStore(Db, _clock);

        (await store.FindForSessionAsync(876_543_210)).Should().BeNull();
    }

    private async Task RenameAsync(long id, string name)
    {
        await using var connection = await Db.OpenAsync();
        await connection.ExecuteAsync("UPDATE users SET display_name = @Name WHERE id = @Id", new { Id = id, Name = name });
    }
}

public sealed class SqliteSessionAccountTests(SqliteTestDatabase fixture) : SessionAccountTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerSessionAccountTests(SqlServerTestDatabase fixture) : SessionAccountTests<SqlServerTestDatabase>(fixture);
