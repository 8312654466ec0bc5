using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CaseFlow.Data;

/// <summary>
/// Opens connections for the configured provider and runs units of work. One instance per application;
/// connections are pooled by the providers, so open one per operation and dispose it.
/// <para>
/// On SQLite, <see cref="InTransactionAsync{T}"/> runs on a connection this database holds open between transactions,
/// with the commands kept on it (<see cref="RowWriter.Cached"/>) still prepared, and this database's write transactions
/// queue for it in memory, first come first served, instead of retrying against SQLite's busy timeout: SQLite has one
/// writer at a time anyway. A transaction started inside another one of the same database would wait for itself, so
/// it throws. Writers of other processes (the CLI beside the host) still meet the busy timeout. Whatever replaces or
/// deletes the file must first let go of the held connection (<see cref="ReleaseConnections"/>,
/// <see cref="ReleaseConnectionsTo"/>, <see cref="ReleaseAllConnections"/>). SQL Server keeps ADO.NET's pooling.
/// </para>
/// </summary>
public sealed class Database : IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private static readonly object Configured = new();

    private readonly string _sqlitePragmas = "";

    // Native SQLite connections this database has configured; entries go when the pool drops the connection.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configuredHandles = new();

    private readonly Func<CancellationToken, Task<DbConnection>>? _connect;

    // SQLite only: the held write connection and the in-process queue of write transactions.
    private readonly SqliteWrites? _writes;
    private readonly SqliteReads? _reads;

    public Database(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        DapperTypeHandlers.EnsureRegistered();
        Provider = options.Provider;
        Dialect = SqlDialect.For(options.Provider);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                _connectionString = SqliteConnectionString(options);
                _sqlitePragmas = SqlitePragmas(options.Sqlite);
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException(
                        $"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.ConnectionString)} is required for SQL Server.");
                }

                _connectionString = options.ConnectionString;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            _writes = new SqliteWrites(this);
            _reads = new SqliteReads(this);
            SqliteWrites.Register(this);
        }
    }

    /// <summary>
    /// A database whose open connections come from <paramref name="connect"/>: the data tests run the real code paths
    /// over connections that record every statement, where no SQL Server can run.
    /// </summary>
    internal Database(DatabaseOptions options, Func<CancellationToken, Task<DbConnection>> connect)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(connect);
        _connect = connect;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string in use; for SQLite built from the data folder and file name (absolute), e.g. for Hangfire's SQL Server storage.</summary>
    public string ConnectionString => _connectionString;

    public SqlDialect Dialect { get; }

    /// <summary>The SQLite database file (absolute); null on SQL Server and for an in-memory SQLite database.</summary>
    public string? SqliteFile => Provider == DatabaseProvider.Sqlite ? FileOf(new SqliteConnectionStringBuilder(_connectionString)) : null;

    /// <summary>An open connection; on SQLite with WAL, the configured synchronous level, foreign keys and a busy timeout in effect.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_connect is not null)
        {
            return await _connect(cancellationToken);
        }

        DbConnection connection = Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(_connectionString)
            : new SqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // A pooled SQLite connection keeps its pragmas for its whole life: set them once per native connection,
            // not on every open (a transition opens a connection, and four statements are a measurable share of it).
            if (Provider == DatabaseProvider.Sqlite && ((SqliteConnection)connection).Handle is { } handle
                && !_configuredHandles.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _sqlitePragmas;
                await command.ExecuteNonQueryAsync(cancellationToken);
                _configuredHandles.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="read"/> on an open connection outside any transaction, for the reads every request makes:
    /// on SQLite one of the few connections this database keeps open for them (<see cref="SqliteReads"/>), so the
    /// statements the read keeps with it (<see cref="RowWriter.Cached"/>) are prepared once per connection, not once per
    /// request. <paramref name="read"/> must not keep the connection, begin a transaction on it or change its settings.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_reads is not null && _connect is null)
        {
            return await _reads.RunAsync(read, cancellationToken);
        }

        await using var connection = await OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: committed when it returns, rolled back when it throws.
    /// On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), so a read-then-write
    /// never fails half-way with "database is locked".
    /// </summary>
    /// <exception cref="InvalidOperationException">On SQLite, called inside a transaction of this same database.</exception>
    public async Task<T> InTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_writes is not null && _connect is null)
        {
            return await _writes.RunAsync(work, cancellationToken);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginTransactionAsync(connection, cancellationToken);
        T result;
        try
        {
            result = await work(connection, transaction);
        }
        catch
        {
            await RollbackQuietlyAsync(transaction);
            throw;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <inheritdoc cref="InTransactionAsync{T}"/>
    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync<bool>(
            async (connection, transaction) =>
            {
                await work(connection, transaction);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Begins a write transaction on an open connection of this database (IMMEDIATE on SQLite).</summary>
    public async Task<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection switch
        {
            SqliteConnection sqlite => sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false),
            _ when Provider == DatabaseProvider.Sqlite => await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken),
            _ => await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken),
        };
    }

    /// <summary>
    /// Closes the connections this database holds open for its write transactions and its reads (one in use is closed
    /// when its transaction or read ends). The next ones open fresh: call this before the file is replaced or deleted.
    /// </summary>
    public void ReleaseConnections()
    {
        _writes?.Release();
        _reads?.Release();
    }

    /// <summary>
    /// <see cref="ReleaseConnections"/> for every database of this process on <paramref name="sqliteFile"/>, then
    /// clears SQLite's connection pools: nothing of this process keeps the file open (a restore is about to move it).
    /// </summary>
    public static void ReleaseConnectionsTo(string sqliteFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sqliteFile);
        var file = Path.GetFullPath(sqliteFile);
        SqliteWrites.ReleaseWhere(d => string.Equals(d.SqliteFile, file, StringComparison.Ordinal));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// <see cref="ReleaseConnections"/> for every database of this process, then clears SQLite's connection pools:
    /// what to call instead of <see cref="SqliteConnection.ClearAllPools"/> before deleting database files.
    /// </summary>
    public static void ReleaseAllConnections()
    {
        SqliteWrites.ReleaseWhere(_ => true);
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Releases the held connections; a database used afterwards still works, but holds nothing open.</summary>
    public void Dispose()
    {
        _writes?.Release(final: true);
        _reads?.Release(final: true);
    }

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static async Task RollbackQuietlyAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // The server may already have rolled back (a SQL Server error with XACT_ABORT, a broken
            // connection); the original exception is the one worth reporting.
        }
        catch (InvalidOperationException)
        {
            // Same: the transaction was already completed.
        }
    }

    private static string SqliteConnectionString(DatabaseOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder
            {
                DataSource = Path.GetFullPath(Path.Combine(options.Sqlite.DataFolder, options.Sqlite.FileName)),
            }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        builder.Pooling = true;

        if (FileOf(builder) is { } file)
        {
            var folder = Path.GetDirectoryName(file);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    private static string? FileOf(SqliteConnectionStringBuilder builder)
    {
        var dataSource = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory
            || dataSource.Length == 0
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);
        return inMemory ? null : Path.GetFullPath(dataSource);
    }

    private static string SqlitePragmas(SqliteOptions sqlite)
    {
        if (sqlite.BusyTimeoutMilliseconds < 0)
        {
            throw new InvalidOperationException("Database:Sqlite:BusyTimeoutMilliseconds must not be negative.");
        }

        var synchronous = sqlite.Synchronous switch
        {
            SqliteSynchronous.Off => "OFF",
            SqliteSynchronous.Normal => "NORMAL",
            SqliteSynchronous.Full => "FULL",
            SqliteSynchronous.Extra => "EXTRA",
            _ => throw new InvalidOperationException($"Unknown synchronous level {sqlite.Synchronous}."),
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {sqlite.BusyTimeoutMilliseconds};");
    }
}
