using System.Text.RegularExpressions;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Tests.Infrastructure;
using Dapper;

namespace CaseFlow.Data.Tests.Migrations;

/// <summary>
/// No SQL Server runs here, so the SQL Server scripts are read as text and compared with what the SQLite
/// scripts built: the two dialects must describe the same tables, columns, keys and indexes.
/// </summary>
public sealed partial class SchemaLockstepTests(SqliteTestDatabase fixture) : IClassFixture<SqliteTestDatabase>
{
    private static readonly Dictionary<string, string> SqliteTypeOf = new(StringComparer.Ordinal)
    {
        ["BIGINT"] = "INTEGER",
        ["INT"] = "INTEGER",
        ["BIT"] = "INTEGER",
        ["DECIMAL"] = "INTEGER",
        ["NVARCHAR"] = "TEXT",
        ["CHAR"] = "TEXT",
        ["DATETIMEOFFSET"] = "TEXT",
        ["DATE"] = "TEXT",
    };

    private readonly Lazy<string> _sqlServer = new(() =>
        string.Join('\n', MigrationScripts.For(DatabaseProvider.SqlServer).Select(s => s.Sql)));

    [Fact]
    public async Task Columns_MatchInNameNullabilityAndStorageType()
    {
        var sqlServer = SqlServerColumns().Select(c => c with { Type = SqliteTypeOf[c.Type] });

        var sqlite = await SqliteColumnsAsync();

        sqlite.Should().BeEquivalentTo(sqlServer);
    }

    [Fact]
    public async Task ForeignKeys_MatchOnBothEngines()
    {
        var sqlServer = SqlServerForeignKeys();

        var sqlite = await SqliteForeignKeysAsync();

        sqlite.Should().NotBeEmpty().And.BeEquivalentTo(sqlServer);
    }

    [Fact]
    public async Task Indexes_MatchInNameTableKeyAndFilter()
    {
        var sqlServer = SqlServerIndexes();

        var sqlite = await SqliteIndexesAsync();

        sqlite.Should().NotBeEmpty().And.BeEquivalentTo(sqlServer, o => o.Excluding(i => i.At));
    }

    [Fact]
    public async Task SqliteInstantAndDateColumns_RefuseTextOfAnyOtherShape()
    {
        var timeColumns = SqlServerColumns().Where(c => c.Type is "DATETIMEOFFSET" or "DATE").ToList();
        await using var connection = await fixture.Database.OpenAsync();
        var tableSql = (await connection.QueryAsync<(string Name, string Sql)>(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table'")).ToDictionary(t => t.Name, t => t.Sql);

        timeColumns.Should().HaveCountGreaterThan(25);
        foreach (var column in timeColumns)
        {
            var shape = column.Type == "DATE" ? "????-??-??" : "????-??-??T??:??:??.???Z";
            tableSql[column.Table].Should().Contain($"CHECK ({column.Name} GLOB '{shape}')", $"{column.Table}.{column.Name} is a {column.Type}");
        }
    }

    private List<Column> SqlServerColumns()
    {
        var columns = new List<Column>();
        foreach (Match table in SqlServerTable().Matches(_sqlServer.Value))
        {
            foreach (Match column in SqlServerColumn().Matches(table.Groups["body"].Value))
            {
                var declaration = column.Groups["rest"].Value.Split(" CONSTRAINT ")[0];
                columns.Add(new Column(
                    table.Groups["table"].Value,
                    column.Groups["column"].Value,
                    column.Groups["type"].Value,
                    declaration.Contains("NOT NULL", StringComparison.Ordinal)));
            }
        }

        // Columns added by later migrations (ALTER TABLE dbo.x ADD column TYPE …).
        foreach (Match added in SqlServerAddedColumn().Matches(_sqlServer.Value))
        {
            columns.Add(new Column(
                added.Groups["table"].Value,
                added.Groups["column"].Value,
                added.Groups["type"].Value,
                added.Groups["rest"].Value.Split(" CONSTRAINT ")[0].Contains("NOT NULL", StringComparison.Ordinal)));
        }

        return columns;
    }

    private async Task<List<Column>> SqliteColumnsAsync()
    {
        await using var connection = await fixture.Database.OpenAsync();
        var rows = await connection.QueryAsync<(string Table, string Name, string Type, long NotNull, long Pk)>("""
            SELECT t.name, c.name, c.type, c."notnull", c.pk
            FROM sqlite_master AS t, pragma_table_info(t.name) AS c
            WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite!_%' ESCAPE '!' AND t.name <> 'schema_migrations'
            """);
        return rows.Select(r => new Column(r.Table, r.Name, r.Type, r.NotNull == 1 || r.Pk > 0)).ToList();
    }

    private List<ForeignKey> SqlServerForeignKeys() =>
        SqlServerTable().Matches(_sqlServer.Value)
            .SelectMany(table => SqlServerForeignKey().Matches(table.Groups["body"].Value).Select(fk => new ForeignKey(
                table.Groups["table"].Value, fk.Groups["column"].Value, fk.Groups["target"].Value, fk.Groups["targetColumn"].Value)))
            .Concat(SqlServerAddedForeignKey().Matches(_sqlServer.Value).Select(fk => new ForeignKey(
                fk.Groups["table"].Value, fk.Groups["column"].Value, fk.Groups["target"].Value, fk.Groups["targetColumn"].Value)))
            .ToList();

    private async Task<List<ForeignKey>> SqliteForeignKeysAsync()
    {
        await using var connection = await fixture.Database.OpenAsync();
        var rows = await connection.QueryAsync<(string Table, string From, string Target, string To)>("""
            SELECT t.name, f."from", f."table", f."to"
            FROM sqlite_master AS t, pragma_foreign_key_list(t.name) AS f
            WHERE t.type = 'table'
            """);
        return rows.Select(r => new ForeignKey(r.Table, r.From, r.Target, r.To)).ToList();
    }

    private List<Index> SqlServerIndexes() =>
        SqlServerIndex().Matches(_sqlServer.Value)
            .Select(m => new Index(
                m.Groups["name"].Value,
                m.Groups["table"].Value,
                m.Groups["unique"].Success,
                // SQLite has no INCLUDE: the included columns end its key instead.
                string.Join(", ", new[] { m.Groups["key"].Value, m.Groups["include"].Value }.Where(s => s.Length > 0)),
                m.Groups["filter"].Value.Trim())
            { At = m.Index })
            // A later script may drop an index an earlier one made (0019 replaces ix_cases_unit_urgency), and make it
            // again under the same name (0022): an index stands if no DROP of it follows its CREATE.
            .Where(i => !SqlServerDroppedIndex().Matches(_sqlServer.Value).Any(d =>
                d.Groups["name"].Value == i.Name && d.Groups["table"].Value == i.Table && d.Index > i.At))
            .ToList();

    private async Task<List<Index>> SqliteIndexesAsync()
    {
        await using var connection = await fixture.Database.OpenAsync();
        var indexes = await connection.QueryAsync<(string Name, string Table, string Sql)>(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
        var result = new List<Index>();
        foreach (var (name, table, sql) in indexes)
        {
            var keys = await connection.QueryAsync<(string Column, long Desc)>(
                "SELECT name, \"desc\" FROM pragma_index_xinfo(@Name) WHERE \"key\" = 1 ORDER BY seqno", new { Name = name });
            var filter = SqliteIndexFilter().Match(sql);
            result.Add(new Index(
                name,
                table,
                sql.StartsWith("CREATE UNIQUE", StringComparison.Ordinal),
                string.Join(", ", keys.Select(k => k.Desc == 1 ? $"{k.Column} DESC" : k.Column)),
                filter.Success ? filter.Groups["filter"].Value.Trim() : ""));
        }

        return result;
    }

    [GeneratedRegex(@"CREATE TABLE dbo\.(?<table>\w+) \((?<body>.*?)\n\);", RegexOptions.Singleline)]
    private static partial Regex SqlServerTable();

    [GeneratedRegex(@"^ {4}(?<column>[a-z_0-9]+) +(?<type>BIGINT|INT|BIT|DECIMAL|NVARCHAR|CHAR|DATETIMEOFFSET|DATE)\b(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex SqlServerColumn();

    [GeneratedRegex(@"^ALTER TABLE dbo\.(?<table>\w+) ADD (?<column>[a-z_0-9]+) +(?<type>BIGINT|INT|BIT|DECIMAL|NVARCHAR|CHAR|DATETIMEOFFSET|DATE)\b(?<rest>[^;]*);", RegexOptions.Multiline)]
    private static partial Regex SqlServerAddedColumn();

    [GeneratedRegex(@"FOREIGN KEY \((?<column>\w+)\) REFERENCES dbo\.(?<target>\w+) \((?<targetColumn>\w+)\)")]
    private static partial Regex SqlServerForeignKey();

    // A key added to an existing table (the column came with ALTER TABLE … ADD).
    [GeneratedRegex(@"^ALTER TABLE dbo\.(?<table>\w+) ADD CONSTRAINT \w+ FOREIGN KEY \((?<column>\w+)\) REFERENCES dbo\.(?<target>\w+) \((?<targetColumn>\w+)\);", RegexOptions.Multiline)]
    private static partial Regex SqlServerAddedForeignKey();


    [GeneratedRegex(@"CREATE (?<unique>UNIQUE )?INDEX (?<name>\w+) ON dbo\.(?<table>\w+) \((?<key>[^)]*)\)(?: INCLUDE \((?<include>[^)]*)\))?(?: WHERE (?<filter>[^;]*))?;")]
    private static partial Regex SqlServerIndex();

    [GeneratedRegex(@"\bWHERE (?<filter>.*)$", RegexOptions.Singleline)]
    private static partial Regex SqliteIndexFilter();

    [GeneratedRegex(@"DROP INDEX (?<name>\w+) ON dbo\.(?<table>\w+);")]
    private static partial Regex SqlServerDroppedIndex();

    private sealed record Column(string Table, string Name, string Type, bool NotNull);

    private sealed record ForeignKey(string Table, string Column, string Target, string TargetColumn);

    private sealed record Index(string Name, string Table, bool Unique, string Key, string Filter)
    {
        /// <summary>Where the SQL Server scripts create it (not compared).</summary>
        public int At { get; init; }
    }
}
