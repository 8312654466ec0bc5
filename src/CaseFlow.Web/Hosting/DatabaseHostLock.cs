using CaseFlow.Data;
using CaseFlow.Data.Backups;

namespace CaseFlow.Web.Hosting;

/// <summary>
/// This host's share of the SQLite file's <see cref="HostLock"/>, taken before the migrations run and held until the
/// host stops, so that <c>caseflow db restore</c> refuses while the host has the database open.
/// </summary>
public sealed class DatabaseHostLock : IDisposable
{
    private HostLock? _held;

    /// <exception cref="BackupException">A restore holds the database.</exception>
    public void Take(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (_held is null && database.SqliteFile is { } file)
        {
            _held = HostLock.Shared(file);
        }
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
