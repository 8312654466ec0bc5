using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data;

/// <summary>
/// A SQLite database's write transactions (<see cref="Database.InTransactionAsync{T}"/>): queued in memory one at a
/// time, each run on the connection held open from the one before.
/// </summary>
/// <remarks>
/// <para>
/// Microsoft.Data.Sqlite finalizes every statement prepared on a connection when the connection is closed, pooled or
/// not, so a transaction on a connection opened for it prepares each of its ten-odd statements again. Held open, the
/// commands kept with it (<see cref="RowWriter.Cached"/>) stay prepared from one transaction to the next.
/// </para>
/// <para>
/// SQLite lets one writer in at a time. Writers of one process that meet the lock back off in the busy handler's
/// sleeps and are let in in no particular order; queued here (a <see cref="SemaphoreSlim"/> hands its slot to the
/// oldest asynchronous waiter, and a waiter can be cancelled), they follow each other with no gap, first come first
/// served, so neither the sweep nor the outbox can starve the other. One writer at a time also means one held
/// connection is all a database needs.
/// </para>
/// <para>
/// A connection goes back to be held only if its transaction ended cleanly: committed, or rolled back after the work
/// threw an exception of its own (a refusal, a version conflict) with the connection still open and outside any
/// transaction. After a database error (I/O, a full disk, a lock held too long by another process) it is closed.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability", "CA1001", Justification = "The semaphore's wait handle is never asked for, so it holds nothing to dispose; the database stays usable after its Dispose.")]
internal sealed class SqliteWrites(Database database)
{
    private static readonly Lock Registry = new();
    private static readonly List<WeakReference<Database>> Databases = [];

    // The write transaction the current flow of execution is inside, if any: a nested one would wait for itself.
    private static readonly AsyncLocal<Scope?> Current = new();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _held;

    // Moved on by every release: a connection leased before it is closed when returned rather than held again.
    private int _generation;
    private volatile bool _disposed;

    /// <summary>Remembers <paramref name="database"/> for <see cref="ReleaseWhere"/> (weakly: it may be collected).</summary>
    public static void Register(Database database)
    {
        lock (Registry)
        {
            Databases.RemoveAll(w => !w.TryGetTarget(out _));
            Databases.Add(new WeakReference<Database>(database));
        }
    }

    /// <summary>Releases the held connections of every live database of this process that <paramref name="match"/> picks.</summary>
    public static void ReleaseWhere(Func<Database, bool> match)
    {
        List<Database> picked;
        lock (Registry)
        {
            picked = [.. Databases.Select(w => w.TryGetTarget(out var d) ? d : null).OfType<Database>().Where(match)];
        }

        foreach (var d in picked)
        {
            d.ReleaseConnections();
        }
    }

    /// <summary>Whether the current flow is inside a write transaction of this database.</summary>
    public bool InTransaction => Current.Value is { Active: true } scope && ReferenceEquals(scope.Writes, this);

    public async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (InTransaction)
        {
            throw new InvalidOperationException(
                "A write transaction was started inside another one of the same database, and would wait for it forever: "
                + "pass the open connection and transaction down instead.");
        }

        await _gate.WaitAsync(cancellationToken);
        var scope = new Scope(this);
        Current.Value = scope;
        try
        {
            var (connection, generation) = await LeaseAsync(cancellationToken);
            var reusable = false;
            try
            {
                await using var transaction = await database.BeginTransactionAsync(connection, cancellationToken);
                T result;
                try
                {
                    result = await work(connection, transaction);
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (Exception e)
                {
                    await Database.RollbackQuietlyAsync(transaction);
                    reusable = e is not DbException && IsClean(connection);
                    throw;
                }

                reusable = IsClean(connection);
                return result;
            }
            finally
            {
                Return(connection, generation, reusable);
            }
        }
        finally
        {
            scope.Active = false;
            Current.Value = null;
            _gate.Release();
        }
    }

    /// <summary>Closes the held connection; one leased now is closed when its transaction ends.</summary>
    /// <param name="final">The database is disposed: hold nothing from now on.</param>
    public void Release(bool final = false)
    {
        if (final)
        {
            _disposed = true;
        }

        Interlocked.Increment(ref _generation);
        Interlocked.Exchange(ref _held, null)?.Dispose();
    }

    private async Task<(SqliteConnection Connection, int Generation)> LeaseAsync(CancellationToken cancellationToken)
    {
        // The generation first: a release between the two lines then leaves this lease's connection to be closed.
        var generation = Volatile.Read(ref _generation);
        var held = Interlocked.Exchange(ref _held, null);
        if (held is { State: ConnectionState.Open })
        {
            return (held, generation);
        }

        held?.Dispose();
        return ((SqliteConnection)await database.OpenAsync(cancellationToken), generation);
    }

    private void Return(SqliteConnection connection, int generation, bool reusable)
    {
        if (!reusable || _disposed || generation != Volatile.Read(ref _generation))
        {
            connection.Dispose();
            return;
        }

        // Only the holder of the gate returns a connection, so the slot is empty; a release that ran meanwhile is
        // seen on the second look, and whichever of the two takes the connection out closes it.
        Interlocked.Exchange(ref _held, connection)?.Dispose();
        if ((_disposed || generation != Volatile.Read(ref _generation))
            && ReferenceEquals(Interlocked.CompareExchange(ref _held, null, connection), connection))
        {
            connection.Dispose();
        }
    }

    /// <summary>Open, and outside any transaction (SQLite's autocommit mode): what the rollback should have left.</summary>
    private static bool IsClean(SqliteConnection connection) =>
        connection.State == ConnectionState.Open
        && connection.Handle is { } handle
        && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;

    private sealed class Scope(SqliteWrites writes)
    {
        public SqliteWrites Writes { get; } = writes;

        public bool Active { get; set; } = true;
    }
}
