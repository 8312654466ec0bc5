using System.Data.Common;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>A registration to make in a batch; <paramref name="ImportKey"/> is the ledger's key for the case, if any.</summary>
public sealed record KeyedRegistration(string? ImportKey, CaseRegistration Registration);

/// <summary>What a batch did: the cases it registered, and the keys it skipped because a case already carries them.</summary>
public sealed record BatchResult(IReadOnlyList<DisputeCase> Registered, IReadOnlyList<string> AlreadyImported);

/// <summary>
/// Registers many disputes in one transaction, each exactly as <see cref="CaseCommands.RegisterAsync"/> does (same
/// employer resolution, grading and routing, the same rows), built together (employers looked up once, numbers taken as
/// a range) and written table by table with a <see cref="CaseBulkWriter"/>. A case whose import key is
/// already taken is skipped, so importing the same ledger twice registers nothing the second time.
/// </summary>
public sealed class CaseBatchCommands(
    Database database, CaseStore store, OrgStore orgs, RiskGrader grader, DeadlinePlanner planner, TimeProvider time)
{
    private const int KeysPerQuery = 500;

    private readonly CaseRegistrationSteps _steps = new(database.Dialect, store, orgs, grader, planner, time);

    /// <summary>Registers the batch in one transaction: all of it, or (on any error) none of it.</summary>
    /// <exception cref="CaseRegistrationException">A registration the data refuses; nothing of the batch is written.</exception>
    public Task<BatchResult> RegisterAsync(IReadOnlyList<KeyedRegistration> batch, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(actor);
        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                var keys = batch.Select(b => b.ImportKey).OfType<string>().ToList();
                var taken = await TakenKeysAsync(connection, transaction, keys, ct);
                var skipped = new List<string>();
                var kept = new List<KeyedRegistration>(batch.Count);
                foreach (var keyed in batch)
                {
                    if (keyed.ImportKey is { } key && !taken.Add(key))
                    {
                        skipped.Add(key);
                        continue;
                    }

                    kept.Add(keyed);
                }

                var built = await _steps.BuildAllAsync(connection, transaction, [.. kept.Select(k => k.Registration)], actor, ct);
                var inserts = new List<NewCaseInsert>(built.Count);
                for (var i = 0; i < built.Count; i++)
                {
                    inserts.Add(new NewCaseInsert(built[i].Case, built[i].Deadlines, kept[i].ImportKey));
                }

                await using (var writer = new CaseBulkWriter(database, connection, transaction, time))
                {
                    await writer.InsertAllAsync(inserts, actor.Audit, ct);
                }

                var registered = inserts.ConvertAll(b => b.Case);
                return new BatchResult(registered, skipped);
            },
            ct);
    }

    /// <summary>Which of <paramref name="keys"/> a case already carries.</summary>
    public async Task<IReadOnlySet<string>> ImportedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var connection = await database.OpenAsync(ct);
        return await TakenKeysAsync(connection, null, keys, ct);
    }

    private static async Task<HashSet<string>> TakenKeysAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(KeysPerQuery))
        {
            var found = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT import_key FROM cases WHERE import_key IN @Keys", new { Keys = chunk }, transaction, cancellationToken: ct));
            taken.UnionWith(found);
        }

        return taken;
    }
}
