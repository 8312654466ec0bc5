namespace CaseFlow.Data.Calendars;

/// <summary>
/// The calendar snapshot a node computes deadlines on. It is read from the database once and then again only when
/// the calendar's version number has changed, which <see cref="RefreshAsync"/> checks (the host every minute), so a
/// year loaded on one node or by the command line reaches every node without a restart. Thread-safe: the snapshot is
/// replaced whole.
/// </summary>
public sealed class CalendarCache(CalendarStore store) : IDisposable
{
    /// <summary>How often a host asks whether the calendar changed: the promise "within a minute".</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile CalendarSnapshot? _snapshot;

    /// <summary>The snapshot in use; before the first load, the weekends-only calendar (every result flagged).</summary>
    public CalendarSnapshot Snapshot => _snapshot ?? CalendarSnapshot.Empty;

    public bool IsLoaded => _snapshot is not null;

    public void Dispose() => _reload.Dispose();

    /// <summary>Reads the version and, when it differs from the snapshot's (or nothing is loaded yet), the days.</summary>
    /// <returns>True when a new snapshot was taken.</returns>
    public async Task<bool> RefreshAsync(CancellationToken ct = default)
    {
        await _reload.WaitAsync(ct);
        try
        {
            if (_snapshot is { } current && await store.VersionAsync(ct) == current.Version)
            {
                return false;
            }

            _snapshot = await store.LoadAsync(ct);
            return true;
        }
        finally
        {
            _reload.Release();
        }
    }
}
