using CaseFlow.Data.Cases;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Ledgers;

/// <summary>Who imports a ledger, and where the enterprises it names for the first time are recorded.</summary>
public sealed record LedgerImportOptions
{
    /// <summary>The registering user (or the operator), whose jurisdiction bounds what the ledger may touch.</summary>
    public required CaseActor Actor { get; init; }

    /// <summary>Where an enterprise not found by its credit code is recorded; by default, the row's town itself.</summary>
    public long? UnitForNewEnterprises { get; init; }

    /// <summary>Where 所属乡镇 names are looked up (a subtree path); by default the actor's jurisdiction.</summary>
    public string? TownScopePath { get; init; }
}

/// <summary>A ledger case ready to register.</summary>
public sealed record PlannedLedgerCase(LedgerCase Case, KeyedRegistration Registration);

/// <summary>What an import would do: the cases to register, those imported before, and every problem found.</summary>
public sealed record LedgerPlan(
    IReadOnlyList<PlannedLedgerCase> ToImport, IReadOnlyList<LedgerCase> AlreadyImported, IReadOnlyList<LedgerProblem> Problems, int Rows)
{
    /// <summary>Nothing may be written unless this is true.</summary>
    public bool IsValid => Problems.Count == 0;

    public int Workers => ToImport.Sum(c => c.Case.Workers.Count);

    /// <summary>Cases that would be registered as closed history.</summary>
    public int ClosedHistory => ToImport.Count(c => c.Registration.Registration.History is not null);
}

/// <summary>What an import did.</summary>
public sealed record LedgerImportResult(IReadOnlyList<DisputeCase> Registered, IReadOnlyList<string> AlreadyImported)
{
    /// <summary>Cases the ledger says were finished, registered as closed history (no clocks, no alerts).</summary>
    public int ClosedHistory => Registered.Count(c => CaseWorkflow.IsTerminal(c.State));

    /// <summary>Cases still open, whose level clock started at import.</summary>
    public int Open => Registered.Count - ClosedHistory;
}

/// <summary>
/// Imports a dispute ledger (台账): checks every row first, including what only the database knows (the town each row
/// names, employers outside the importer's jurisdiction, cases imported before), and writes nothing while any row is
/// bad. Then registers the cases batch by batch through <see cref="CaseBatchCommands"/>, which grades and routes each
/// from its back-dated receipt exactly as the API does.
/// </summary>
public sealed class LedgerImporter(Database database, CaseBatchCommands commands, TimeProvider time)
{
    private const int CodesPerQuery = 500;
    private static readonly string[] TownSuffixes = ["镇", "乡", "街道"];

    /// <summary>Checks the sheet against the database; writes nothing.</summary>
    public async Task<LedgerPlan> PlanAsync(LedgerSheet sheet, LedgerImportOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(options);
        var parsed = LedgerParser.Parse(sheet, ChinaTime.DateOf(time.GetUtcNow()));
        var problems = new List<LedgerProblem>(parsed.Problems);
        var scope = options.Actor.ScopePath;

        await using var connection = await database.OpenAsync(ct);
        var towns = (await connection.QueryAsync<StoredUnit>(new CommandDefinition(
            "SELECT id AS Id, name AS Name, path AS Path FROM org_units WHERE kind = 'town' AND is_active = 1", cancellationToken: ct))).ToList();
        var townScope = options.TownScopePath ?? scope;

        // A user below town level (a village mediator) still writes the name of the town above.
        var reachable = towns.Where(t => t.Path.StartsWith(townScope, StringComparison.Ordinal) || townScope.StartsWith(t.Path, StringComparison.Ordinal)).ToList();

        StoredUnit? newEnterpriseUnit = null;
        if (options.UnitForNewEnterprises is { } unitId)
        {
            newEnterpriseUnit = await connection.QuerySingleOrDefaultAsync<StoredUnit>(new CommandDefinition(
                "SELECT id AS Id, name AS Name, path AS Path FROM org_units WHERE id = @Id", new { Id = unitId }, cancellationToken: ct));
            if (newEnterpriseUnit is null || !newEnterpriseUnit.Path.StartsWith(scope, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unit {unitId} does not exist in the importer's jurisdiction.", nameof(options));
            }
        }

        var enterprises = new Dictionary<string, StoredEnterprise>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Cases.Select(c => c.CreditCode).Distinct(StringComparer.Ordinal).Chunk(CodesPerQuery))
        {
            var found = await connection.QueryAsync<StoredEnterprise>(new CommandDefinition(
                """
                SELECT e.credit_code AS CreditCode, e.name AS Name, u.path AS Path
                FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
                WHERE e.credit_code IN @Codes
                """,
                new { Codes = chunk },
                cancellationToken: ct));
            foreach (var e in found)
            {
                enterprises[e.CreditCode] = e;
            }
        }

        var imported = await commands.ImportedKeysAsync([.. parsed.Cases.Select(c => c.ImportKey)], ct);
        var importedAt = time.GetUtcNow();
        var toImport = new List<PlannedLedgerCase>();
        var already = new List<LedgerCase>();
        foreach (var c in parsed.Cases)
        {
            void Problem(string column, string message) =>
                problems.AddRange(c.Workers.Select(w => new LedgerProblem(w.Row, column, message)));

            var town = FindTown(reachable, c.TownName, out var townProblem);
            if (town is null)
            {
                Problem(LedgerColumns.Town, townProblem!);
                continue;
            }

            long? unitForNew = null;
            if (enterprises.TryGetValue(c.CreditCode, out var known))
            {
                if (!known.Path.StartsWith(scope, StringComparison.Ordinal))
                {
                    Problem(LedgerColumns.CreditCode, $"{c.CreditCode} ({known.Name}) is an employer outside the importer's jurisdiction");
                    continue;
                }
            }
            else if (newEnterpriseUnit is not null)
            {
                if (!newEnterpriseUnit.Path.StartsWith(town.Path, StringComparison.Ordinal))
                {
                    Problem(LedgerColumns.Town, $"a new employer would be recorded at unit {newEnterpriseUnit.Id} ({newEnterpriseUnit.Name}), which is not in {town.Name}");
                    continue;
                }

                unitForNew = newEnterpriseUnit.Id;
            }
            else if (!town.Path.StartsWith(scope, StringComparison.Ordinal))
            {
                Problem(LedgerColumns.Town, $"a new employer would be recorded at {town.Name}, outside the importer's jurisdiction: give --unit");
                continue;
            }
            else
            {
                unitForNew = town.Id;
            }

            if (imported.Contains(c.ImportKey))
            {
                already.Add(c);
                continue;
            }

            var receivedAt = ChinaTime.At(c.RegisteredOn, TimeOnly.MinValue);
            var history = c.History(receivedAt);
            toImport.Add(new PlannedLedgerCase(c, new KeyedRegistration(c.ImportKey, new CaseRegistration
            {
                Channel = Channel.WalkIn,
                ReceivedAt = receivedAt,
                // A finished row is history: no clocks, no notices. An open one starts its level clock now, at import,
                // so an old ledger does not arrive overdue; the statutory 15 days still run from its receipt.
                History = history,
                LevelClockFrom = history is null ? importedAt : null,
                Enterprise = new EnterpriseRef(null, c.EnterpriseName, c.CreditCode, unitForNew),
                Workers = [.. c.Workers.Select(w => w.Worker)],
                ClaimTypes = c.ClaimTypes,
                Description = c.Description,
                DeclaredWorkers = c.DeclaredWorkers,
            })));
        }

        problems.Sort((a, b) => a.Row.CompareTo(b.Row));
        return new LedgerPlan(toImport, already, problems, parsed.Rows);
    }

    /// <summary>Registers the planned cases, one transaction per batch of <paramref name="batchSize"/>.</summary>
    /// <param name="progress">Told the number of cases registered (or skipped) so far after every batch.</param>
    /// <exception cref="InvalidOperationException">The plan has problems.</exception>
    public async Task<LedgerImportResult> ImportAsync(
        LedgerPlan plan, CaseActor actor, int batchSize = 500, IProgress<int>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!plan.IsValid)
        {
            throw new InvalidOperationException($"The ledger has {plan.Problems.Count} problems; nothing is imported until they are fixed.");
        }

        var registered = new List<DisputeCase>(plan.ToImport.Count);
        var skipped = new List<string>(plan.AlreadyImported.Select(c => c.ImportKey));
        var done = 0;
        foreach (var batch in plan.ToImport.Chunk(batchSize))
        {
            var result = await commands.RegisterAsync([.. batch.Select(b => b.Registration)], actor, ct);
            registered.AddRange(result.Registered);
            skipped.AddRange(result.AlreadyImported);
            done += batch.Length;
            progress?.Report(done);
        }

        return new LedgerImportResult(registered, skipped);
    }

    private static StoredUnit? FindTown(List<StoredUnit> towns, string name, out string? problem)
    {
        problem = null;
        var matches = towns.Where(t => t.Name == name).ToList();
        if (matches.Count == 0)
        {
            // 孝丰 for 孝丰镇: ledgers often drop the suffix.
            matches = [.. towns.Where(t => TownSuffixes.Any(s => t.Name == name + s))];
        }

        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                problem = $"'{name}' is not a town or street in the importer's jurisdiction";
                return null;
            default:
                problem = $"'{name}' names {matches.Count} towns ({string.Join(", ", matches.Select(m => m.Id))}); give --user or --unit to say which county";
                return null;
        }
    }

    private sealed class StoredUnit
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }

    private sealed class StoredEnterprise
    {
        public string CreditCode { get; init; } = "";
        public string Name { get; init; } = "";
        public string Path { get; init; } = "";
    }
}
