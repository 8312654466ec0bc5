using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

/// <summary>
/// The two ways a write statement runs: through Dapper, or on a command prepared once and re-bound per row. Either
/// way the engine must store the same values, so a batch writes what the single path writes.
/// </summary>
public abstract class RowWriterTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    private const string InsertAgreement = """
        INSERT INTO agreements (case_id, signed_at, amount, payment_due_date, method, performed_at, amount_paid, created_at)
        VALUES (@CaseId, @SignedAt, @Amount, @PaymentDueDate, @Method, @PerformedAt, @Paid, @Now)
        """;

    private const string InsertDeadline = """
        INSERT INTO case_deadlines (case_id, kind, for_state, deadline_version, due_at, calendar_missing, created_at)
        VALUES (@CaseId, @Kind, @ForState, @Version, @DueAt, @CalendarMissing, @Now)
        """;

    [DatabaseFact]
    public async Task Prepared_StoresEveryValueAsDapperDoes_RowAfterRowOnOneCommand()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        var beijing = new DateTimeOffset(2026, 2, 17, 8, 5, 3, 123, TimeSpan.FromHours(8)).AddTicks(4_567);
        // A null after a value and a value after a null: the re-bound parameter must not keep the last row's type.
        AgreementRow[] agreements =
        [
            new(caseId, beijing, 12_345_678_901.23m, new DateOnly(2026, 3, 1), "分期支付", beijing.AddDays(9), 0.01m, TestDatabase.Start),
            new(caseId, beijing.AddDays(1), 0m, new DateOnly(2026, 12, 31), "银行转账", null, null, TestDatabase.Start),
            new(caseId, beijing.AddDays(2), 99.9m, new DateOnly(2027, 1, 1), "现金", beijing, 99.9m, TestDatabase.Start),
        ];
        DeadlineRow[] deadlines =
        [
            new(caseId, "level_limit", "Level1InMediation", 3, beijing, true, TestDatabase.Start),
            new(caseId, "reminder", "Level1InMediation", 3, beijing.AddHours(-1), false, TestDatabase.Start),
        ];

        await Db.InTransactionAsync(async (connection, transaction) =>
        {
            var dapper = RowWriter.Dapper(connection, transaction);
            (await dapper.ExecuteEachAsync(InsertAgreement, agreements, default)).Should().Be(3);
            (await dapper.ExecuteEachAsync(InsertDeadline, deadlines, default)).Should().Be(2);

            await using var prepared = RowWriter.Prepared(connection, transaction, Dialect);
            (await prepared.ExecuteEachAsync(InsertAgreement, agreements, default)).Should().Be(3);
            (await prepared.ExecuteEachAsync(InsertDeadline, deadlines, default)).Should().Be(2);
        });

        var storedAgreements = await RowsAsync("agreements", caseId);
        storedAgreements.Should().HaveCount(6);
        storedAgreements[3..].Should().BeEquivalentTo(storedAgreements[..3], o => o.WithStrictOrdering());
        var storedDeadlines = await RowsAsync("case_deadlines", caseId);
        storedDeadlines.Should().HaveCount(4);
        storedDeadlines[2..].Should().BeEquivalentTo(storedDeadlines[..2], o => o.WithStrictOrdering());
    }

    [DatabaseFact]
    public async Task Prepared_InsertReturningId_ReturnsEachNewId()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);
        var sql = Dialect.InsertReturningId(InsertDeadline);

        var ids = await Db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var prepared = RowWriter.Prepared(connection, transaction, Dialect);
            var first = await prepared.InsertReturningIdAsync(sql, new DeadlineRow(caseId, "reminder", "Registered", 1, TestDatabase.Start, false, TestDatabase.Start), default);
            var second = await prepared.InsertReturningIdAsync(sql, new DeadlineRow(caseId, "acceptance", "Registered", 1, TestDatabase.Start, false, TestDatabase.Start), default);
            return (first, second);
        });

        await using var connection = await Db.OpenAsync();
        (await connection.QueryAsync<long>("SELECT id FROM case_deadlines WHERE case_id = @CaseId ORDER BY id", new { CaseId = caseId }))
            .Should().Equal(ids.first, ids.second);
    }

    [DatabaseFact]
    public async Task Prepared_AParameterTheRowDoesNotHave_IsAnError_NotANull()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var caseId = await ACase.In(village).InsertAsync(Db);

        var write = () => Db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var prepared = RowWriter.Prepared(connection, transaction, Dialect);
            await prepared.ExecuteAsync(InsertDeadline, new { CaseId = caseId, Kind = "reminder" }, default);
        });

        await write.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no property for @ForState*");
    }

    [DatabaseFact]
    public async Task ACollectionPassedAsOneRow_IsRefused_ByBothWriters()
    {
        DeadlineRow[] rows = [new(1, "reminder", "Registered", 1, TestDatabase.Start, false, TestDatabase.Start)];

        var write = () => Db.InTransactionAsync(async (connection, transaction) =>
        {
            await using var prepared = RowWriter.Prepared(connection, transaction, Dialect);
            foreach (var writer in new[] { RowWriter.Dapper(connection, transaction), prepared })
            {
                var once = () => writer.ExecuteAsync(InsertDeadline, rows, default);
                await once.Should().ThrowAsync<ArgumentException>().WithMessage("*ExecuteEachAsync*");
            }
        });

        await write.Should().NotThrowAsync();
    }

    private async Task<List<object?[]>> RowsAsync(string table, long caseId)
    {
        await using var connection = await Db.OpenAsync();
        return
        [
            .. (await connection.QueryAsync($"SELECT * FROM {table} WHERE case_id = @CaseId ORDER BY id", new { CaseId = caseId }))
                .Cast<IDictionary<string, object?>>()
                .Select(row => row.Where(c => c.Key != "id").Select(c => c.Value).ToArray()),
        ];
    }

    private sealed record AgreementRow(
        long CaseId, DateTimeOffset SignedAt, decimal Amount, DateOnly PaymentDueDate, string Method, DateTimeOffset? PerformedAt, decimal? Paid, DateTimeOffset Now);

    private sealed record DeadlineRow(
        long CaseId, string Kind, string ForState, int Version, DateTimeOffset DueAt, bool CalendarMissing, DateTimeOffset Now);
}

public sealed class SqliteRowWriterTests(SqliteTestDatabase fixture) : RowWriterTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerRowWriterTests(SqlServerTestDatabase fixture) : RowWriterTests<SqlServerTestDatabase>(fixture);
