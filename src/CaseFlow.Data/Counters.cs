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
        return RowWriter.Cached(connection, transaction, dialect).ScalarInt64Async(dialect.NextCounterValue, new CounterName(name), cancellationToken);
    }

    /// <summary>
    /// The next <paramref name="count"/> values of counter <paramref name="name"/> in one statement: the values
    /// <see cref="NextAsync"/> would have given one call after another, returned as the first of them. As with
    /// <see cref="NextAsync"/>, the counter row stays locked to the end of the transaction, so no one else takes a
    /// value inside the range, and a rollback gives the whole range back.
    /// </summary>
    public static async Task<long> TakeAsync(
        DbConnection connection, DbTransaction transaction, SqlDialect dialect, string name, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var last = await RowWriter.Cached(connection, transaction, dialect).ScalarInt64Async(dialect.AddToCounter, new CounterRange(name, count), cancellationToken);
        return last - count + 1;
    }

    private sealed record CounterName(string Name);

    private sealed record CounterRange(string Name, int Count);
}
