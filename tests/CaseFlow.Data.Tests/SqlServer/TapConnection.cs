using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data.Tests.SqlServer;

/// <summary>
/// A connection that logs every statement sent through it. With an inner connection it passes each statement on and
/// logs what came back (read to the end, then handed out again from memory); without one it answers each statement
/// from <see cref="Respond"/>, so the data layer can run over it where no server exists.
/// </summary>
public sealed class TapConnection : DbConnection
{
    private readonly DbConnection? _inner;
    private ConnectionState _state = ConnectionState.Open;

    private TapConnection(DbConnection? inner, Func<TapCommand, CommandKind, CommandOutcome>? respond, CommandLog log)
    {
        _inner = inner;
        Respond = respond;
        Log = log;
    }

    /// <summary>The kind of Execute call a statement came through.</summary>
    public enum CommandKind
    {
        NonQuery,
        Scalar,
        Reader,
    }

    public CommandLog Log { get; }

    internal DbConnection? Inner => _inner;

    internal Func<TapCommand, CommandKind, CommandOutcome>? Respond { get; }

    [AllowNull]
    public override string ConnectionString
    {
        get => _inner?.ConnectionString ?? "Server=tap;Database=caseflow";
        set => throw new NotSupportedException();
    }

    public override string Database => _inner?.Database ?? "caseflow";

    public override string DataSource => _inner?.DataSource ?? "tap";

    public override string ServerVersion => _inner?.ServerVersion ?? "13.0";

    public override ConnectionState State => _inner?.State ?? _state;

    /// <summary>Passes every statement on to <paramref name="inner"/> (open), logging what it returned.</summary>
    public static TapConnection Recording(DbConnection inner, CommandLog log) => new(inner, null, log);

    /// <summary>Answers every statement from <paramref name="respond"/>; nothing is executed anywhere.</summary>
    public static TapConnection Scripted(Func<TapCommand, CommandKind, CommandOutcome> respond, CommandLog log) => new(null, respond, log);

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

    public override void Open()
    {
        if (_inner is null)
        {
            _state = ConnectionState.Open;
        }
        else if (_inner.State != ConnectionState.Open)
        {
            _inner.Open();
        }
    }

    public override void Close()
    {
        _inner?.Close();
        _state = ConnectionState.Closed;
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new TapTransaction(
        this,
        isolationLevel,
        _inner switch
        {
            null => null,
            // As Database begins SQLite write transactions: IMMEDIATE, so a read-then-write never meets "database is locked".
            SqliteConnection sqlite => sqlite.BeginTransaction(isolationLevel, deferred: false),
            _ => _inner.BeginTransaction(isolationLevel),
        });

    protected override DbCommand CreateDbCommand() => new TapCommand(this, _inner?.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
            _state = ConnectionState.Closed;
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_inner is not null)
        {
            await _inner.DisposeAsync();
        }

        _state = ConnectionState.Closed;
        await base.DisposeAsync();
    }
}

/// <summary>A transaction of a <see cref="TapConnection"/>: the inner connection's, or nothing at all.</summary>
public sealed class TapTransaction(TapConnection connection, IsolationLevel isolationLevel, DbTransaction? inner) : DbTransaction
{
    public override IsolationLevel IsolationLevel => isolationLevel;

    internal DbTransaction? Inner => inner;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => inner?.Commit();

    public override void Rollback() => inner?.Rollback();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A command of a <see cref="TapConnection"/>: logs its text and outcome each time it is executed.</summary>
public sealed class TapCommand : DbCommand
{
    private readonly TapConnection _connection;
    private readonly DbCommand? _inner;
    private readonly TapParameterCollection? _parameters;
    private string _text = "";
    private TapTransaction? _transaction;

    internal TapCommand(TapConnection connection, DbCommand? inner)
    {
        _connection = connection;
        _inner = inner;
        _parameters = inner is null ? new TapParameterCollection() : null;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set
        {
            _text = value ?? "";
            _inner?.CommandText = _text;
        }
    }

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <summary>
    /// The names of the parameters the text uses, without their @ prefix, sorted. A value the text does not name reaches
    /// no statement on either engine: Dapper sends every value of a DynamicParameters, a kept command only the named ones.
    /// </summary>
    public IReadOnlyList<string> ParameterNames =>
    [
        .. DbParameterCollection.Cast<DbParameter>()
            .Select(p => p.ParameterName.TrimStart('@', '$', ':'))
            .Where(name => System.Text.RegularExpressions.Regex.IsMatch(
                CommandText, $@"(?<![@\w])@{System.Text.RegularExpressions.Regex.Escape(name)}(?![\w])", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            .Order(StringComparer.Ordinal),
    ];

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            if (value != _connection)
            {
                throw new NotSupportedException("A tap command stays on its connection.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _inner?.Parameters ?? _parameters!;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = (TapTransaction?)value;
            _inner?.Transaction = _transaction?.Inner;
        }
    }

    public override void Cancel() => _inner?.Cancel();

    public override void Prepare() => _inner?.Prepare();

    public override int ExecuteNonQuery() => ((RowsAffected)Run(TapConnection.CommandKind.NonQuery)).Count;

    public override object? ExecuteScalar() => ((ScalarValue)Run(TapConnection.CommandKind.Scalar)).Value;

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        new TapReader(((ResultSets)Run(TapConnection.CommandKind.Reader, behavior)).Sets);

    protected override DbParameter CreateDbParameter() => _inner?.CreateParameter() ?? new TapParameter();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner?.Dispose();
        }

        base.Dispose(disposing);
    }

    private CommandOutcome Run(TapConnection.CommandKind kind, CommandBehavior behavior = CommandBehavior.Default)
    {
        CommandOutcome outcome;
        try
        {
            outcome = _inner is null ? _connection.Respond!(this, kind) : Execute(_inner, kind, behavior);
        }
        catch (DbException e)
        {
            _connection.Log.Add(new SentCommand(_connection.Log.Step, _text, ParameterNames, new Failed(e.Message)));
            throw;
        }

        _connection.Log.Add(new SentCommand(_connection.Log.Step, _text, ParameterNames, outcome));
        return outcome is Failed failed ? throw new TapException(failed.Message) : outcome;
    }

    private static CommandOutcome Execute(DbCommand inner, TapConnection.CommandKind kind, CommandBehavior behavior)
    {
        switch (kind)
        {
            case TapConnection.CommandKind.NonQuery:
                return new RowsAffected(inner.ExecuteNonQuery());
            case TapConnection.CommandKind.Scalar:
                return new ScalarValue(inner.ExecuteScalar());
            default:
                var sets = new List<ResultSet>();
                using (var reader = inner.ExecuteReader(behavior))
                {
                    do
                    {
                        sets.Add(ReadSet(reader));
                    }
                    while (reader.NextResult());
                }

                return new ResultSets(sets);
        }
    }

    private static ResultSet ReadSet(DbDataReader reader)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        Type[]? types = null;
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            // Types as the reader reports them on the first row, which is when Dapper asks.
            types ??= [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType)];
            var values = new object?[reader.FieldCount];
            reader.GetValues(values!);
            rows.Add(values);
        }

        types ??= [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType)];
        return new ResultSet(names, types, rows);
    }
}

/// <summary>What a scripted statement throws when its recorded original failed.</summary>
public sealed class TapException(string message) : DbException(message);

/// <summary>A plain parameter: neither SQLite's nor SQL Server's, so the type handlers take their SQL Server branch.</summary>
public sealed class TapParameter : DbParameter
{
    public override DbType DbType { get; set; } = DbType.String;

    public override ParameterDirection Direction { get; set; } = ParameterDirection.Input;

    public override bool IsNullable { get; set; }

    [AllowNull]
    public override string ParameterName { get; set; } = "";

    public override int Size { get; set; }

    [AllowNull]
    public override string SourceColumn { get; set; } = "";

    public override bool SourceColumnNullMapping { get; set; }

    public override object? Value { get; set; }

    public override void ResetDbType() => DbType = DbType.String;
}

/// <summary>The parameters of a scripted <see cref="TapCommand"/>.</summary>
[SuppressMessage("Design", "CA1010", Justification = "ADO.NET base type.")]
public sealed class TapParameterCollection : DbParameterCollection
{
    private readonly List<DbParameter> _items = [];

    public override int Count => _items.Count;

    public override object SyncRoot => _items;

    public override int Add(object value)
    {
        _items.Add((DbParameter)value);
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            Add(value);
        }
    }

    public override void Clear() => _items.Clear();

    public override bool Contains(object value) => _items.Contains((DbParameter)value);

    public override bool Contains(string value) => IndexOf(value) >= 0;

    public override void CopyTo(Array array, int index) => ((System.Collections.ICollection)_items).CopyTo(array, index);

    public override System.Collections.IEnumerator GetEnumerator() => _items.GetEnumerator();

    public override int IndexOf(object value) => _items.IndexOf((DbParameter)value);

    public override int IndexOf(string parameterName) =>
        _items.FindIndex(p => string.Equals(p.ParameterName.TrimStart('@'), parameterName.TrimStart('@'), StringComparison.OrdinalIgnoreCase));

    public override void Insert(int index, object value) => _items.Insert(index, (DbParameter)value);

    public override void Remove(object value) => _items.Remove((DbParameter)value);

    public override void RemoveAt(int index) => _items.RemoveAt(index);

    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOf(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) => _items[IndexOf(parameterName)];

    protected override void SetParameter(int index, DbParameter value) => _items[index] = value;

    protected override void SetParameter(string parameterName, DbParameter value) => _items[IndexOf(parameterName)] = value;
}

/// <summary>Result sets held in memory, read as a provider's reader is.</summary>
[SuppressMessage("Design", "CA1010", Justification = "ADO.NET base type.")]
public sealed class TapReader(IReadOnlyList<ResultSet> sets) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private ResultSet? Current => _set < sets.Count ? sets[_set] : null;

    public override int Depth => 0;

    public override int FieldCount => Current?.Names.Count ?? 0;

    public override bool HasRows => Current is { Rows.Count: > 0 };

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => Current is { } set && ++_row < set.Rows.Count;

    public override bool NextResult()
    {
        _row = -1;
        return ++_set < sets.Count;
    }

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => Current!.Names[ordinal];

    public override int GetOrdinal(string name)
    {
        var names = Current!.Names;
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "No such column.");
    }

    public override Type GetFieldType(int ordinal) => Current!.Types[ordinal];

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal).Name;

    public override object GetValue(int ordinal) => Current!.Rows[_row][ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++)
        {
            values[i] = GetValue(i);
        }

        return n;
    }

    public override bool IsDBNull(int ordinal) => GetValue(ordinal) is DBNull;

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override char GetChar(int ordinal) => Convert.ToChar(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw new NotSupportedException();

    public override DateTime GetDateTime(int ordinal) => Convert.ToDateTime(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => Convert.ToDouble(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => (Guid)GetValue(ordinal);

    public override short GetInt16(int ordinal) => Convert.ToInt16(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => (string)GetValue(ordinal);

    public override System.Collections.IEnumerator GetEnumerator() => new DbEnumerator(this);
}
