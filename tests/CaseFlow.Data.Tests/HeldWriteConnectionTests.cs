using System.Data.Common;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

/// <summary>
/// SQLite's write transactions: queued in memory one at a time, run on a connection the database holds open between
/// them (<see cref="Database.InTransactionAsync{T}"/>).
/// </summary>
public sealed class HeldWriteConnectionTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    [Fact]
    public async Task ConcurrentTransactions_AllCommit_OneAtATime_AndNoneIsLost()
    {
        var db = await TableAsync();
        var inside = 0;
        var mostInside = 0;

        // Read-modify-write: a lost update, or two transactions at once on the one connection, would show.
        async Task IncrementAsync()
        {
            await Task.Yield();
            await db.InTransactionAsync(async (connection, transaction) =>
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref mostInside, now);
                var n = await connection.ExecuteScalarAsync<long>("SELECT n FROM tally WHERE id = 1", transaction: transaction);
                await Task.Yield();
                await connection.ExecuteAsync("UPDATE tally SET n = @N WHERE id = 1", new { N = n + 1 }, transaction);
                await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (@N)", new { N = n + 1 }, transaction);
                Interlocked.Decrement(ref inside);
            });
        }

        await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => Task.Run(IncrementAsync)));

        await using var check = await db.OpenAsync();
        (await check.ExecuteScalarAsync<long>("SELECT n FROM tally WHERE id = 1")).Should().Be(60);
        (await check.QueryAsync<long>("SELECT n FROM seen ORDER BY n")).Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i));
        mostInside.Should().Be(1);
    }

    [Fact]
    public async Task QueuedTransactions_RunInTheOrderTheyAsked()
    {
        var db = await TableAsync();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<int>();
        var holding = db.InTransactionAsync(async (_, _) =>
        {
            await first.Task;
            order.Add(0);
        });

        // Each call queues before it returns its task: 1, 2, 3 wait in that order behind the first.
        var queued = Enumerable.Range(1, 3).Select(i => db.InTransactionAsync((_, _) =>
        {
            order.Add(i);
            return Task.CompletedTask;
        })).ToList();
        first.SetResult();
        await holding;
        await Task.WhenAll(queued);

        order.Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public async Task AQueuedTransaction_CanBeCancelledWhileItWaits_AndTheQueueGoesOn()
    {
        var db = await TableAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = db.InTransactionAsync(async (connection, transaction) =>
        {
            await release.Task;
            await connection.ExecuteAsync("UPDATE tally SET n = 1 WHERE id = 1", transaction: transaction);
        });
        using var stop = new CancellationTokenSource();
        var cancelled = db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync("UPDATE tally SET n = 99 WHERE id = 1", transaction: transaction), stop.Token);
        var after = db.InTransactionAsync(
            (connection, transaction) => connection.ExecuteAsync("INSERT INTO seen (n) VALUES (2)", transaction: transaction));

        await stop.CancelAsync();
        await FluentActions.Awaiting(() => cancelled).Should().ThrowAsync<OperationCanceledException>();
        release.SetResult();
        await holding;
        await after;

        await using var check = await db.OpenAsync();
        (await check.ExecuteScalarAsync<long>("SELECT n FROM tally WHERE id = 1")).Should().Be(1);
        (await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM seen")).Should().Be(1);
    }

    [Fact]
    public async Task ATransactionInsideAnotherOfTheSameDatabase_Throws_InsteadOfWaitingForItself()
    {
        var db = await TableAsync();

        var nested = () => db.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("UPDATE tally SET n = 5 WHERE id = 1", transaction: transaction);
            await db.InTransactionAsync((c, t) => c.ExecuteAsync("UPDATE tally SET n = 6 WHERE id = 1", transaction: t));
        });

        // The bound only turns a hang into a failure; it measures nothing.
        await nested.Should().ThrowAsync<InvalidOperationException>().WithMessage("*inside another*").WaitAsync(TimeSpan.FromSeconds(30));
        await db.InTransactionAsync((c, t) => c.ExecuteAsync("INSERT INTO seen (n) VALUES (1)", transaction: t));
        await using var check = await db.OpenAsync();
        (await check.QuerySingleAsync<(long, long)>("SELECT (SELECT n FROM tally WHERE id = 1), (SELECT COUNT(*) FROM seen)")).Should().Be((0L, 1L));
    }

    [Fact]
    public async Task TheConnection_IsHeldFromOneTransactionToTheNext_WithItsCommandsKept()
    {
        var db = await TableAsync();
        var (firstConnection, firstCommand) = await db.InTransactionAsync(KeptCommandAsync);
        var (secondConnection, secondCommand) = await db.InTransactionAsync(KeptCommandAsync);

        secondConnection.Should().BeSameAs(firstConnection);
        secondCommand.Should().BeSameAs(firstCommand);
    }

    [Fact]
    public async Task AfterTheWorkThrowsItsOwnException_TheConnectionIsRolledBackClean_AndUsedAgain()
    {
        var db = await TableAsync();
        DbConnection? failed = null;

        var work = () => db.InTransactionAsync(async (connection, transaction) =>
        {
            failed = connection;
            await connection.ExecuteAsync("UPDATE tally SET n = 7 WHERE id = 1", transaction: transaction);
            throw new InvalidOperationException("refused");
        });
        await work.Should().ThrowAsync<InvalidOperationException>();
        var next = await db.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (3)", transaction: transaction);
            return connection;
        });

        next.Should().BeSameAs(failed);
        await using var check = await db.OpenAsync();
        (await check.QuerySingleAsync<(long, long)>("SELECT (SELECT n FROM tally WHERE id = 1), (SELECT COUNT(*) FROM seen)")).Should().Be((0L, 1L));
    }

    [Fact]
    public async Task AfterADatabaseError_TheConnectionIsClosed_AndTheNextTransactionGetsAFreshOne()
    {
        var db = await TableAsync();
        DbConnection? failed = null;

        var work = () => db.InTransactionAsync(async (connection, transaction) =>
        {
            failed = connection;
            await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (4)", transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO no_such_table (n) VALUES (1)", transaction: transaction);
        });
        await work.Should().ThrowAsync<DbException>();
        var next = await db.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (5)", transaction: transaction);
            return connection;
        });

        next.Should().NotBeSameAs(failed);
        failed!.State.Should().Be(System.Data.ConnectionState.Closed);
        await using var check = await db.OpenAsync();
        (await check.QueryAsync<long>("SELECT n FROM seen")).Should().Equal(5L);
    }

    [Fact]
    public async Task AConnectionTheWorkClosed_IsNotHeld_AndTheNextTransactionGetsAnOpenOne()
    {
        var db = await TableAsync();
        DbConnection? closed = null;

        var work = () => db.InTransactionAsync(async (connection, _) =>
        {
            closed = connection;
            await connection.CloseAsync();
            throw new InvalidOperationException("gone");
        });
        await work.Should().ThrowAsync<InvalidOperationException>();
        var next = await db.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (6)", transaction: transaction);
            return connection;
        });

        next.Should().NotBeSameAs(closed);
        await using var check = await db.OpenAsync();
        (await check.QueryAsync<long>("SELECT n FROM seen")).Should().Equal(6L);
    }

    [Fact]
    public async Task ReleaseConnections_ClosesTheHeldConnection_AndOneInUseWhenItsTransactionEnds()
    {
        var db = await TableAsync();
        var idle = await db.InTransactionAsync((connection, _) => Task.FromResult(connection));

        db.ReleaseConnections();
        var inUse = await db.InTransactionAsync(async (connection, transaction) =>
        {
            db.ReleaseConnections();
            await connection.ExecuteAsync("INSERT INTO seen (n) VALUES (7)", transaction: transaction);
            return connection;
        });
        var after = await db.InTransactionAsync((connection, _) => Task.FromResult(connection));

        idle.State.Should().Be(System.Data.ConnectionState.Closed);
        inUse.Should().NotBeSameAs(idle);
        inUse.State.Should().Be(System.Data.ConnectionState.Closed);
        after.Should().NotBeSameAs(inUse);
        after.State.Should().Be(System.Data.ConnectionState.Open);
        await using var check = await db.OpenAsync();
        (await check.QueryAsync<long>("SELECT n FROM seen")).Should().Equal(7L);
    }

    private sealed record Probe(long Id);

    private static async Task<(DbConnection, object)> KeptCommandAsync(DbConnection connection, DbTransaction transaction)
    {
        var rows = RowWriter.Cached(connection, transaction, SqlDialect.Sqlite);
        await rows.ExecuteAsync("UPDATE tally SET n = n WHERE id = @Id", new Probe(1), CancellationToken.None);
        return (connection, RowWriter.KeptCommand(connection, "UPDATE tally SET n = n WHERE id = @Id")!);
    }

    private async Task<Database> TableAsync()
    {
        var db = await fixture.CreateEmptyDatabaseAsync();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO tally (id, n) VALUES (1, 0);
            CREATE TABLE seen (n INTEGER NOT NULL);
            """);
        return db;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
