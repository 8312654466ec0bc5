using CaseFlow.Data.Tests.Builders;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

public abstract class DatabaseTransactionTests<TDatabase>(TDatabase fixture) : DatabaseTests<TDatabase>(fixture)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task InTransaction_WhenTheWorkCompletes_CommitsEverything()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var counter = $"test:{Guid.NewGuid():N}";

        var caseId = await Db.InTransactionAsync(async (connection, transaction) =>
        {
            var id = await ACase.In(village).InsertAsync(Db, transaction, connection);
            await new AnEvent(id).InsertAsync(Db, transaction, connection);
            await Counters.NextAsync(connection, transaction, Dialect, counter);
            return id;
        });

        (await CountAsync(caseId, counter)).Should().Be((1, 1, 1));
    }

    [DatabaseFact]
    public async Task InTransaction_WhenTheWorkThrows_RollsBackEverythingAndRethrows()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var counter = $"test:{Guid.NewGuid():N}";
        long caseId = 0;

        var work = () => Db.InTransactionAsync(async (connection, transaction) =>
        {
            caseId = await ACase.In(village).InsertAsync(Db, transaction, connection);
            await new AnEvent(caseId).InsertAsync(Db, transaction, connection);
            await Counters.NextAsync(connection, transaction, Dialect, counter);
            throw new InvalidOperationException("the deadline could not be computed");
        });

        await work.Should().ThrowAsync<InvalidOperationException>().WithMessage("the deadline could not be computed");
        caseId.Should().BePositive();
        (await CountAsync(caseId, counter)).Should().Be((0, 0, 0));
    }

    [DatabaseFact]
    public async Task InTransaction_WhenAStatementFails_RollsBackTheStatementsBeforeIt()
    {
        var (_, _, village) = await AUnit.TreeAsync(Db);
        var number = $"T-{Guid.NewGuid():N}"[..24];

        var work = () => Db.InTransactionAsync(async (connection, transaction) =>
        {
            await ACase.In(village).WithNumber(number).InsertAsync(Db, transaction, connection);
            await ACase.In(unitId: 987_654_321).InsertAsync(Db, transaction, connection);
        });

        await work.Should().ThrowAsync<System.Data.Common.DbException>();
        await using var check = await Db.OpenAsync();
        (await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM cases WHERE number = @Number", new { Number = number })).Should().Be(0);
    }

    private async Task<(int Cases, int Events, int Counters)> CountAsync(long caseId, string counter)
    {
        await using var connection = await Db.OpenAsync();
        return await connection.QuerySingleAsync<(int, int, int)>(
            """
            SELECT (SELECT COUNT(*) FROM cases WHERE id = @CaseId),
                   (SELECT COUNT(*) FROM case_events WHERE case_id = @CaseId),
                   (SELECT COUNT(*) FROM counters WHERE name = @Counter)
            """,
            new { CaseId = caseId, Counter = counter });
    }
}

public sealed class SqliteDatabaseTransactionTests(SqliteTestDatabase fixture) : DatabaseTransactionTests<SqliteTestDatabase>(fixture);

public sealed class SqlServerDatabaseTransactionTests(SqlServerTestDatabase fixture) : DatabaseTransactionTests<SqlServerTestDatabase>(fixture);
