using CaseFlow.Data.Audit;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Audit;

public abstract class AuditWriterTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Write_RecordsWhoWhatWhichWhenAndTheDetailAsReadableJson()
    {
        var writer = new AuditWriter(Db, Fixture.Clock);
        var actor = new AuditActor(42, "wang.mediator", "10.1.2.3");

        var id = await Db.InTransactionAsync((connection, transaction) => writer.WriteAsync(
            connection, transaction, actor, "case.reveal_id_number", "case", "AJ-2026-000123", new { Party = "张三", Field = "idNumber" }));

        var row = await ReadAsync(id);
        row.Should().BeEquivalentTo(new AuditRow
        {
            At = Fixture.Clock.GetUtcNow(),
            UserId = 42,
            Username = "wang.mediator",
            Action = "case.reveal_id_number",
            Entity = "case",
            EntityId = "AJ-2026-000123",
            Detail = """{"party":"张三","field":"idNumber"}""",
            RemoteIp = "10.1.2.3",
        });
    }

    [DatabaseFact]
    public async Task Write_ForTheSystem_HasNoUserAndNoDetail()
    {
        var writer = new AuditWriter(Db, Fixture.Clock);

        var id = await Db.InTransactionAsync((connection, transaction) =>
            writer.WriteAsync(connection, transaction, AuditActor.System, "deadline.fire", "case_deadline", "17"));

        var row = await ReadAsync(id);
        (row.UserId, row.Username, row.Detail, row.RemoteIp).Should().Be(((long?)null, "system", (string?)null, (string?)null));
    }

    [DatabaseFact]
    public async Task Write_InATransactionThatRollsBack_LeavesNoRecord()
    {
        var writer = new AuditWriter(Db, Fixture.Clock);
        var marker = Guid.NewGuid().ToString("N");

        var work = () => Db.InTransactionAsync(async (connection, transaction) =>
        {
            await writer.WriteAsync(connection, transaction, AuditActor.System, "user.lock", "user", marker);
            throw new TimeoutException("the change it records failed");
        });

        await work.Should().ThrowAsync<TimeoutException>();
        await using var connection = await Db.OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_id = @Marker", new { Marker = marker }))
            .Should().Be(0);
    }

    private async Task<AuditRow> ReadAsync(long id)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.QuerySingleAsync<AuditRow>(
            """
            SELECT at AS At, user_id AS UserId, username AS Username, action AS Action, entity AS Entity,
                   entity_id AS EntityId, detail AS Detail, remote_ip AS RemoteIp
            FROM audit_log WHERE id = @Id
            """,
            new { Id = id });
    }

    private sealed class AuditRow
    {
        public DateTimeOffset At { get; init; }

        public long? UserId { get; init; }

        public string? Username { get; init; }

        public string Action { get; init; } = "";

        public string Entity { get; init; } = "";

        public string? EntityId { get; init; }

        public string? Detail { get; init; }

        public string? RemoteIp { get; init; }
    }
}

public sealed class SqliteAuditWriterTests(SqliteTestDatabase fixture) : AuditWriterTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerAuditWriterTests(SqlServerTestDatabase fixture) : AuditWriterTests<SqlServerTestDatabase>(fixture);
