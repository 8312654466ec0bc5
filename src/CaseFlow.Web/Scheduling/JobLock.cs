using Hangfire;
using Hangfire.Storage;

namespace CaseFlow.Web.Scheduling;

/// <summary>
/// The lock each job runs under: Hangfire's distributed lock in its storage (sp_getapplock on SQL Server, the process on
/// memory storage), taken with zero timeout. A run that finds it held skips and succeeds, instead of failing the way
/// <c>[DisableConcurrentExecution]</c> turns a busy lock into a failed job. The jobs stay idempotent without it (the
/// deadline rows are claimed one by one); the lock only keeps two runs from doing the same work side by side.
/// </summary>
internal static class JobLock
{
    /// <returns>The held lock, to dispose when the run ends; null when another node or run holds it (logged).</returns>
    public static IDisposable? TryAcquire(JobStorage storage, string resource, ILogger logger)
    {
        // On SQL Server the lock belongs to the connection's session: the connection lives as long as the lock.
        var connection = storage.GetConnection();
        try
        {
            return new Held(connection.AcquireDistributedLock(resource, TimeSpan.Zero), connection);
        }
        catch (DistributedLockTimeoutException)
        {
            connection.Dispose();
            logger.LogInformation("Skipped: another node or run holds {Resource}", resource);
            return null;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IDisposable handle, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            handle.Dispose();
            connection.Dispose();
        }
    }
}
