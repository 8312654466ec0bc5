using System.Data.Common;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Inserts many newly built cases inside one transaction: <see cref="CaseStore.InsertAsync(DbConnection, DbTransaction, DisputeCase, IReadOnlyList{PlannedDeadline}, AuditActor, CancellationToken)"/>'s
/// own write (the same statements, rows and order), run case after case on commands prepared once for the batch
/// and re-bound for every row. A command set up per row would cost more than the row itself; a seed of a million
/// cases cannot afford it.
/// </summary>
/// <remarks>Dispose the writer before the transaction commits.</remarks>
public sealed class CaseBulkWriter : IAsyncDisposable
{
    private readonly CaseStore _store;
    private readonly RowWriter _rows;

    /// <summary>A writer on an open connection and its transaction; the caller commits.</summary>
    public CaseBulkWriter(Database database, DbConnection connection, DbTransaction transaction, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(time);
        _store = new CaseStore(database, time);
        _rows = RowWriter.Prepared(connection, transaction, database.Dialect);
    }

    /// <summary>Inserts a newly registered case with its parties and everything its transitions produced.</summary>
    /// <param name="importKey">The ledger key of an imported case (cases.import_key); null otherwise.</param>
    /// <returns>The new case id (also given to the case).</returns>
    public Task<long> InsertAsync(
        DisputeCase c,
        IReadOnlyList<PlannedDeadline> deadlines,
        AuditActor actor,
        string? importKey = null,
        CancellationToken ct = default) =>
        _store.InsertAsync(_rows, c, deadlines, actor, importKey, ct);

    /// <summary>
    /// Inserts many newly registered cases, in the order given, with the rows <see cref="InsertAsync"/> writes for each
    /// in turn, table by table (<see cref="CaseStore.InsertBatchAsync"/>). Each case gets its id.
    /// </summary>
    public Task InsertAllAsync(IReadOnlyList<NewCaseInsert> cases, AuditActor actor, CancellationToken ct = default) =>
        _store.InsertBatchAsync(_rows, cases, actor, ct);

    public ValueTask DisposeAsync() => _rows.DisposeAsync();
}
