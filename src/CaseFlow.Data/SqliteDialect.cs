using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data;

/// <summary>SQLite 3.35 or later (RETURNING, STRICT tables need 3.37).</summary>
public sealed class SqliteDialect : SqlDialect
{
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;
    private const int ConstraintForeignKey = 787;

    internal SqliteDialect()
    {
    }

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override string NextCounterValue => """
        INSERT INTO counters (name, value) VALUES (@Name, 1)
        ON CONFLICT (name) DO UPDATE SET value = value + 1
        RETURNING value
        """;

    public override string AddToCounter => """
        INSERT INTO counters (name, value) VALUES (@Name, @Count)
        ON CONFLICT (name) DO UPDATE SET value = value + excluded.value
        RETURNING value
        """;

    // A subtree is a range of paths, not a pattern: SubtreeCondition compares with the path itself.
    private protected override string PrefixWildcard => "";

    internal override string JournalTableExists =>
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";

    public override string TableExists => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Name";

    public override string DatabaseSizeBytes => "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";

    internal override string CreateJournalTable => """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            number      INTEGER NOT NULL PRIMARY KEY,
            name        TEXT NOT NULL,
            sha256      TEXT NOT NULL,
            applied_at  TEXT NOT NULL
        ) STRICT
        """;

    public override string Savepoint(string name) => $"SAVEPOINT {Identifier(name)}";

    public override string RollbackToSavepoint(string name) => $"ROLLBACK TO SAVEPOINT {Identifier(name)}";

    public override string ReleaseSavepoint(string name) => $"RELEASE SAVEPOINT {Identifier(name)}";

    internal override string SuspendForeignKeys => "PRAGMA foreign_keys = OFF";

    internal override string ResumeForeignKeys => "PRAGMA foreign_keys = ON";

    internal override string ForeignKeyCheck => "PRAGMA foreign_key_check";

    public override string CappedCount(string fromWhere, string capParameter = "@Cap") =>
        $"SELECT COUNT(*) FROM (SELECT 1 AS x {fromWhere} LIMIT {Limit(capParameter)}) AS k";

    public override string Paging(string offsetParameter = "@Offset", string limitParameter = "@Limit") =>
        $"LIMIT {Limit(limitParameter)} OFFSET {offsetParameter}";

    // A parameter standing alone as a LIMIT is one whose value the query planner (SQLite 3.50) takes into account, so
    // binding it marks the statement for recompiling: a statement kept prepared was compiled anew on each use (a list's
    // overdue-referrals statement with no rows: 0.19 ms bound, 0.015 ms cast, the cost of compiling it). As an expression
    // the value is read when the statement runs.
    private static string Limit(string parameter) => $"CAST({parameter} AS INTEGER)";

    public override string InsertReturningId(string insertStatement)
    {
        ArgumentNullException.ThrowIfNull(insertStatement);
        return insertStatement.TrimEnd().TrimEnd(';') + "\nRETURNING id";
    }

    public override string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns)
    {
        CheckUpsert(table, keyColumns, valueColumns);
        var all = keyColumns.Concat(valueColumns).ToList();
        var onConflict = valueColumns.Count == 0
            ? "DO NOTHING"
            : "DO UPDATE SET " + Columns(valueColumns, c => $"{c} = excluded.{c}");
        return $"""
            INSERT INTO {table} ({Columns(all, c => c)})
            VALUES ({Columns(all, ParameterFor)})
            ON CONFLICT ({Columns(keyColumns, c => c)}) {onConflict}
            """;
    }

    // The SELECT ends in GROUP BY/HAVING or WHERE, so ON CONFLICT cannot be read as a join's ON.
    public override string UpsertAdding(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> addedColumns, string sourceSelect)
    {
        CheckUpsert(table, keyColumns, addedColumns);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceSelect);
        return $"""
            INSERT INTO {table} ({Columns(keyColumns.Concat(addedColumns), c => c)})
            {sourceSelect}
            ON CONFLICT ({Columns(keyColumns, c => c)}) DO UPDATE SET {Columns(addedColumns, c => $"{c} = {c} + excluded.{c}")}
            """;
    }

    // '-6 days' then 'weekday 1' lands on the Monday on or before the (UTC+8) date.
    public override string ChinaWeekStartOf(string instant) => $"date({instant}, '+8 hours', '-6 days', 'weekday 1')";

    // The paths under '/1/5/' are those from '/1/5/' up to, not including, '/1/50' ('0' sorts right after '/', and a
    // path holds only digits and slashes), so the condition is an index range on the path. Not GLOB with the pattern
    // bound as a parameter: SQLite turns that into a range too, but only by compiling the statement again every time a
    // value is bound, so a statement kept prepared with its connection (RowWriter.Cached) was compiled anew on each use.
    public override string SubtreeCondition(string pathColumn, string patternParameter = "@SubtreePattern") =>
        $"({pathColumn} >= {patternParameter} AND {pathColumn} < (substr({patternParameter}, 1, length({patternParameter}) - 1) || '0'))";

    public override string StartsWith(string column, string patternParameter) => $"{column} GLOB {patternParameter}";

    // GLOB has no escape character: a bracket holding one character matches it literally ('[' itself first).
    public override string StartsWithPattern(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("[", "[[]", StringComparison.Ordinal)
            .Replace("*", "[*]", StringComparison.Ordinal)
            .Replace("?", "[?]", StringComparison.Ordinal) + "*";
    }

    public override string AnyRows(string select, string limitParameter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(select);
        return $"{select} LIMIT {Limit(limitParameter)}";
    }
    // instr finds the '/' that ends the child's segment in what follows the root; the root itself has nothing after it.
    public override string ChildPathBelowRoot(string pathColumn, string rootLengthParameter = "@RootLength") =>
        $"(CASE WHEN length({pathColumn}) > {rootLengthParameter} THEN substr({pathColumn}, 1, {rootLengthParameter} + instr(substr({pathColumn}, {rootLengthParameter} + 1), '/')) ELSE '' END)";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    public override bool IsForeignKeyViolation(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: ConstraintForeignKey };
}
