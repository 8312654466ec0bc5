namespace CaseFlow.Data.Backups;

/// <summary>
/// Tells a restore that a host has the SQLite file open. Every web host holds a shared lock on
/// <c>&lt;database&gt;.host-lock</c> from before it migrates until it stops; a restore takes the same file's exclusive
/// lock, which the system grants only while no host holds it, and keeps it while it replaces the database, so no host
/// starts on a half-restored file. The operating system drops a lock with its process, so a crashed host leaves none
/// behind, and there is no clock involved (unlike a heartbeat row, which a backup would also copy).
/// </summary>
public sealed class HostLock : IDisposable
{
    private readonly FileStream _stream;

    private HostLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file beside <paramref name="databaseFile"/>.</summary>
    public static string PathFor(string databaseFile) => System.IO.Path.GetFullPath(databaseFile) + ".host-lock";

    /// <summary>A host's lock: any number of hosts hold it together.</summary>
    /// <exception cref="BackupException">A restore is replacing the database right now.</exception>
    public static HostLock Shared(string databaseFile)
    {
        try
        {
            return new HostLock(Open(databaseFile, FileShare.ReadWrite));
        }
        catch (IOException e)
        {
            throw new BackupException($"{databaseFile} is being restored (its lock {PathFor(databaseFile)} is held exclusively): start the host once the restore has finished.", e);
        }
    }

    /// <summary>A restore's lock; null while a host holds the shared one.</summary>
    public static HostLock? TryExclusive(string databaseFile)
    {
        try
        {
            return new HostLock(Open(databaseFile, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();

    private static FileStream Open(string databaseFile, FileShare share)
    {
        var path = PathFor(databaseFile);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
    }
}
