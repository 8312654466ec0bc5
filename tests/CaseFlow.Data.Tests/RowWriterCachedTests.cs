using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

/// <summary>
/// Statements kept with a connection (<see cref="RowWriter.Cached"/>): one command per text, serving each transaction of
/// the connection in turn, storing what Dapper stores, reading rows as Dapper maps them.
/// </summary>
public abstract class RowWriterCachedTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private const string InsertDeadline = """
        INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, calendar_missing, created_at)
        VALUES (@CaseId, @Kind, @ForState, @Version, @DueAt, @CalendarMissing, @Now)
        """;

    private const string ReadDeadlines = """
        SELECT kind AS Kind, due_at AS DueAt, calendar_missing AS CalendarMissing FROM case_deadlines WHERE case_id = @CaseId ORDER BY id
        """;

    [DatabaseFact]
    public async Task Cached_OneConnectionsTransactionsOneAfterAnother_ShareTheCommand_AndStoreWhatDapperStores()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8));
        var first = new DeadlineRow(caseId, "level_limit", "Level1InMediation", 3, beijing, true, TestDatabase.Start);
        var second = new DeadlineRow(caseId, "reminder", "Level1InMediation", 3, beijing.AddHours(-1), false, TestDatabase.Start);

        await using (var connection = await Db.OpenAsync())
        {
            // Three transactions on one connection: the kept command must follow each into the next.
            foreach (var row in new[] { first, second })
            {
                await using var transaction = await Db.BeginTransactionAsync(connection);
                (await RowWriter.Cached(connection, transaction, Dialect).ExecuteAsync(InsertDeadline, row, default)).Should().Be(1);
                await transaction.CommitAsync();
            }

            await using (var rolledBack = await Db.BeginTransactionAsync(connection))
            {
                await RowWriter.Cached(connection, rolledBack, Dialect).ExecuteAsync(InsertDeadline, first with { Kind = "acceptance" }, default);
                await rolledBack.RollbackAsync();
            }

            await using var reading = await Db.BeginTransactionAsync(connection);
            var read = await RowWriter.Cached(connection, reading, Dialect).ReadAsync(
                ReadDeadlines, new CaseRow(caseId), reader => RowWriter.RowsOf<StoredDeadline>(reader, default), default);
            await reading.CommitAsync();
            read.Select(r => (r.Kind, r.DueAt, r.CalendarMissing)).Should().Equal(("level_limit", beijing, true), ("reminder", beijing.AddHours(-1), false));
        }

        await Db.InTransactionAsync(async (connection, transaction) =>
        {
            // A fresh connection gets commands of its own (the last connection's were disposed with it).
            await RowWriter.Dapper(connection, transaction).ExecuteEachAsync(InsertDeadline, new[] { first, second }, default);
            var again = await RowWriter.Cached(connection, transaction, Dialect).ReadAsync(
                ReadDeadlines, new CaseRow(caseId), reader => RowWriter.RowsOf<StoredDeadline>(reader, default), default);
            again.Should().HaveCount(4);
        });

        var stored = await RowsAsync(caseId);
        stored.Should().HaveCount(4, "two kept-command rows, none of the rolled-back one, two Dapper rows");
        stored[2..].Should().BeEquivalentTo(stored[..2], o => o.WithStrictOrdering());
    }

    [DatabaseFact]
    public async Task ReadAsync_OnADapperWriter_IsRefused()
    {
        var read = () => Db.InTransactionAsync(async (connection, transaction) =>
            await RowWriter.Dapper(connection, transaction).ReadAsync(
                ReadDeadlines, new CaseRow(1), reader => RowWriter.RowsOf<StoredDeadline>(reader, default), default));

        await read.Should().ThrowAsync<InvalidOperationException>().WithMessage("*kept commands*");
    }

    private const string ReadDeadlinesAfter = """
        SELECT kind AS Kind, due_at AS DueAt, calendar_missing AS CalendarMissing FROM case_deadlines
        WHERE case_id = @CaseId AND due_at >= @From ORDER BY id;
        SELECT COUNT(*) FROM case_deadlines WHERE case_id = @CaseId
        """;

    [DatabaseFact]
    public async Task QueryAsync_ReadsWhatDapperReads_WithTheValuesOfEachCall_AndKeepsTheCommandOnSqliteOnly()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8));
        await Db.InTransactionAsync(async (connection, transaction) =>
            await RowWriter.Dapper(connection, transaction).ExecuteEachAsync(
                InsertDeadline,
                new[]
                {
                    new DeadlineRow(caseId, "level_limit", "Level1InMediation", 3, beijing, true, TestDatabase.Start),
                    new DeadlineRow(caseId, "reminder", "Level1InMediation", 3, beijing.AddHours(1), false, TestDatabase.Start),
                },
                default));

        await using var connection = await Db.OpenAsync();
        async Task<(List<string> Kinds, long Count)> ReadAsync(DateTimeOffset from)
        {
            var args = new DynamicParameters();
            args.Add("CaseId", caseId);
            args.Add("From", from);
            args.Add("Unused", "a value the text does not name");
            return await RowWriter.Cached(connection, null, Dialect).QueryAsync(
                ReadDeadlinesAfter,
                args,
                async reader =>
                {
                    var kinds = (await RowWriter.RowsOf<StoredDeadline>(reader, default)).Select(d => d.Kind).ToList();
                    await reader.NextResultAsync();
                    await reader.ReadAsync();
                    return (kinds, reader.GetInt64(0));
                },
                default);
        }

        var all = await ReadAsync(beijing);
        all.Kinds.Should().Equal("level_limit", "reminder");
        all.Count.Should().Be(2);
        var afterFirst = await ReadAsync(beijing.AddMinutes(1));
        afterFirst.Kinds.Should().Equal("reminder");
        afterFirst.Count.Should().Be(2);
        (await ReadAsync(beijing.AddDays(1))).Kinds.Should().BeEmpty("the same kept command, bound with the later value");
        var dapper = (await connection.QueryAsync<StoredDeadline>(
            ReadDeadlinesAfter.Split(';')[0], new { CaseId = caseId, From = beijing.AddMinutes(1) })).Select(d => d.Kind);
        afterFirst.Kinds.Should().Equal(dapper);

        if (Dialect.Provider == DatabaseProvider.Sqlite)
        {
            RowWriter.KeptCommand(connection, ReadDeadlinesAfter).Should().NotBeNull("SQLite keeps the command with the connection");
        }
        else
        {
            RowWriter.KeptCommand(connection, ReadDeadlinesAfter).Should().BeNull("SQL Server caches the plan itself: the query goes through Dapper");
        }
    }

    [DatabaseFact]
    public async Task QueryAsync_WithAListValue_GoesThroughDapper_WhichWritesTheListIntoTheText()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var first = await ACase.In(village).InsertAsync(Db);
        var second = await ACase.In(village).InsertAsync(Db);
        await using var connection = await Db.OpenAsync();
        const string sql = "SELECT id FROM cases WHERE id IN @Ids ORDER BY id";
        var args = new DynamicParameters();
        args.Add("Ids", new[] { first, second });

        var ids = await RowWriter.Cached(connection, null, Dialect).QueryAsync(sql, args, reader => RowWriter.RowsOf<long>(reader, default), default);

        ids.Should().Equal(first, second);
        RowWriter.KeptCommand(connection, sql).Should().BeNull();
    }

    private async Task<List<object?[]>> RowsAsync(long caseId)
    {
        await using var connection = await Db.OpenAsync();
        return
        [
            .. (await connection.QueryAsync("SELECT * FROM case_deadlines WHERE case_id = @CaseId ORDER BY id", new { CaseId = caseId }))
                .Cast<IDictionary<string, object?>>()
                .Select(row => row.Where(c => c.Key != "id").Select(c => c.Value).ToArray()),
        ];
    }

    private sealed record CaseRow(long CaseId);

    private sealed record DeadlineRow(
        long CaseId, string Kind, string ForState, int Version, DateTimeOffset DueAt, bool CalendarMissing, DateTimeOffset Now);

    private sealed class StoredDeadline
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public bool CalendarMissing { get; init; }
    }
}

public sealed class SqliteRowWriterCachedTests(SqliteTestDatabase fixture) : RowWriterCachedTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerRowWriterCachedTests(SqlServerTestDatabase fixture) : RowWriterCachedTests<SqlServerTestDatabase>(fixture);
