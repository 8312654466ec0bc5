using System.Data.Common;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace CaseFlow.Data;

/// <summary>SQL Server 2016 or later (OFFSET/FETCH, filtered indexes, ISJSON).</summary>
public sealed partial class SqlServerDialect : SqlDialect
{
    private const int UniqueConstraint = 2627;
    private const int UniqueIndex = 2601;
    private const int ConstraintConflict = 547;
    private const string MigrationLockResource = "CaseFlow.Migrations";

    internal SqlServerDialect()
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    // HOLDLOCK: without it two sessions can both miss the row and both insert.
    public override string NextCounterValue => """
        MERGE INTO counters WITH (HOLDLOCK) AS target
        USING (SELECT @Name AS name) AS source ON target.name = source.name
        WHEN MATCHED THEN UPDATE SET value = target.value + 1
        WHEN NOT MATCHED THEN INSERT (name, value) VALUES (source.name, 1)
        OUTPUT inserted.value;
        """;

    public override string AddToCounter => """
        MERGE INTO counters WITH (HOLDLOCK) AS target
        USING (SELECT @Name AS name, @Count AS step) AS source ON target.name = source.name
        WHEN MATCHED THEN UPDATE SET value = target.value + source.step
        WHEN NOT MATCHED THEN INSERT (name, value) VALUES (source.name, source.step)
        OUTPUT inserted.value;
        """;

    private protected override string PrefixWildcard => "%";

    public override string TableExists => "SELECT COUNT(*) FROM sys.tables WHERE name = @Name";

    // sys.database_files counts 8 KB pages.
    public override string DatabaseSizeBytes => "SELECT SUM(CAST(size AS BIGINT)) * 8192 FROM sys.database_files";

    internal override string JournalTableExists =>
        "SELECT CASE WHEN OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL THEN 0 ELSE 1 END";

    internal override string CreateJournalTable => """
        IF OBJECT_ID(N'dbo.schema_migrations', N'U') IS NULL
        CREATE TABLE dbo.schema_migrations (
            number      INT NOT NULL CONSTRAINT pk_schema_migrations PRIMARY KEY,
            name        NVARCHAR(200) NOT NULL,
            sha256      CHAR(64) NOT NULL,
            applied_at  DATETIMEOFFSET(3) NOT NULL
        )
        """;

    public override string Savepoint(string name) => $"SAVE TRANSACTION {Identifier(name)}";

    public override string RollbackToSavepoint(string name) => $"ROLLBACK TRANSACTION {Identifier(name)}";

    // SQL Server keeps savepoints until the transaction ends; there is nothing to release.
    public override string? ReleaseSavepoint(string name) => null;

    public override string CappedCount(string fromWhere, string capParameter = "@Cap") =>
        $"SELECT COUNT(*) FROM (SELECT TOP ({capParameter}) 1 AS x {fromWhere}) AS k";

    public override string Paging(string offsetParameter = "@Offset", string limitParameter = "@Limit") =>
        $"OFFSET {offsetParameter} ROWS FETCH NEXT {limitParameter} ROWS ONLY";

    // SCOPE_IDENTITY rather than OUTPUT INSERTED.id: OUTPUT without INTO is refused on tables with triggers
    // (org_units, case_events, audit_log have them).
    public override string InsertReturningId(string insertStatement)
    {
        ArgumentNullException.ThrowIfNull(insertStatement);
        return insertStatement.TrimEnd().TrimEnd(';') + ";\nSELECT CAST(SCOPE_IDENTITY() AS BIGINT);";
    }

    public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns)
    {
        CheckUpsert(table, keyColumns, valueColumns);
        var all = keyColumns.Concat(valueColumns).ToList();
        var whenMatched = valueColumns.Count == 0
            ? ""
            : "WHEN MATCHED THEN UPDATE SET " + Columns(valueColumns, c => $"{c} = source.{c}") + "\n";
        return $"""
            MERGE INTO {table} WITH (HOLDLOCK) AS target
            USING (SELECT {Columns(all, c => $"{ParameterFor(c)} AS {c}")}) AS source
            ON {string.Join(" AND ", keyColumns.Select(c => $"target.{c} = source.{c}"))}
            {whenMatched}WHEN NOT MATCHED THEN INSERT ({Columns(all, c => c)}) VALUES ({Columns(all, c => $"source.{c}")});
            """;
    }

    // HOLDLOCK: the key range stays locked from the match to the insert, so two writers never both insert one key.
    public override string UpsertAdding(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> addedColumns, string sourceSelect)
    {
        CheckUpsert(table, keyColumns, addedColumns);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceSelect);
        var all = keyColumns.Concat(addedColumns).ToList();
        return $"""
            MERGE INTO {table} WITH (HOLDLOCK) AS target
            USING ({sourceSelect}) AS source
            ON {string.Join(" AND ", keyColumns.Select(c => $"target.{c} = source.{c}"))}
            WHEN MATCHED THEN UPDATE SET {Columns(addedColumns, c => $"{c} = target.{c} + source.{c}")}
            WHEN NOT MATCHED THEN INSERT ({Columns(all, c => c)}) VALUES ({Columns(all, c => $"source.{c}")});
            """;
    }

    // 1900-01-01 was a Monday; DATEDIFF does not depend on SET DATEFIRST as DATEPART(weekday) does.
    public override string ChinaWeekStartOf(string instant) =>
        $"DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS DATE), CAST(SWITCHOFFSET({instant}, '+08:00') AS DATE)) % 7), CAST(SWITCHOFFSET({instant}, '+08:00') AS DATE))";

    // org_units.path has a binary collation, so LIKE with a parameter is an index seek.
    public override string SubtreeCondition(string pathColumn, string patternParameter = "@SubtreePattern") =>
        $"{pathColumn} LIKE {patternParameter}";

    public override string StartsWith(string column, string patternParameter) => $"{column} LIKE {patternParameter} ESCAPE '\\'";

    public override string StartsWithPattern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal) + "%";
    }

    public override string AnyRows(string select, string limitParameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(select);
        if (!select.StartsWith("SELECT ", StringComparison.Ordinal))
        {
            throw new ArgumentException("Expected a query to bound.", nameof(select));
        }

        return $"SELECT TOP ({limitParameter}) {select["SELECT ".Length..]}";
    }
    // CHARINDEX from just past the root finds the '/' that ends the child's segment; on the root itself it finds none
    // (0), and LEFT of 0 characters is the empty string, as on SQLite.
    public override string ChildPathBelowRoot(string pathColumn, string rootLengthParameter = "@RootLength") =>
        $"LEFT({pathColumn}, CHARINDEX('/', {pathColumn}, {rootLengthParameter} + 1))";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueConstraint or UniqueIndex };

    // 547 covers FOREIGN KEY and CHECK conflicts alike, in the server's language; our constraint names
    // (fk_…, ck_…) appear in the message whatever that language is.
    public override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqlException { Number: ConstraintConflict } sql
        && sql.Message.Contains("\"fk_", StringComparison.Ordinal);

    internal override IReadOnlyList<string> SplitBatches(string script) => SplitOnGo(script);

    /// <summary>Splits a script on lines holding only <c>GO</c> (any case, optionally followed by a -- comment), as sqlcmd does.</summary>
    internal static IReadOnlyList<string> SplitOnGo(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var batches = new List<string>();
        var current = new StringBuilder();
        foreach (var line in script.Split('\n'))
        {
            if (GoLine().IsMatch(line))
            {
                AddBatch(batches, current);
                continue;
            }

            current.Append(line).Append('\n');
        }

        AddBatch(batches, current);
        return batches;
    }

    internal override async Task<IAsyncDisposable> AcquireMigrationLockAsync(
        DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string sql = """
            DECLARE @result INT;
            EXEC @result = sp_getapplock
                @Resource = @Resource, @LockMode = N'Exclusive', @LockOwner = N'Session',
                @LockTimeout = @TimeoutMilliseconds, @DbPrincipal = N'public';
            SELECT @result;
            """;
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)timeout.TotalSeconds + 30;
        AddParameter(command, "@Resource", MigrationLockResource);
        AddParameter(command, "@TimeoutMilliseconds", (int)timeout.TotalMilliseconds);
        var result = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

        // 0 granted, 1 granted after waiting; negative: timeout, cancelled, deadlock victim, error.
        if (result < 0)
        {
            throw new Migrations.MigrationLockException(
                Invariant($"Could not take the migration lock within {timeout.TotalSeconds:0} s (sp_getapplock returned {result}): another node is migrating this database."));
        }

        return new AppLock(connection);
    }

    private static void AddBatch(List<string> batches, StringBuilder current)
    {
        var batch = current.ToString();
        if (!string.IsNullOrWhiteSpace(batch))
        {
            batches.Add(batch.TrimEnd());
        }

        current.Clear();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"^[ \t]*GO[ \t]*(?:--.*)?\r?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoLine();

    private sealed class AppLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // A session lock also ends with the session; releasing explicitly lets the next node start
            // at once even when the connection goes back to the pool.
            if (connection.State != System.Data.ConnectionState.Open)
            {
                return;
            }

            await using var command = connection.CreateCommand();
            command.CommandText = "EXEC sp_releaseapplock @Resource = @Resource, @LockOwner = N'Session', @DbPrincipal = N'public';";
            AddParameter(command, "@Resource", MigrationLockResource);
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
