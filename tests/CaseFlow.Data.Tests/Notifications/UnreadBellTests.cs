using CaseFlow.Data.Audit;
using CaseFlow.Data.Notifications;
using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using CaseFlow.Data.Tests.Users;
using CaseFlow.Data.Users;
using Dapper;

namespace CaseFlow.Data.Tests.Notifications;

/// <summary>The header's unread count: notices to the user and to their unit as a whole, read ones left out, capped for the bell.</summary>
public abstract class UnreadBellTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Unread_CountsNoticesToTheUserAndToTheirUnit_NotToOtherUsersOfIt_NorReadOnes()
    {
        var (county, town, _) = await AUnit.TreeAsync(Db);
        var users = new UserStore(Db, Fixture.Clock);
        var me = await AUser.At(town).CreateAsync(Db, users);
        var colleague = await AUser.At(town).CreateAsync(Db, users);
        var store = new NotificationStore(Db, new AuditWriter(Db, Fixture.Clock), Fixture.Clock);
        var reader = new NoticeReader(me, town);
        await InsertAsync(town, me, 3);
        await InsertAsync(town, null, 4);
        await InsertAsync(town, colleague, 5);
        await InsertAsync(county, null, 6);

        (await store.UnreadCountAsync(reader)).Should().Be(7);
        (await store.UnreadForBellAsync(reader)).Should().Be(7);

        var first = (await store.ListAsync(reader, null, unreadOnly: true, 0, 10)).Items.First(n => !n.ToMe).Id;
        await store.MarkReadAsync(reader, first, new AuditActor(me, "me"));
        (await store.UnreadCountAsync(reader)).Should().Be(6);
        (await store.UnreadForBellAsync(reader)).Should().Be(6);
        (await store.UnreadForBellAsync(new NoticeReader(colleague, town))).Should().Be(9, "the unit's notice read by me is still unread for my colleague");
    }

    [DatabaseFact]
    public async Task UnreadForBell_StopsCountingAtTheCap_TheExactCountDoesNot()
    {
        var (_, town, _) = await AUnit.TreeAsync(Db);
        var me = await AUser.At(town).CreateAsync(Db, new UserStore(Db, Fixture.Clock));
        var store = new NotificationStore(Db, new AuditWriter(Db, Fixture.Clock), Fixture.Clock);
        await InsertAsync(town, null, NotificationStore.BellCap - 10);
        await InsertAsync(town, me, 25);

        (await store.UnreadCountAsync(new NoticeReader(me, town))).Should().Be(NotificationStore.BellCap + 15);
        (await store.UnreadForBellAsync(new NoticeReader(me, town))).Should().Be(NotificationStore.BellCap);
    }

    private async Task InsertAsync(long unitId, long? userId, int count)
    {
        await Db.InTransactionAsync(async (connection, transaction) =>
        {
            for (var i = 0; i < count; i++)
            {
                await connection.ExecuteAsync(
                    "INSERT INTO notifications (unit_id, user_id, kind, text, created_at) VALUES (@UnitId, @UserId, 'case_received', '新案件', @At)",
                    new { UnitId = unitId, UserId = userId, At = TestDatabase.Start.AddSeconds(i) }, transaction);
            }

            return 0;
        });
    }
}

public sealed class SqliteUnreadBellTests(SqliteTestDatabase fixture) : UnreadBellTests<SqliteTestDatabase>(fixture)
{
    [Fact]
    public async Task UnreadForBell_ReadsNoNoticeRow()
    {
        var store = new NotificationStore(Db, new AuditWriter(Db, Fixture.Clock), Fixture.Clock);
        await using var connection = await Db.OpenAsync();

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>(
            "EXPLAIN QUERY PLAN " + store.BellSql, new { UserId = 1, UnitId = 1, Cap = NotificationStore.BellCap })).Select(r => r.Detail).ToList();

        plan.Where(d => d.Contains("SEARCH n", StringComparison.Ordinal) || d.Contains("SCAN n", StringComparison.Ordinal))
            .Should().BeEquivalentTo(
                "SEARCH n USING COVERING INDEX ix_notifications_user (user_id=?)",
                "SEARCH n USING COVERING INDEX ix_notifications_unit_wide (unit_id=? AND user_id=?)");
        plan.Where(d => d.Contains(" r ", StringComparison.Ordinal)).Should().OnlyContain(d => d.Contains("COVERING INDEX", StringComparison.Ordinal));
    }
}

public sealed class SqlServerUnreadBellTests(SqlServerTestDatabase fixture) : UnreadBellTests<SqlServerTestDatabase>(fixture);
