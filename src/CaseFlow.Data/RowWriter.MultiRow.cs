using System.Data.Common;
using System.Globalization;
using System.Text;

namespace CaseFlow.Data;

internal sealed partial class RowWriter
{
    /// <summary>SQLite's default limit of bound variables per statement (SQLITE_MAX_VARIABLE_NUMBER since 3.32).</summary>
    internal const int SqliteMaxParameters = 32_766;

    /// <summary>
    /// How many parameters a multi-row statement binds on SQLite: far below the limit, because Microsoft.Data.Sqlite binds
    /// each parameter by its name and SQLite finds a name by a linear search of the statement's variables, so binding
    /// costs the square of the count. Measured on the shared 2-core machine under load, so roughly (8-column rows,
    /// prepared, re-bound): 5 rows a statement about matched one row a statement, 25 rows ran at half the rate and 100
    /// rows at a quarter. A handful of rows
    /// a statement saves the per-statement cost without paying for the search.
    /// </summary>
    internal const int SqliteParametersPerStatement = 48;

    /// <summary>SQL Server's limit of parameters per request is 2,100; one is kept spare as the client libraries advise.</summary>
    internal const int SqlServerMaxParameters = 2_099;

    /// <summary>SQL Server's limit of row value expressions in one INSERT … VALUES.</summary>
    internal const int SqlServerMaxValuesRows = 1_000;

    /// <summary>
    /// Inserts <paramref name="rows"/> with <paramref name="singleRowInsert"/> (an <c>INSERT INTO … (…) VALUES (…)</c> of
    /// one row, the same text the single-row path runs) rendered as multi-row <c>VALUES (…), (…)</c> statements: as few
    /// as <see cref="RowsPerStatement"/> allows, each row's values bound exactly as <see cref="ExecuteEachAsync"/> binds
    /// them. The rows go in in the order given, so their ids ascend in that order. On a writer without kept commands
    /// it runs the single-row statement per row. Returns the rows affected; no rows, no statement.
    /// </summary>
    public async Task<int> InsertRowsAsync<TRow>(string singleRowInsert, IReadOnlyList<TRow> rows, CancellationToken ct)
        where TRow : notnull
    {
        ArgumentNullException.ThrowIfNull(singleRowInsert);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return 0;
        }

        if (_prepared is null)
        {
            return await ExecuteEachAsync(singleRowInsert, rows, ct);
        }

        var shape = MultiRowShape.Of(singleRowInsert);
        var chunk = RowsPerStatement(shape.Names.Count);
        var affected = 0;
        for (var start = 0; start < rows.Count; start += chunk)
        {
            var count = Math.Min(chunk, rows.Count - start);
            var command = _prepared.MultiRow(singleRowInsert, shape, count);
            var bindings = MultiRowBindings<TRow>.For(shape, singleRowInsert);
            var p = 0;
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                foreach (var property in bindings)
                {
                    ParameterValues.Set(command.Parameters[p++], property.Get(row), property.NullType, property.NullIsText);
                }
            }

            affected += await _prepared.ExecuteMultiRowAsync(command, ct);
        }

        return affected;
    }

    /// <summary>
    /// How many rows of <paramref name="parametersPerRow"/> parameters one statement carries: the same on both engines,
    /// within both engines' limits, so the statements SQL Server gets are the ones the SQLite runs record and replay.
    /// </summary>
    internal static int RowsPerStatement(int parametersPerRow)
    {
        var parameters = Math.Min(SqliteParametersPerStatement, Math.Min(SqliteMaxParameters, SqlServerMaxParameters));
        return Math.Clamp(parameters / Math.Max(1, parametersPerRow), 1, SqlServerMaxValuesRows);
    }

    /// <summary>For each parameter of a shape, the row property that feeds it (worked out once per text and row type).</summary>
    private static class MultiRowBindings<TRow>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RowProperty<TRow>[]> Known = new(StringComparer.Ordinal);

        public static RowProperty<TRow>[] For(MultiRowShape shape, string sql) => Known.GetOrAdd(sql, _ =>
        [
            .. shape.Names.Select(name => RowProperty<TRow>.All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no property for @{name} in: {sql}")),
        ]);
    }

    private sealed partial class PreparedStatements
    {
        // A multi-row text per statement and row count: the full chunks of a batch share one, the last its own.
        private readonly Dictionary<(string Sql, int Rows), DbCommand> _multiRow = [];

        public DbCommand MultiRow(string sql, MultiRowShape shape, int rows)
        {
            if (!_multiRow.TryGetValue((sql, rows), out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = shape.Render(rows);
                for (var r = 0; r < rows; r++)
                {
                    foreach (var name in shape.Names)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = MultiRowShape.ParameterName(name, r);
                        command.Parameters.Add(parameter);
                    }
                }

                _multiRow[(sql, rows)] = command;
            }

            if (!ReferenceEquals(command.Transaction, Transaction))
            {
                command.Transaction = Transaction;
            }

            return command;
        }

        /// <summary>Runs a multi-row command once its parameters are bound: prepared on SQLite, as the kept commands are.</summary>
        public async ValueTask<int> ExecuteMultiRowAsync(DbCommand command, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            if (!sqlite)
            {
                return await command.ExecuteNonQueryAsync(ct);
            }

            return command.ExecuteNonQuery();
        }

        private void DisposeMultiRow()
        {
            foreach (var command in _multiRow.Values)
            {
                command.Dispose();
            }

            _multiRow.Clear();
        }
    }

    /// <summary>A one-row INSERT split around its VALUES tuple, and the parameter names the tuple holds, in order.</summary>
    internal sealed class MultiRowShape
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, MultiRowShape> Shapes = new(StringComparer.Ordinal);

        private readonly string _head;
        private readonly string _tuple;

        private MultiRowShape(string head, string tuple, IReadOnlyList<string> names)
        {
            _head = head;
            _tuple = tuple;
            Names = names;
        }

        /// <summary>The tuple's parameters, each once, in the order they first appear.</summary>
        public IReadOnlyList<string> Names { get; }

        public static MultiRowShape Of(string singleRowInsert) => Shapes.GetOrAdd(singleRowInsert, Parse);

        public static string ParameterName(string name, int row) => string.Create(CultureInfo.InvariantCulture, $"@{name}_{row}");

        /// <summary>The statement for <paramref name="rows"/> rows: each row's tuple with its parameters suffixed by the row's index.</summary>
        public string Render(int rows)
        {
            var text = new StringBuilder(_head.Length + ((_tuple.Length + 8) * rows));
            text.Append(_head);
            for (var r = 0; r < rows; r++)
            {
                if (r > 0)
                {
                    text.Append(",\n       ");
                }

                var row = r;
                text.Append(PreparedStatements.ParameterPattern().Replace(_tuple, m => ParameterName(m.Groups[1].Value, row)));
            }

            return text.ToString();
        }

        private static MultiRowShape Parse(string sql)
        {
            var trimmed = sql.TrimEnd().TrimEnd(';').TrimEnd();
            var values = trimmed.LastIndexOf("VALUES", StringComparison.OrdinalIgnoreCase);
            if (!trimmed.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || values < 0 || !trimmed.EndsWith(')'))
            {
                throw new ArgumentException($"Not a one-row INSERT … VALUES (…): {sql}", nameof(sql));
            }

            var open = trimmed.IndexOf('(', values);
            var tuple = trimmed[open..];
            if (!BalancedAsOne(tuple))
            {
                throw new ArgumentException($"The VALUES of a multi-row insert must be one tuple ending the statement: {sql}", nameof(sql));
            }

            var names = PreparedStatements.ParameterPattern().Matches(tuple)
                .Select(m => m.Groups[1].Value)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new MultiRowShape(trimmed[..open], tuple, names);
        }

        // The tuple opens at its first character and closes at its last: no depth-0 point in between.
        private static bool BalancedAsOne(string tuple)
        {
            var depth = 0;
            for (var i = 0; i < tuple.Length; i++)
            {
                depth += tuple[i] == '(' ? 1 : tuple[i] == ')' ? -1 : 0;
                if (depth == 0 && i < tuple.Length - 1)
                {
                    return false;
                }
            }

            return depth == 0;
        }
    }
}
