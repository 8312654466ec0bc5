using System.Data.Common;
using System.Globalization;
using CaseFlow.Domain.Organisation;
using Dapper;

namespace CaseFlow.Data.Organisation;

/// <summary>A unit to insert; the database sets its path and county (parents must be inserted first).</summary>
public sealed record NewOrgUnit(long? ParentId, UnitKind Kind, string Name, string? Code = null);

/// <summary>A three-party linkage contact of a county (party kind hrss | political_legal | county_union).</summary>
public sealed record CountyContact(long Id, long CountyId, string PartyKind, string? Organisation, string Name, string Phone);

/// <summary>A contact to insert.</summary>
public sealed record NewCountyContact(long CountyId, string PartyKind, string? Organisation, string Name, string Phone);

/// <summary>
/// An employer to insert, located at <paramref name="UnitId"/>; <paramref name="MediationUnitId"/> is its own mediation
/// group (an enterprise-kind unit), where its level 1 is held, when it has one.
/// </summary>
public sealed record NewEnterprise(
    string Name,
    string? CreditCode,
    string? Address,
    long UnitId,
    string? LegalRepresentative = null,
    string? ContactPhone = null,
    long? MediationUnitId = null);

/// <summary>The organisation tree, county ladders, three-party contacts and where employers sit.</summary>
public sealed class OrgStore(Database database, TimeProvider time)
{
    private const string UnitColumns = "id AS Id, parent_id AS ParentId, kind AS Kind, name AS Name, path AS Path";

    private readonly string _insertUnit = database.Dialect.InsertReturningId("""
        INSERT INTO org_units (parent_id, kind, name, code, created_at)
        VALUES (@ParentId, @Kind, @Name, @Code, @CreatedAt)
        """);

    private readonly string _insertContact = database.Dialect.InsertReturningId("""
        INSERT INTO county_contacts (county_id, party_kind, organisation, name, phone, created_at)
        VALUES (@CountyId, @PartyKind, @Organisation, @Name, @Phone, @CreatedAt)
        """);

    private readonly string _insertEnterprise = database.Dialect.InsertReturningId("""
        INSERT INTO enterprises (name, credit_code, address, legal_representative, contact_phone, unit_id, mediation_unit_id, created_at)
        VALUES (@Name, @CreditCode, @Address, @LegalRepresentative, @ContactPhone, @UnitId, @MediationUnitId, @CreatedAt)
        """);

    private readonly string _upsertLadderLevel = database.Dialect.Upsert(
        "mediation_ladders", ["county_id", "level"], ["host_kind", "name_zh", "name_en"]);

    /// <returns>The new unit's id.</returns>
    public Task<long> InsertUnitAsync(
        DbConnection connection, DbTransaction? transaction, NewOrgUnit unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(unit);
        var row = new { unit.ParentId, Kind = DbCode.Of(unit.Kind), unit.Name, unit.Code, CreatedAt = time.GetUtcNow() };
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertUnit, row, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Writes all three levels of a county's ladder, replacing any it had.</summary>
    public async Task SaveLadderAsync(
        DbConnection connection, DbTransaction? transaction, long countyId, MediationLadder ladder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ladder);
        foreach (var level in ladder.Levels)
        {
            var row = new { CountyId = countyId, level.Level, HostKind = DbCode.Of(level.HostKind), level.NameZh, level.NameEn };
            await connection.ExecuteAsync(new CommandDefinition(_upsertLadderLevel, row, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <returns>The new contact's id.</returns>
    public Task<long> InsertContactAsync(
        DbConnection connection, DbTransaction? transaction, NewCountyContact contact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(contact);
        var row = new { contact.CountyId, contact.PartyKind, contact.Organisation, contact.Name, contact.Phone, CreatedAt = time.GetUtcNow() };
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(_insertContact, row, transaction, cancellationToken: cancellationToken));
    }

    /// <returns>The new enterprise's id.</returns>
    public Task<long> InsertEnterpriseAsync(
        DbConnection connection, DbTransaction? transaction, NewEnterprise enterprise, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(enterprise);
        var row = new
        {
            enterprise.Name,
            enterprise.CreditCode,
            enterprise.Address,
            enterprise.LegalRepresentative,
            enterprise.ContactPhone,
            enterprise.UnitId,
            enterprise.MediationUnitId,
            CreatedAt = time.GetUtcNow(),
        };
        // On a command kept with the connection: a ledger import records many new employers in one transaction.
        return RowWriter.Cached(connection, transaction, database.Dialect).InsertReturningIdAsync(_insertEnterprise, row, cancellationToken);
    }

    /// <summary>Whether the tree has any unit at all: false only for a database nobody has set up yet.</summary>
    public async Task<bool> AnyUnitsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM org_units) THEN 1 ELSE 0 END";
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<OrgUnit?> GetUnitAsync(long id, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {UnitColumns} FROM org_units WHERE id = @Id";
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UnitRow>(new CommandDefinition(sql, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToOrgUnit();
    }

    /// <summary>
    /// The units whose code (a county's case-number prefix) or exact name is <paramref name="codeOrName"/>, those by
    /// code first, then by path: how an operator names a unit instead of by id.
    /// </summary>
    public async Task<IReadOnlyList<OrgUnit>> FindUnitsAsync(string codeOrName, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {UnitColumns}
            FROM org_units
            WHERE code = @Text OR name = @Text
            ORDER BY CASE WHEN code = @Text THEN 0 ELSE 1 END, path
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(sql, new { Text = codeOrName }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToOrgUnit())];
    }

    /// <summary>
    /// The unit and every ancestor up to its county, nearest first: the chain <see cref="MediationRouting"/> climbs.
    /// Empty when the unit does not exist.
    /// </summary>
    public async Task<IReadOnlyList<OrgUnit>> ChainAsync(long unitId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ChainAsync(connection, null, unitId, cancellationToken);
    }

    /// <inheritdoc cref="ChainAsync(long, CancellationToken)"/>
    public static async Task<IReadOnlyList<OrgUnit>> ChainAsync(
        DbConnection connection, DbTransaction? transaction, long unitId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string pathOf = "SELECT path FROM org_units WHERE id = @Id";
        const string units = $"SELECT {UnitColumns} FROM org_units WHERE id IN @Ids";
        var path = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(pathOf, new { Id = unitId }, transaction, cancellationToken: cancellationToken));
        if (path is null)
        {
            return [];
        }

        // The path already names every ancestor, so one indexed read fetches the whole chain.
        var ids = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray();
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(units, new { Ids = ids }, transaction, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToOrgUnit()).OrderByDescending(u => u.Path.Length)];
    }

    /// <summary>The case-number prefix of a county ('AJ'); null when it has none.</summary>
    public static Task<string?> CountyCodeAsync(
        DbConnection connection, DbTransaction? transaction, long countyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT code FROM org_units WHERE id = @Id", new { Id = countyId }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The county's ladder, or null when it has none configured (or has only some of the three levels).</summary>
    public async Task<MediationLadder?> GetLadderAsync(long countyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetLadderAsync(connection, null, countyId, cancellationToken);
    }

    /// <inheritdoc cref="GetLadderAsync(long, CancellationToken)"/>
    public static async Task<MediationLadder?> GetLadderAsync(
        DbConnection connection, DbTransaction? transaction, long countyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string sql = """
            SELECT level AS Level, host_kind AS HostKind, name_zh AS NameZh, name_en AS NameEn
            FROM mediation_ladders
            WHERE county_id = @CountyId
            ORDER BY level
            """;
        var rows = (await connection.QueryAsync<LadderRow>(new CommandDefinition(sql, new { CountyId = countyId }, transaction, cancellationToken: cancellationToken))).AsList();
        if (rows.Count != MediationLadder.TopLevel)
        {
            return null;
        }

        return new MediationLadder(rows.Select(r => new LadderLevel(r.Level, DbCode.Parse<UnitKind>(r.HostKind), r.NameZh, r.NameEn)));
    }

    /// <summary>The unit at <paramref name="unitPath"/> and everything below it, parents before children.</summary>
    public async Task<IReadOnlyList<OrgUnit>> SubtreeAsync(string unitPath, CancellationToken cancellationToken = default)
    {
        var dialect = database.Dialect;
        var sql = $"""
            SELECT {UnitColumns}
            FROM org_units
            WHERE {dialect.SubtreeCondition("path")}
            ORDER BY path
            """;
        var pattern = dialect.SubtreePattern(unitPath);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UnitRow>(new CommandDefinition(sql, new { SubtreePattern = pattern }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToOrgUnit())];
    }

    /// <summary>The county's active contacts, by party kind.</summary>
    public async Task<IReadOnlyList<CountyContact>> ContactsAsync(long countyId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT id AS Id, county_id AS CountyId, party_kind AS PartyKind, organisation AS Organisation, name AS Name, phone AS Phone
            FROM county_contacts
            WHERE county_id = @CountyId AND is_active = {database.Dialect.TrueLiteral}
            ORDER BY party_kind, id
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ContactRow>(new CommandDefinition(sql, new { CountyId = countyId }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new CountyContact(r.Id, r.CountyId, r.PartyKind, r.Organisation, r.Name, r.Phone))];
    }

    // Settable properties rather than positional records: SQLite hands back INTEGER as long and SQL Server INT as int.
    private sealed class UnitRow
    {
        public long Id { get; init; }

        public long? ParentId { get; init; }

        public string Kind { get; init; } = "";

        public string Name { get; init; } = "";

        public string Path { get; init; } = "";

        public OrgUnit ToOrgUnit() => new(Id, ParentId, DbCode.Parse<UnitKind>(Kind), Name, Path);
    }

    private sealed class LadderRow
    {
        public int Level { get; init; }

        public string HostKind { get; init; } = "";

        public string NameZh { get; init; } = "";

        public string NameEn { get; init; } = "";
    }

    private sealed class ContactRow
    {
        public long Id { get; init; }

        public long CountyId { get; init; }

        public string PartyKind { get; init; } = "";

        public string? Organisation { get; init; }

        public string Name { get; init; } = "";

        public string Phone { get; init; } = "";
    }
}
