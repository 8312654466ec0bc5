using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace CaseFlow.Data;

/// <summary>
/// Runs the data layer's write statements inside the caller's transaction. Each INSERT or UPDATE is written once,
/// beside its caller, with a row type whose properties are its parameters; a writer decides only how the statement
/// reaches the engine. <see cref="Dapper"/> suits a use case's handful of rows. <see cref="PreparedRowWriter"/> suits
/// a batch of thousands: each statement is prepared once and re-bound for every row, with values converted as
/// Dapper converts them, so both store the same bytes.
/// </summary>
internal abstract class RowWriter(DbConnection connection, DbTransaction? transaction)
{
    public DbConnection Connection { get; } = connection ?? throw new ArgumentNullException(nameof(connection));

    public DbTransaction? Transaction { get; } = transaction;

    /// <summary>Runs each statement through Dapper, as any other query of the data layer.</summary>
    public static RowWriter Dapper(DbConnection connection, DbTransaction? transaction) => new DapperRowWriter(connection, transaction);

    /// <summary>Runs <paramref name="sql"/> once with <paramref name="row"/>'s values; returns the rows affected.</summary>
    public abstract Task<int> ExecuteAsync<TRow>(string sql, TRow row, CancellationToken ct)
        where TRow : notnull;

    /// <summary>Runs <paramref name="sql"/> once per row; returns the rows affected in all. No rows, no statement.</summary>
    public abstract Task<int> ExecuteEachAsync<TRow>(string sql, IEnumerable<TRow> rows, CancellationToken ct)
        where TRow : notnull;

    /// <summary>Runs an insert made by <see cref="SqlDialect.InsertReturningId"/> and returns the new id.</summary>
    public abstract Task<long> InsertReturningIdAsync<TRow>(string sql, TRow row, CancellationToken ct)
        where TRow : notnull;

    /// <summary>A collection passed as one row would run once per element through Dapper, and fail on a prepared command.</summary>
    private protected static void EnsureOneRow<TRow>(TRow row)
    {
        if (row is System.Collections.IEnumerable)
        {
            throw new ArgumentException($"A {typeof(TRow).Name} is many rows: write them with {nameof(ExecuteEachAsync)}.", nameof(row));
        }
    }

    private sealed class DapperRowWriter(DbConnection connection, DbTransaction? transaction) : RowWriter(connection, transaction)
    {
        public override Task<int> ExecuteAsync<TRow>(string sql, TRow row, CancellationToken ct)
        {
            EnsureOneRow(row);
            return Connection.ExecuteAsync(new CommandDefinition(sql, row, Transaction, cancellationToken: ct));
        }

        // Dapper runs an enumerable parameter row by row on one command.
        public override Task<int> ExecuteEachAsync<TRow>(string sql, IEnumerable<TRow> rows, CancellationToken ct) =>
            Connection.ExecuteAsync(new CommandDefinition(sql, rows, Transaction, cancellationToken: ct));

        public override Task<long> InsertReturningIdAsync<TRow>(string sql, TRow row, CancellationToken ct)
        {
            EnsureOneRow(row);
            return Connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, row, Transaction, cancellationToken: ct));
        }
    }
}

/// <summary>
/// Keeps one command per statement text for the life of a transaction: the first row prepares it (on SQLite; SQL
/// Server caches the plans of parameterised statements itself and would want a size for every parameter first),
/// later rows only re-bind the values. Dispose it before the transaction commits.
/// </summary>
internal sealed partial class PreparedRowWriter(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    : RowWriter(connection, transaction), IAsyncDisposable
{
    private readonly bool _prepare = dialect.Provider == DatabaseProvider.Sqlite;
    private readonly Dictionary<string, Statement> _statements = new(StringComparer.Ordinal);

    public override Task<int> ExecuteAsync<TRow>(string sql, TRow row, CancellationToken ct)
    {
        EnsureOneRow(row);
        return StatementFor<TRow>(sql).Bind(row).ExecuteNonQueryAsync(ct);
    }

    public override async Task<int> ExecuteEachAsync<TRow>(string sql, IEnumerable<TRow> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var affected = 0;
        foreach (var row in rows)
        {
            affected += await ExecuteAsync(sql, row, ct);
        }

        return affected;
    }

    public override async Task<long> InsertReturningIdAsync<TRow>(string sql, TRow row, CancellationToken ct)
    {
        EnsureOneRow(row);
        return Convert.ToInt64(await StatementFor<TRow>(sql).Bind(row).ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var statement in _statements.Values)
        {
            await statement.Command.DisposeAsync();
        }

        _statements.Clear();
    }

    private Statement<TRow> StatementFor<TRow>(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            _statements[sql] = statement = new Statement<TRow>(command, _prepare);
        }

        return statement as Statement<TRow>
            ?? throw new InvalidOperationException($"The statement is bound with {statement.RowType.Name} rows, not {typeof(TRow).Name}: {sql}");
    }

    // A parameter is @Name; @@ROWCOUNT and the like are not.
    [GeneratedRegex(@"(?<![@\w])@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ParameterPattern();

    private abstract class Statement(DbCommand command)
    {
        public DbCommand Command { get; } = command;

        public abstract Type RowType { get; }
    }

    /// <summary>A command and, for each parameter its text names, the row property that feeds it.</summary>
    private sealed class Statement<TRow> : Statement
    {
        private readonly (DbParameter Parameter, RowProperty<TRow> Property)[] _bindings;
        private bool _prepare;

        public Statement(DbCommand command, bool prepare)
            : base(command)
        {
            _prepare = prepare;
            var names = ParameterPattern().Matches(command.CommandText).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase);
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

        public DbCommand Bind(TRow row)
        {
            foreach (var (parameter, property) in _bindings)
            {
                ParameterValues.Set(parameter, property.Get(row), property.Type);
            }

            if (_prepare)
            {
                Command.Prepare();
                _prepare = false;
            }

            return Command;
        }
    }

    /// <summary>A readable property of a row type, with a compiled getter (reflection per value would cost more than the insert).</summary>
    private sealed record RowProperty<TRow>(string Name, Type Type, Func<TRow, object?> Get)
    {
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

    /// <param name="declared">The row property's type: what a null is typed as.</param>
    public static void Set(DbParameter parameter, object? value, Type declared)
    {
        switch (value)
        {
            case null:
                parameter.DbType = (Nullable.GetUnderlyingType(declared) ?? declared) switch
                {
                    var t when t == typeof(long) => DbType.Int64,
                    var t when t == typeof(int) => DbType.Int32,
                    var t when t == typeof(bool) => DbType.Boolean,
                    _ => DbType.String,
                };
                if (declared == typeof(string))
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
