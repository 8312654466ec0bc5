namespace CaseFlow.Data;

/// <summary>Which database engine CaseFlow talks to.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels.</summary>
public enum SqliteSynchronous
{
    Off,
    Normal,
    Full,
    Extra,
}

/// <summary>Where the data lives; bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server. For SQLite it overrides <see cref="SqliteOptions.DataFolder"/> and <see cref="SqliteOptions.FileName"/>.</summary>
    public string? ConnectionString { get; set; }

    public SqliteOptions Sqlite { get; set; } = new();
}

/// <summary>SQLite settings, under <c>Database:Sqlite</c>.</summary>
public sealed class SqliteOptions
{
    /// <summary>Relative paths resolve against the process's current directory; the folder is created on first use.</summary>
    public string DataFolder { get; set; } = "./data";

    public string FileName { get; set; } = "caseflow.db";

    /// <summary>FULL by default: with WAL, NORMAL may lose the last commits on power loss, and a case transition must not vanish.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a writer waits for another writer's lock before failing.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 5000;
}
