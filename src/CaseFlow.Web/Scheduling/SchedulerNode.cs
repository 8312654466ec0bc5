namespace CaseFlow.Web.Scheduling;

/// <summary>This host's Hangfire server: the name it announces itself under, and when its scheduling started.</summary>
public sealed class SchedulerNode
{
    /// <summary>Machine name plus a suffix of its own, so that two hosts in one process (tests, a benchmark) are told apart.</summary>
    public string ServerName { get; } = $"caseflow-{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();

    private readonly Lock _gate = new();
    private DateTimeOffset? _startedAt;

    /// <summary>Set when the recurring jobs are registered at start; the age of a sweep that never completed counts from here.</summary>
    public DateTimeOffset? StartedAt
    {
        get
        {
            lock (_gate)
            {
                return _startedAt;
            }
        }

        internal set
        {
            // Written by the starting host while /health may read it: a nullable struct is not written atomically.
            lock (_gate)
            {
                _startedAt = value;
            }
        }
    }

    /// <summary>Whether a server id from Hangfire's monitoring API (<c>name:guid</c>) is this host's server.</summary>
    public bool Owns(string serverId)
    {
        ArgumentNullException.ThrowIfNull(serverId);
        return serverId.StartsWith(ServerName + ":", StringComparison.OrdinalIgnoreCase);
    }
}
