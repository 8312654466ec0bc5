using System.Data;
using System.Data.Common;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests;

/// <summary>
/// SQLite's hottest reads (<see cref="Database.ReadAsync{T}"/>): run side by side, each on a connection the database
/// keeps open from an earlier read, with the commands kept with it still prepared.
/// </summary>
public sealed class HeldReadConnectionTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    private const string Probe = "SELECT n FROM tally WHERE id = @Id";

    [Fact]
    public async Task TheConnection_IsKeptFromOneReadToTheNext_WithItsCommandsKept()
    {
        var db = await TableAsync();

        var (first, command) = await db.ReadAsync(KeptCommandAsync);
        var (second, again) = await db.ReadAsync(KeptCommandAsync);

        second.Should().BeSameAs(first);
        again.Should().BeSameAs(command, "the statement prepared by the first read is the second read's");
        first.State.Should().Be(ConnectionState.Open);
    }

    [Fact]
    public async Task AKeptConnection_SeesWhatWasCommittedSinceItsLastRead_OnItsKeptCommand()
    {
        var db = await TableAsync();
        var (first, _) = await db.ReadAsync(KeptCommandAsync);

        // A kept statement left unreset would hold its read snapshot open across requests.
        await db.InTransactionAsync((connection, transaction) => connection.ExecuteAsync("UPDATE tally SET n = 6 WHERE id = 1", transaction: transaction));
        var (connection, seen) = await db.ReadAsync(async c => (c, await RowWriter.Cached(c, null, SqlDialect.Sqlite)
            .ReadAsync(Probe, new ProbeRow(1), reader => RowWriter.RowsOf<long>(reader, CancellationToken.None), CancellationToken.None)));

        connection.Should().BeSameAs(first);
        seen.Should().Equal(6L);
    }

    [Fact]
    public async Task ReadsAtTheSameTime_EachGetTheirOwnConnection_AndAtMostTheLimitIsKept()
    {
        var db = await TableAsync();
        var count = SqliteReads.MaxHeld + 3;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var inside = 0;

        var reads = Enumerable.Range(0, count).Select(_ => db.ReadAsync(async connection =>
        {
            if (Interlocked.Increment(ref inside) == count)
            {
                allIn.SetResult();
            }

            await allIn.Task;
            return (connection, await connection.ExecuteScalarAsync<long>(Probe, new { Id = 1 }));
        })).ToList();
        var results = await Task.WhenAll(reads);

        results.Select(r => r.connection).Distinct().Should().HaveCount(count, "no two reads share a connection at once");
        results.Select(r => r.Item2).Should().AllBeEquivalentTo(5L);
        results.Count(r => r.connection.State == ConnectionState.Open).Should().Be(SqliteReads.MaxHeld, "the ones beyond the limit are closed");
    }

    [Fact]
    public async Task AfterTheReadThrows_ItsConnectionIsClosed_AndTheNextReadGetsAnother()
    {
        var db = await TableAsync();
        DbConnection? failed = null;

        var read = () => db.ReadAsync<long>(async connection =>
        {
            failed = connection;
            await connection.ExecuteScalarAsync<long>("SELECT n FROM no_such_table");
            return 0;
        });
        await read.Should().ThrowAsync<DbException>();
        var next = await db.ReadAsync(connection => Task.FromResult(connection));

        failed!.State.Should().Be(ConnectionState.Closed);
        next.Should().NotBeSameAs(failed);
        next.State.Should().Be(ConnectionState.Open);
    }

    [Fact]
    public async Task AConnectionLeftInATransaction_IsNotKept()
    {
        var db = await TableAsync();

        var left = await db.ReadAsync(async connection =>
        {
            await connection.ExecuteAsync("BEGIN;");
            return connection;
        });
        var next = await db.ReadAsync(connection => Task.FromResult(connection));

        left.State.Should().Be(ConnectionState.Closed);
        next.Should().NotBeSameAs(left);
    }

    [Fact]
    public async Task ReleaseConnections_ClosesTheKeptConnections_AndOneInUseWhenItsReadEnds_SoAReplacedFileIsRead()
    {
        var db = await TableAsync();
        var idle = await db.ReadAsync(connection => Task.FromResult(connection));

        db.ReleaseConnections();
        var inUse = await db.ReadAsync(async connection =>
        {
            db.ReleaseConnections();
            await connection.ExecuteScalarAsync<long>(Probe, new { Id = 1 });
            return connection;
        });

        // The file replaced under the database, as a restore does: the next read opens the new one.
        var file = db.SqliteFile!;
        var replacement = await fixture.CreateEmptyDatabaseAsync();
        await using (var connection = await replacement.OpenAsync())
        {
            await connection.ExecuteAsync("CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL); INSERT INTO tally (id, n) VALUES (1, 42);");
        }

        Database.ReleaseConnectionsTo(file);
        Database.ReleaseConnectionsTo(replacement.SqliteFile!);
        File.Copy(replacement.SqliteFile!, file, overwrite: true);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        var read = await db.ReadAsync(connection => connection.ExecuteScalarAsync<long>(Probe, new { Id = 1 }));

        idle.State.Should().Be(ConnectionState.Closed);
        inUse.Should().NotBeSameAs(idle);
        inUse.State.Should().Be(ConnectionState.Closed);
        read.Should().Be(42);
    }

    private sealed record ProbeRow(long Id);

    private static async Task<(DbConnection, object)> KeptCommandAsync(DbConnection connection)
    {
        var rows = RowWriter.Cached(connection, null, SqlDialect.Sqlite);
        var n = await rows.ReadAsync(Probe, new ProbeRow(1), reader => RowWriter.RowsOf<long>(reader, CancellationToken.None), CancellationToken.None);
        n.Should().Equal(5L);
        return (connection, RowWriter.KeptCommand(connection, Probe)!);
    }

    private async Task<Database> TableAsync()
    {
        var db = await fixture.CreateEmptyDatabaseAsync();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync("""
            CREATE TABLE tally (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
            INSERT INTO tally (id, n) VALUES (1, 5);
            """);
        return db;
    }
}
