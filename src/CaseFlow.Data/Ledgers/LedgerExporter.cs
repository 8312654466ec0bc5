using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Parties;
using Dapper;

namespace CaseFlow.Data.Ledgers;

/// <summary>One worker's row of an exported ledger, in <see cref="LedgerColumns.Export"/> order.</summary>
public sealed record LedgerExportRow(
    DateOnly RegisteredOn,
    string EnterpriseName,
    string CreditCode,
    string WorkerName,
    string IdNumber,
    string Phone,
    decimal AmountOwed,
    decimal MonthsOwed,
    int WorkersInvolved,
    string DisputeType,
    string Town,
    string Handling,
    string IdType,
    string IdCountry,
    decimal? AmountRecovered,
    string CaseNumber)
{
    /// <summary>The cells in column order: text, except the date, and amounts, months and worker counts, which are numbers.</summary>
    public IReadOnlyList<object> Cells =>
    [
        RegisteredOn, EnterpriseName, CreditCode, WorkerName, IdNumber, Phone, AmountOwed, MonthsOwed, WorkersInvolved,
        DisputeType, Town, Handling, IdType, IdCountry, AmountRecovered is { } recovered ? recovered : "", CaseNumber,
    ];
}

/// <summary>An exported ledger: one row per worker, and how many cases they belong to.</summary>
public sealed record LedgerExport(IReadOnlyList<LedgerExportRow> Rows, int Cases);

/// <summary>
/// Exports cases in the ledger's own columns, so an export imports again. The cases are the case list's (same
/// filters, same jurisdiction); personal numbers are masked unless revealed, and every revealed case is audited as
/// the case page's reveal is.
/// </summary>
public sealed class LedgerExporter(Database database, CaseQueries queries, AuditWriter audit)
{
    private const int PageSize = 500;

    /// <param name="revealTo">Who sees clear ID and phone numbers (their role was checked by the caller); null masks them.</param>
    /// <param name="purpose">Recorded with each reveal.</param>
    /// <param name="progress">Told the number of cases read so far, and how many there are.</param>
    public async Task<LedgerExport> ExportAsync(
        CaseFilter filter,
        string scopePath,
        AuditActor? revealTo = null,
        string? purpose = null,
        IProgress<(int Done, int Total)>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var ids = new List<long>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await queries.ListAsync(filter with { Offset = offset, Limit = PageSize }, scopePath, ct);
            ids.AddRange(page.Items.Select(i => i.Id));
            if (page.Items.Count < PageSize)
            {
                break;
            }
        }

        var cases = new List<StoredCase>(ids.Count);
        var workers = new List<StoredWorker>();
        List<StoredTown> towns;
        await using (var connection = await database.OpenAsync(ct))
        {
            towns = [.. await connection.QueryAsync<StoredTown>(new CommandDefinition(
                "SELECT name AS Name, path AS Path FROM org_units WHERE kind = 'town'", cancellationToken: ct))];
            foreach (var chunk in ids.Distinct().Chunk(PageSize))
            {
                const string sql = """
                    SELECT c.id AS Id, c.number AS Number, c.first_received_at AS ReceivedAt, c.claim_types AS ClaimTypes,
                           c.workers_involved AS WorkersInvolved, c.state AS State, c.amount_recovered AS AmountRecovered, e.name AS EnterpriseName,
                           e.credit_code AS CreditCode, lu.path AS LocationPath
                    FROM cases AS c
                    JOIN org_units AS lu ON lu.id = c.location_unit_id
                    LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
                    WHERE c.id IN @Ids;
                    SELECT case_id AS CaseId, name AS Name, id_type AS IdType, id_number AS IdNumber, id_country AS IdCountry, phone AS Phone,
                           amount_owed AS AmountOwed, months_owed AS MonthsOwed
                    FROM case_parties WHERE kind = 'worker' AND case_id IN @Ids ORDER BY id;
                    """;
                await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, new { Ids = chunk }, cancellationToken: ct));
                cases.AddRange(await grid.ReadAsync<StoredCase>());
                workers.AddRange(await grid.ReadAsync<StoredWorker>());
                progress?.Report((cases.Count, ids.Count));
            }
        }

        cases.Sort((a, b) => a.ReceivedAt != b.ReceivedAt ? a.ReceivedAt.CompareTo(b.ReceivedAt) : string.CompareOrdinal(a.Number, b.Number));
        var workersOf = workers.ToLookup(w => w.CaseId);
        if (revealTo is not null && cases.Count > 0)
        {
            await database.InTransactionAsync(
                async (connection, transaction) =>
                {
                    foreach (var c in cases)
                    {
                        await audit.WriteAsync(
                            connection, transaction, revealTo, "case.reveal", "case", c.Id.ToString(CultureInfo.InvariantCulture),
                            new { c.Number, workers = workersOf[c.Id].Count(), purpose }, ct);
                    }
                },
                ct);
        }

        var rows = new List<LedgerExportRow>(workers.Count);
        foreach (var c in cases)
        {
            var registeredOn = ChinaTime.DateOf(c.ReceivedAt);
            var claims = LedgerWords.Claims((DbJson.Deserialize<string[]>(c.ClaimTypes) ?? []).Select(DbCode.Parse<ClaimType>));
            var town = towns.Where(t => c.LocationPath.StartsWith(t.Path, StringComparison.Ordinal)).Select(t => t.Name).FirstOrDefault() ?? "";
            var state = Enum.Parse<CaseState>(c.State);
            var handling = LedgerWords.Handling(state);
            var first = true;
            foreach (var w in workersOf[c.Id])
            {
                var idNumber = w.IdNumber ?? "";
                var phone = w.Phone ?? "";
                var idType = w.IdType is null ? IdDocumentType.ResidentId : DbCode.Parse<IdDocumentType>(w.IdType);
                rows.Add(new LedgerExportRow(
                    registeredOn,
                    c.EnterpriseName ?? "",
                    c.CreditCode ?? "",
                    w.Name,
                    revealTo is null ? Masking.Document(idNumber) : idNumber,
                    revealTo is null ? Masking.Phone(phone) : phone,
                    w.AmountOwed ?? 0m,
                    w.MonthsOwed ?? 0m,
                    c.WorkersInvolved ?? 0,
                    claims,
                    town,
                    handling,
                    LedgerWords.IdTypeWord(idType),
                    w.IdCountry ?? "",
                    // The case's recovered amount once, on its first row, so an import sums it back.
                    first && (CaseWorkflow.IsTerminal(state) || c.AmountRecovered > 0) ? c.AmountRecovered : null,
                    c.Number));
                first = false;
            }
        }

        return new LedgerExport(rows, cases.Count);
    }

    private sealed class StoredCase
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public DateTimeOffset ReceivedAt { get; init; }
        public string ClaimTypes { get; init; } = "[]";
        public int? WorkersInvolved { get; init; }
        public string State { get; init; } = "";
        public decimal AmountRecovered { get; init; }
        public string? EnterpriseName { get; init; }
        public string? CreditCode { get; init; }
        public string LocationPath { get; init; } = "";
    }

    private sealed class StoredWorker
    {
        public long CaseId { get; init; }
        public string Name { get; init; } = "";
        public string? IdType { get; init; }
        public string? IdNumber { get; init; }
        public string? IdCountry { get; init; }
        public string? Phone { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal? MonthsOwed { get; init; }
    }

    private sealed class StoredTown
    {
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }
}
