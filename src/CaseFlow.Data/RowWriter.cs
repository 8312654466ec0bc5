using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Dapper;

namespace CaseFlow.Data;

/// <summary>
/// Runs the data layer's write statements inside the caller's transaction. Each INSERT or UPDATE is written once,
/// beside its caller, with a row type whose properties are its parameters; the writer decides only how the statement
/// reaches the engine. <see cref="Dapper"/> suits a use case's handful of rows. <see cref="Prepared"/> suits a batch of
/// thousands: each statement text gets one command for the life of the transaction, prepared on its first row and
/// re-bound for every later one, with values converted as Dapper converts them, so both store the same bytes.
/// </summary>
/// <remarks>
/// One sealed class rather than a base with two overrides: a generic virtual method is dispatched through a runtime
/// lookup on every call, and a batch calls these for every row it writes.
/// </remarks>
internal sealed partial class RowWriter : IAsyncDisposable
{
    private readonly PreparedStatements? _prepared;

    // A per-connection cache outlives this writer: disposing the writer leaves it to the connection.
    private readonly bool _ownsStatements;

    // The statements kept with each open connection (see Cached); an entry goes when its connection is disposed.
    private static readonly ConditionalWeakTable<DbConnection, PreparedStatements> PerConnection = new();

    private RowWriter(DbConnection connection, DbTransaction? transaction, PreparedStatements? prepared, bool ownsStatements = true)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Connection = connection;
        Transaction = transaction;
        _prepared = prepared;
        _ownsStatements = ownsStatements;
    }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    /// <summary>Whether <see cref="ReadAsync{TRow, T}"/> works here (it needs kept commands, not Dapper's).</summary>
    public bool CanRead => _prepared is not null;

    /// <summary>Runs each statement through Dapper, as any other query of the data layer; it holds nothing to dispose.</summary>
    public static RowWriter Dapper(DbConnection connection, DbTransaction? transaction) => new(connection, transaction, null);

    /// <summary>
    /// Keeps one command per statement text until disposed: prepared on its first row (on SQLite; SQL Server caches
    /// the plans of parameterised statements itself and would want a size for every parameter first), re-bound for
    /// every later one. Dispose it before the transaction commits.
    /// </summary>
    public static RowWriter Prepared(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        return new(connection, transaction, new PreparedStatements(connection, transaction, dialect.Provider == DatabaseProvider.Sqlite));
    }

    /// <summary>
    /// The statements kept with <paramref name="connection"/> for as long as it is open: each text is prepared on its
    /// first use on this connection and re-bound for every later one, in whatever transaction of the connection comes
    /// next. A use case's handful of statements then costs one preparation per connection, not one per execution, and
    /// a sweep that settles thousands of rows on one connection prepares each statement once. The commands are
    /// disposed with the connection; disposing this writer does nothing.
    /// </summary>
    public static RowWriter Cached(DbConnection connection, DbTransaction? transaction, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dialect);
        var statements = PerConnection.GetValue(connection, c =>
        {
            var kept = new PreparedStatements(c, null, dialect.Provider == DatabaseProvider.Sqlite);
            c.Disposed += (_, _) =>
            {
                PerConnection.Remove(c);
                kept.Dispose();
            };
            return kept;
        });
        statements.Transaction = transaction;
        return new(connection, transaction, statements, ownsStatements: false);
    }

    /// <summary>The command kept with <paramref name="connection"/> for <paramref name="sql"/> (<see cref="Cached"/>), if there is one.</summary>
    internal static DbCommand? KeptCommand(DbConnection connection, string sql) =>
        PerConnection.TryGetValue(connection, out var kept) ? kept.Find(sql) : null;

    /// <summary>
    /// Runs a query on a kept command (<see cref="Cached"/> or <see cref="Prepared"/>) and hands its reader to
    /// <paramref name="read"/>, which maps rows with <see cref="RowsOf{T}"/>.
    /// </summary>
    public async Task<T> ReadAsync<TRow, T>(string sql, TRow row, Func<DbDataReader, Task<T>> read, CancellationToken ct)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(read);
        EnsureOneRow(row);
        if (_prepared is null)
        {
            throw new InvalidOperationException("A Dapper writer reads through Dapper itself; ReadAsync needs kept commands.");
        }

        await using var reader = await _prepared.For<TRow>(sql).ReaderAsync(row, ct);
        return await read(reader);
    }

    /// <summary>
    /// Runs a query put together per call, with its values in <paramref name="args"/> (as the case list's statements
    /// are), and hands its reader to <paramref name="read"/>. On SQLite, on kept commands, the command is kept with its
    /// text like any other, so a list read again with the same shape of filters is not compiled again. Through Dapper
    /// instead, exactly as before: on SQL Server (which caches the plans itself), on a Dapper writer, when a value is a
    /// list (Dapper writes its elements into the text), of a type <see cref="ParameterValues"/> does not bind, or not
    /// in <paramref name="args"/> by the text's own spelling, and once the connection keeps
    /// <see cref="PreparedStatements.MaxQueries"/> such texts.
    /// </summary>
    public async Task<T> QueryAsync<T>(string sql, DynamicParameters args, Func<DbDataReader, Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(read);
        if (_prepared?.Query(sql, args) is { } statement)
        {
            await using var kept = statement.Reader(args, ct);
            return await read(kept);
        }

        await using var reader = await Connection.ExecuteReaderAsync(new CommandDefinition(sql, args, Transaction, cancellationToken: ct));
        return await read(reader);
    }

    /// <summary>The current result's rows as <typeparamref name="T"/>, mapped as Dapper maps them (CaseFlow's type handlers included).</summary>
    public static async Task<List<T>> RowsOf<T>(DbDataReader reader, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<T>();
        if (!await reader.ReadAsync(ct))
        {
            return rows;
        }

        var parse = reader.GetRowParser<T>();
        do
        {
            rows.Add(parse(reader));
        }
        while (await reader.ReadAsync(ct));
        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> once with <paramref name="row"/>'s values; returns the rows affected.</summary>
    public Task<int> ExecuteAsync<TRow>(string sql, TRow row, CancellationToken ct)
        where TRow : notnull
    {
        EnsureOneRow(row);
        return _prepared is null
            ? Connection.ExecuteAsync(new CommandDefinition(sql, row, Transaction, cancellationToken: ct))
            : _prepared.For<TRow>(sql).ExecuteAsync(row, ct).AsTask();
    }

    /// <summary>Runs <paramref name="sql"/> once per row; returns the rows affected in all. No rows, no statement.</summary>
    public async Task<int> ExecuteEachAsync<TRow>(string sql, IEnumerable<TRow> rows, CancellationToken ct)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_prepared is null)
        {
            // Dapper runs an enumerable parameter row by row on one command.
            return await Connection.ExecuteAsync(new CommandDefinition(sql, rows, Transaction, cancellationToken: ct));
        }

        Statement<TRow>? statement = null;
        var affected = 0;
        foreach (var row in rows)
        {
            statement ??= _prepared.For<TRow>(sql);
            affected += await statement.ExecuteAsync(row, ct);
        }

        return affected;
    }

    /// <summary>Runs an insert made by <see cref="SqlDialect.InsertReturningId"/> and returns the new id.</summary>
    public Task<long> InsertReturningIdAsync<TRow>(string sql, TRow row, CancellationToken ct)
        where TRow : notnull => ScalarInt64Async(sql, row, ct);

    /// <summary>Runs <paramref name="sql"/> once and returns its first column of its first row as a number (a count, a counter's value, a new id).</summary>
    public async Task<long> ScalarInt64Async<TRow>(string sql, TRow row, CancellationToken ct)
        where TRow : notnull
    {
        EnsureOneRow(row);
        return _prepared is null
            ? await Connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, row, Transaction, cancellationToken: ct))
            : Convert.ToInt64(await _prepared.For<TRow>(sql).ScalarAsync(row, ct), CultureInfo.InvariantCulture);
    }

    public ValueTask DisposeAsync() => _ownsStatements ? _prepared?.DisposeAsync() ?? ValueTask.CompletedTask : ValueTask.CompletedTask;

    /// <summary>A collection passed as one row would run once per element through Dapper, and fail on a prepared command.</summary>
    private static void EnsureOneRow<TRow>(TRow row)
    {
        if (row is System.Collections.IEnumerable)
        {
            throw new ArgumentException($"A {typeof(TRow).Name} is many rows: write them with {nameof(ExecuteEachAsync)}.", nameof(row));
        }
    }

    /// <param name="sqlite">
    /// SQLite: prepare each command, and run it synchronously (Microsoft.Data.Sqlite's async methods run synchronously
    /// anyway; the per-row Task and cancellation registration are what a batch of a million rows would notice).
    /// </param>
    private sealed partial class PreparedStatements(DbConnection connection, DbTransaction? transaction, bool sqlite) : IAsyncDisposable, IDisposable
    {
        /// <summary>The transaction the next statements run in (a per-connection cache serves one after another).</summary>
        public DbTransaction? Transaction { get; set; } = transaction;

        // The texts are constants, so the same string object comes back row after row: found by reference first, it
        // is not hashed and compared character by character for every row (a cases insert is a kilobyte of text).
        private const int ReferencesKept = 64;
        private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Statement> _byReference = new(ReferenceEqualityComparer.Instance);

        public Statement<TRow> For<TRow>(string sql)
        {
            if (!_byReference.TryGetValue(sql, out var statement))
            {
                if (!_statements.TryGetValue(sql, out statement))
                {
                    var command = connection.CreateCommand();
                    command.Transaction = Transaction;
                    command.CommandText = sql;
                    _statements[sql] = statement = new Statement<TRow>(command, sqlite);
                }

                if (_byReference.Count < ReferencesKept)
                {
                    _byReference[sql] = statement;
                }
            }

            if (!ReferenceEquals(statement.Command.Transaction, Transaction))
            {
                statement.Command.Transaction = Transaction;
            }

            return statement as Statement<TRow>
                ?? throw new InvalidOperationException($"The statement is bound with {statement.RowType.Name} rows, not {typeof(TRow).Name}: {sql}");
        }

        /// <summary>How many texts of <see cref="Query"/> one connection keeps at most (each holds a compiled statement).</summary>
        public const int MaxQueries = 64;

        private int _queries;

        /// <summary>The kept command for a query bound from <paramref name="args"/>, or null where it runs through Dapper (see <see cref="QueryAsync{T}"/>).</summary>
        public QueryStatement? Query(string sql, DynamicParameters args)
        {
            if (!sqlite)
            {
                return null;
            }

            if (!_statements.TryGetValue(sql, out var statement))
            {
                if (_queries >= MaxQueries)
                {
                    return null;
                }

                var command = connection.CreateCommand();
                command.CommandText = sql;
                var created = new QueryStatement(command);
                if (!created.CanBind(args))
                {
                    command.Dispose();
                    return null;
                }

                _statements[sql] = statement = created;
                _queries++;
            }

            var query = statement as QueryStatement
                ?? throw new InvalidOperationException($"The statement is bound with {statement.RowType.Name} rows, not parameters: {sql}");
            if (!query.CanBind(args))
            {
                return null;
            }

            if (!ReferenceEquals(query.Command.Transaction, Transaction))
            {
                query.Command.Transaction = Transaction;
            }

            return query;
        }

        public DbCommand? Find(string sql) => _statements.TryGetValue(sql, out var statement) ? statement.Command : null;

        public void Dispose()
        {
            foreach (var statement in _statements.Values)
            {
                statement.Command.Dispose();
            }

            _statements.Clear();
            _byReference.Clear();
            DisposeMultiRow();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var statement in _statements.Values)
            {
                await statement.Command.DisposeAsync();
            }

            _statements.Clear();
            _byReference.Clear();
            DisposeMultiRow();
        }

        // A parameter is @Name; @@ROWCOUNT and the like are not.
        [GeneratedRegex(@"(?<![@\w])@([A-Za-z_][A-Za-z0-9_]*)")]
        internal static partial Regex ParameterPattern();
    }

    private abstract class Statement(DbCommand command)
    {
        public DbCommand Command { get; } = command;

        public abstract Type RowType { get; }
    }

    /// <summary>A SQLite command and a parameter for each name its text uses, bound from <see cref="DynamicParameters"/> by name.</summary>
    private sealed class QueryStatement : Statement
    {
        private readonly (DbParameter Parameter, string Name)[] _bindings;
        private bool _prepare = true;

        public QueryStatement(DbCommand command)
            : base(command)
        {
            _bindings =
            [
                .. PreparedStatements.ParameterPattern().Matches(command.CommandText)
                    .Select(m => m.Groups[1].Value)
                    .Distinct(StringComparer.Ordinal)
                    .Select(name =>
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = "@" + name;
                        command.Parameters.Add(parameter);
                        return (parameter, name);
                    }),
            ];
        }

        public override Type RowType => typeof(DynamicParameters);

        /// <summary>Every name the text uses is in <paramref name="args"/>, with a single value of a type bound here.</summary>
        public bool CanBind(DynamicParameters args)
        {
            var names = args.ParameterNames.ToHashSet(StringComparer.Ordinal);
            return _bindings.All(b => names.Contains(b.Name) && ParameterValues.CanSet(args.Get<object?>(b.Name)));
        }

        public DbDataReader Reader(DynamicParameters args, CancellationToken ct)
        {
            foreach (var (parameter, name) in _bindings)
            {
                ParameterValues.Set(parameter, args.Get<object?>(name), DbType.String, nullIsText: false);
            }

            if (_prepare)
            {
                Command.Prepare();
                _prepare = false;
            }

            ct.ThrowIfCancellationRequested();
            return Command.ExecuteReader();
        }
    }

    /// <summary>A command and, for each parameter its text names, the row property that feeds it.</summary>
    private sealed class Statement<TRow> : Statement
    {
        private readonly (DbParameter Parameter, RowProperty<TRow> Property)[] _bindings;
        private readonly bool _synchronous;
        private bool _prepare;

        public Statement(DbCommand command, bool sqlite)
            : base(command)
        {
            _prepare = sqlite;
            _synchronous = sqlite;
            var names = PreparedStatements.ParameterPattern().Matches(command.CommandText)
                .Select(m => m.Groups[1].Value)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            _bindings =
            [
                .. names.Select(name =>
                {
                    // Like Dapper, a property the text does not name is not sent; unlike SQLite, a name with no property
                    // is an error rather than a silent NULL.
                    var property = RowProperty<TRow>.All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                        ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no property for @{name} in: {command.CommandText}");
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "@" + name;
                    command.Parameters.Add(parameter);
                    return (parameter, property);
                }),
            ];
        }

        public override Type RowType => typeof(TRow);

        public ValueTask<int> ExecuteAsync(TRow row, CancellationToken ct)
        {
            Bind(row);
            if (_synchronous)
            {
                ct.ThrowIfCancellationRequested();
                return new(Command.ExecuteNonQuery());
            }

            return new(Command.ExecuteNonQueryAsync(ct));
        }

        public ValueTask<DbDataReader> ReaderAsync(TRow row, CancellationToken ct)
        {
            Bind(row);
            if (_synchronous)
            {
                ct.ThrowIfCancellationRequested();
                return new(Command.ExecuteReader());
            }

            return new(Command.ExecuteReaderAsync(ct));
        }

        public ValueTask<object?> ScalarAsync(TRow row, CancellationToken ct)
        {
            Bind(row);
            if (_synchronous)
            {
                ct.ThrowIfCancellationRequested();
                return new(Command.ExecuteScalar());
            }

            return new(Command.ExecuteScalarAsync(ct));
        }

        private void Bind(TRow row)
        {
            foreach (var (parameter, property) in _bindings)
            {
                ParameterValues.Set(parameter, property.Get(row), property.NullType, property.NullIsText);
            }

            if (_prepare)
            {
                Command.Prepare();
                _prepare = false;
            }
        }
    }

    /// <summary>A readable property of a row type, with a compiled getter (reflection per value would cost more than the insert).</summary>
    private sealed record RowProperty<TRow>(string Name, Type Type, Func<TRow, object?> Get)
    {
        public DbType NullType { get; } = ParameterValues.NullTypeOf(Type);

        public bool NullIsText { get; } = Type == typeof(string);

        public static readonly RowProperty<TRow>[] All =
        [
            .. typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Select(p =>
                {
                    var row = Expression.Parameter(typeof(TRow), "row");
                    var get = Expression.Lambda<Func<TRow, object?>>(Expression.Convert(Expression.Property(row, p), typeof(object)), row).Compile();
                    return new RowProperty<TRow>(p.Name, p.PropertyType, get);
                }),
        ];
    }
}

/// <summary>Sets a parameter's value exactly as Dapper does through CaseFlow's type handlers (see <see cref="DapperTypeHandlers"/>).</summary>
internal static class ParameterValues
{
    private static readonly DapperTypeHandlers.HundredthsDecimalHandler Decimals = new();
    private static readonly DapperTypeHandlers.UtcInstantHandler Instants = new();
    private static readonly DapperTypeHandlers.DateOnlyHandler Dates = new();

    /// <summary>How a null of a property declared as <paramref name="declared"/> is typed (worked out once per property).</summary>
    public static DbType NullTypeOf(Type declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        return type == typeof(long) ? DbType.Int64
            : type == typeof(int) ? DbType.Int32
            : type == typeof(bool) ? DbType.Boolean
            : DbType.String;
    }

    /// <summary>Whether <see cref="Set"/> binds <paramref name="value"/> (a list, an enum or a <see cref="DateTime"/> it does not).</summary>
    public static bool CanSet(object? value) =>
        value is null or decimal or DateTimeOffset or DateOnly or string or bool or int or long;

    /// <param name="nullType">From <see cref="NullTypeOf"/>: what a null is typed as.</param>
    /// <param name="nullIsText">The property is a string: a null is sized like any short string.</param>
    public static void Set(DbParameter parameter, object? value, DbType nullType, bool nullIsText)
    {
        switch (value)
        {
            case null:
                parameter.DbType = nullType;
                if (nullIsText)
                {
                    parameter.Size = 4000;
                }

                parameter.Value = DBNull.Value;
                break;
            case decimal d:
                Decimals.SetValue(parameter, d);
                break;
            case DateTimeOffset instant:
                Instants.SetValue(parameter, instant);
                break;
            case DateOnly date:
                Dates.SetValue(parameter, date);
                break;
            case string text:
                // Dapper's sizing: one size for every short string, so SQL Server reuses one plan.
                parameter.DbType = DbType.String;
                parameter.Size = text.Length <= 4000 ? 4000 : -1;
                parameter.Value = text;
                break;
            case bool flag:
                parameter.DbType = DbType.Boolean;
                parameter.Value = flag;
                break;
            case int number:
                parameter.DbType = DbType.Int32;
                parameter.Value = number;
                break;
            case long number:
                parameter.DbType = DbType.Int64;
                parameter.Value = number;
                break;
            default:
                throw new ArgumentException($"Cannot bind a {value.GetType().Name}.", nameof(value));
        }
    }
}
