using System.Data.Common;

namespace CaseFlow.Data;

/// <summary>Named counters (table <c>counters</c>), e.g. the running number in 'AJ-2026-000123'.</summary>
public static class Counters
{
    /// <summary>
    /// The next value of counter <paramref name="name"/>, starting at 1. Call it inside the transaction that
    /// uses the value: a rollback gives the number back, and concurrent callers wait rather than collide.
    /// </summary>
    public static Task<long> NextAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        // On a command kept with the connection: a ledger import takes a number for every case of its batch.
        return RowWriter.Cached(connection, transaction, dialect).ScalarInt64Async(dialect.NextCounterValue, new CounterName(name), cancellationToken);
    }

    private sealed record CounterName(string Name);
}
