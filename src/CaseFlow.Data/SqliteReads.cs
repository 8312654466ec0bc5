using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data;

/// <summary>
/// A SQLite database's hottest reads (<see cref="Database.ReadAsync{T}"/>): each run on a connection held open from
/// an earlier read, so the statements kept with it (<see cref="RowWriter.Cached"/>) stay prepared between requests.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite finalizes a connection's prepared statements when it goes back to its pool, so a read on a
/// connection opened for it compiles each of its statements again; for the case load that is most of its cost. Unlike
/// writes, reads run side by side: up to <see cref="MaxHeld"/> idle connections are kept, a read finding none opens
/// one, and a connection coming back when that many are kept already is closed. A connection is kept again only if
/// its read returned normally and it is open and outside any transaction; after an exception it is closed. A release
/// (<see cref="Database.ReleaseConnections"/>) closes the idle ones, and the ones in use when they come back.
/// </remarks>
internal sealed class SqliteReads(Database database)
{
    /// <summary>How many idle read connections are kept at most: two per core, at least four.</summary>
    public static readonly int MaxHeld = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly Lock _lock = new();
    private readonly Stack<SqliteConnection> _idle = new();

    // Moved on by every release: a connection leased before it is closed when returned rather than kept.
    private int _generation;
    private bool _disposed;

    public async Task<T> RunAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        var (connection, generation) = await LeaseAsync(cancellationToken);
        var reusable = false;
        try
        {
            var result = await read(connection);
            reusable = IsClean(connection);
            return result;
        }
        finally
        {
            Return(connection, generation, reusable);
        }
    }

    /// <summary>Closes the idle connections; one in use now is closed when its read ends.</summary>
    /// <param name="final">The database is disposed: keep nothing from now on.</param>
    public void Release(bool final = false)
    {
        List<SqliteConnection> closing;
        lock (_lock)
        {
            _disposed |= final;
            _generation++;
            closing = [.. _idle];
            _idle.Clear();
        }

        foreach (var connection in closing)
        {
            connection.Dispose();
        }
    }

    private async Task<(SqliteConnection Connection, int Generation)> LeaseAsync(CancellationToken cancellationToken)
    {
        int generation;
        lock (_lock)
        {
            generation = _generation;
            while (_idle.TryPop(out var idle))
            {
                if (idle.State == ConnectionState.Open)
                {
                    return (idle, generation);
                }

                idle.Dispose();
            }
        }

        return ((SqliteConnection)await database.OpenAsync(cancellationToken), generation);
    }

    private void Return(SqliteConnection connection, int generation, bool reusable)
    {
        lock (_lock)
        {
            if (reusable && !_disposed && generation == _generation && _idle.Count < MaxHeld)
            {
                _idle.Push(connection);
                return;
            }
        }

        connection.Dispose();
    }

    /// <summary>Open, and outside any transaction (SQLite's autocommit mode).</summary>
    private static bool IsClean(SqliteConnection connection) =>
        connection.State == ConnectionState.Open
        && connection.Handle is { } handle
        && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;
}
