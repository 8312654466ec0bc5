using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CaseFlow.Data;

/// <summary>
/// The one place where SQL differs between engines. Queries are written once, in the common subset
/// (named <c>@Parameters</c>, snake_case columns), and ask the dialect only for the pieces that differ.
/// </summary>
public abstract partial class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new SqliteDialect();

    public static SqlDialect SqlServer { get; } = new SqlServerDialect();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Both engines store booleans as 1/0 (SQLite INTEGER, SQL Server BIT, which has no TRUE literal).</summary>
    public virtual string TrueLiteral => "1";

    /// <inheritdoc cref="TrueLiteral"/>
    public virtual string FalseLiteral => "0";

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => Sqlite,
        DatabaseProvider.SqlServer => SqlServer,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
    };

    /// <summary>The parameter a generated statement binds to a column: <c>county_id</c> → <c>@CountyId</c>, a C# property name.</summary>
    public static string ParameterFor(string column)
    {
        CheckIdentifier(column);
        var name = new StringBuilder(column.Length + 1).Append('@');
        var upper = true;
        foreach (var c in column)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            name.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return name.ToString();
    }

    /// <summary>The clause that follows ORDER BY to skip <paramref name="offsetParameter"/> rows and return <paramref name="limitParameter"/>.</summary>
    public abstract string Paging(string offsetParameter = "@Offset", string limitParameter = "@Limit");

    /// <summary>
    /// Counts the rows of <paramref name="fromWhere"/> (a <c>FROM … WHERE …</c> clause) but stops at the number bound to
    /// <paramref name="capParameter"/>: a total that never reads more rows than the cap.
    /// </summary>
    public abstract string CappedCount(string fromWhere, string capParameter = "@Cap");

    /// <summary>Makes a single-row INSERT into a table with an <c>id</c> identity column return the new id (a long).</summary>
    public abstract string InsertReturningId(string insertStatement);

    /// <summary>
    /// Inserts a row or, when a row with the same key exists, updates its <paramref name="valueColumns"/>.
    /// Parameters are named after the columns by <see cref="ParameterFor"/>.
    /// </summary>
    public abstract string Upsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns);

    /// <summary>
    /// Adds the rows of <paramref name="sourceSelect"/> (a SELECT naming every key and added column, one row per key)
    /// to <paramref name="table"/>: a new key is inserted, an existing one has each <paramref name="addedColumns"/>
    /// increased by the source's value. For counters kept by deltas (<c>Reports/CaseSummaryWriter</c>).
    /// </summary>
    public abstract string UpsertAdding(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> addedColumns, string sourceSelect);

    /// <summary>The Monday (China time) of the week holding the instant <paramref name="instant"/> (a column or parameter), as a date.</summary>
    public abstract string ChinaWeekStartOf(string instant);

    /// <summary>
    /// True when <paramref name="pathColumn"/> (an org_units.path) lies in the subtree whose pattern is bound to
    /// <paramref name="patternParameter"/>; bind the value from <see cref="SubtreePattern"/>. Answered from the path index.
    /// </summary>
    public abstract string SubtreeCondition(string pathColumn, string patternParameter = "@SubtreePattern");

    /// <summary>
    /// The path of the unit directly below a root on the way down to the unit at <paramref name="pathColumn"/> (which
    /// must lie in the root's subtree), or the empty string for the root itself: '/1/5/12/' below the root '/1/' is
    /// '/1/5/'. Bind the root path's length (<c>rootPath.Length</c>) to <paramref name="rootLengthParameter"/>. Lets
    /// a roll-up group a subtree's rows by the root's children in SQL.
    /// </summary>
    public abstract string ChildPathBelowRoot(string pathColumn, string rootLengthParameter = "@RootLength");

    /// <summary>
    /// The value for <see cref="SubtreeCondition"/>: the unit at <paramref name="unitPath"/> ('/1/5/') and everything
    /// below it; "/" is every unit (the system's scope). On SQLite the path itself, on SQL Server a LIKE pattern.
    /// </summary>
    public string SubtreePattern(string unitPath)
    {
        ArgumentNullException.ThrowIfNull(unitPath);
        if (!UnitPathPattern().IsMatch(unitPath))
        {
            throw new ArgumentException($"'{unitPath}' is not an org unit path like '/1/5/'.", nameof(unitPath));
        }

        return unitPath + PrefixWildcard;
    }

    /// <summary>
    /// True when the text column <paramref name="column"/> starts with the text whose <see cref="StartsWithPattern"/> is
    /// bound to <paramref name="patternParameter"/>, compared as the column's index compares: an index range, never a scan
    /// (GLOB on SQLite, whose plain indexes are BINARY; LIKE on SQL Server). Case-sensitive on SQLite.
    /// </summary>
    public abstract string StartsWith(string column, string patternParameter);

    /// <summary>The value for <see cref="StartsWith"/>: <paramref name="text"/>, its wildcard characters taken literally, then the wildcard.</summary>
    public abstract string StartsWithPattern(string text);

    /// <summary>
    /// At most <paramref name="limitParameter"/> rows of <paramref name="select"/> (a plain <c>SELECT … FROM … WHERE …</c>
    /// with no ORDER BY), in whatever order the engine reads them: a bound on the work, not a page.
    /// </summary>
    public abstract string AnyRows(string select, string limitParameter);

    /// <summary>Increments the counter named <c>@Name</c> in table <c>counters</c> (creating it at 1) and returns its new value.</summary>
    public abstract string NextCounterValue { get; }

    /// <summary>
    /// Adds @Count to counter @Name (a new counter starts at 0) and returns its new value: the last of the @Count
    /// values taken at once (<see cref="Counters.TakeAsync"/>).
    /// </summary>
    public abstract string AddToCounter { get; }

    /// <summary>A UNIQUE or PRIMARY KEY violation: usually reported to the user as a conflict.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>A FOREIGN KEY violation: the row refers to something that does not exist (or is still referred to).</summary>
    public abstract bool IsForeignKeyViolation(DbException exception);

    /// <summary>The wildcard that, appended to a path, matches every path starting with it.</summary>
    private protected abstract string PrefixWildcard { get; }

    internal abstract string JournalTableExists { get; }

    /// <summary>How many tables named <c>@Name</c> exist (0 or 1).</summary>
    public abstract string TableExists { get; }

    /// <summary>The database's size on disk in bytes (data and log files on SQL Server, the main file on SQLite).</summary>
    public abstract string DatabaseSizeBytes { get; }

    internal abstract string CreateJournalTable { get; }

    /// <summary>Run before a migration script's transaction when the engine cannot suspend foreign keys inside one.</summary>
    /// <summary>Marks a savepoint named <paramref name="name"/> inside the current transaction.</summary>
    public abstract string Savepoint(string name);

    /// <summary>Undoes everything since the savepoint <paramref name="name"/>; the transaction goes on.</summary>
    public abstract string RollbackToSavepoint(string name);

    /// <summary>Forgets the savepoint <paramref name="name"/>, keeping its work; null where the engine has no such step.</summary>
    public abstract string? ReleaseSavepoint(string name);

    internal virtual string? SuspendForeignKeys => null;

    /// <summary>Run after a migration script's transaction, committed or not.</summary>
    internal virtual string? ResumeForeignKeys => null;

    /// <summary>Lists rows whose references are broken (table, rowid, parent, key), checked before a script commits.</summary>
    internal virtual string? ForeignKeyCheck => null;

    /// <summary>The statements a migration script is executed as; all run in the script's transaction.</summary>
    internal virtual IReadOnlyList<string> SplitBatches(string script) => [script];

    /// <summary>Keeps other processes from migrating the same database until the returned handle is disposed.</summary>
    internal virtual Task<IAsyncDisposable> AcquireMigrationLockAsync(
        DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    private protected static void CheckIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (!IdentifierPattern().IsMatch(identifier))
        {
            throw new ArgumentException($"'{identifier}' is not a snake_case SQL identifier.", nameof(identifier));
        }
    }

    /// <summary>The identifier, after checking it is a plain snake_case name (never user input).</summary>
    private protected static string Identifier(string identifier)
    {
        CheckIdentifier(identifier);
        return identifier;
    }

    private protected static string Columns(IEnumerable<string> columns, Func<string, string> format) =>
        string.Join(", ", columns.Select(format));

    private protected static void CheckUpsert(string table, IReadOnlyList<string> keyColumns, IReadOnlyList<string> valueColumns)
    {
        CheckIdentifier(table);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(valueColumns);
        if (keyColumns.Count == 0)
        {
            throw new ArgumentException("An upsert needs at least one key column.", nameof(keyColumns));
        }

        foreach (var column in keyColumns.Concat(valueColumns))
        {
            CheckIdentifier(column);
        }
    }

    private protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex IdentifierPattern();

    // "/" alone is the root above every county: the system's scope, which reaches every unit.
    [GeneratedRegex("^/(?:[0-9]+/)*$")]
    private static partial Regex UnitPathPattern();

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
