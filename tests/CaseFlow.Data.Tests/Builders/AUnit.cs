using System.Data.Common;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Builders;

/// <summary>An org_units row; the database fills in path and county_id.</summary>
public sealed record AUnit(string Kind, string Name, long? ParentId = null, string? Code = null)
{
    public static AUnit County(string name = "安吉县", string code = "AJ") => new("county", name, Code: code);

    public static AUnit Town(long countyId, string name = "杭垓镇") => new("town", name, countyId);

    public static AUnit Village(long townId, string name = "吴村村") => new("village", name, townId);

    public async Task<long> InsertAsync(Database database, DbTransaction? transaction = null, DbConnection? connection = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string sql = """
            INSERT INTO org_units (parent_id, kind, name, code, created_at)
            VALUES (@ParentId, @Kind, @Name, @Code, @CreatedAt)
            """;
        var insert = database.Dialect.InsertReturningId(sql);
        var row = new { ParentId, Kind, Name, Code, CreatedAt = TestDatabase.Start };
        if (connection is not null)
        {
            return await connection.ExecuteScalarAsync<long>(insert, row, transaction);
        }

        await using var own = await database.OpenAsync();
        return await own.ExecuteScalarAsync<long>(insert, row);
    }

    /// <summary>A county with one town and one village below it, for tests that only need somewhere to put a case.</summary>
    public static async Task<(long County, long Town, long Village)> TreeAsync(Database database)
    {
        var county = await County().InsertAsync(database);
        var town = await Town(county).InsertAsync(database);
        var village = await Village(town).InsertAsync(database);
        return (county, town, village);
    }
}
