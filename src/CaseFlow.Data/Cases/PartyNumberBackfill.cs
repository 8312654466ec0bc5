using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>
/// Fills case_parties.id_number_hash and phone_hash where a number has none yet: the parties written before
/// migration 0008, and those written by a tool that runs without the key (the CLI's import and seed). The web host
/// runs it at every start, after the migrations; a run with nothing to do reads one empty page.
/// </summary>
public sealed class PartyNumberBackfill(Database database, PartyNumbers numbers)
{
    public const int BatchSize = 500;

    /// <returns>How many parties got their hashes.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var dialect = database.Dialect;
        var select = $"""
            SELECT id AS Id, id_number AS IdNumber, phone AS Phone FROM case_parties
            WHERE id > @After
              AND ((id_number IS NOT NULL AND id_number <> '' AND id_number_hash IS NULL)
                OR (phone IS NOT NULL AND phone <> '' AND phone_hash IS NULL))
            ORDER BY id
            {dialect.Paging()}
            """;
        const string update = """
            UPDATE case_parties SET id_number_hash = @IdNumberHash, phone_hash = @PhoneHash WHERE id = @Id
            """;
        var done = 0;
        var after = 0L;
        while (true)
        {
            var page = await database.InTransactionAsync(
                async (connection, transaction) =>
                {
                    var rows = (await connection.QueryAsync<StoredParty>(new CommandDefinition(
                        select, new { After = after, Offset = 0, Limit = BatchSize }, transaction, cancellationToken: ct))).AsList();
                    await RowWriter.Dapper(connection, transaction).ExecuteEachAsync(
                        update, rows.Select(r => new HashRow(r.Id, numbers.Hash(r.IdNumber), numbers.Hash(r.Phone))), ct);
                    return rows;
                },
                ct);
            done += page.Count;
            if (page.Count < BatchSize)
            {
                return done;
            }

            after = page[^1].Id;
        }
    }

    private sealed record HashRow(long Id, string? IdNumberHash, string? PhoneHash);

    private sealed class StoredParty
    {
        public long Id { get; init; }
        public string? IdNumber { get; init; }
        public string? Phone { get; init; }
    }
}
