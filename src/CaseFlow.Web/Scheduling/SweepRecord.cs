using System.Globalization;
using CaseFlow.Data.Deadlines;
using Hangfire;

namespace CaseFlow.Web.Scheduling;

/// <summary>What the last completed sweep pass did and when, as <c>/health</c> reads it.</summary>
public sealed record SweepPass(DateTimeOffset CompletedAt, int Due, int Transitions, int Skipped);

/// <summary>
/// The last completed sweep pass, kept in Hangfire's storage: on SQL Server every node sees the one the lock holder
/// wrote, so a node that skips because another sweeps is not reported stale. A pass is one batch of due rows settled
/// and committed, so a long drain after an outage keeps the record fresh while it works through the backlog.
/// </summary>
public sealed class SweepRecord(JobStorage storage, TimeProvider time)
{
    private const string Key = "caseflow:deadline-sweep";

    public void Completed(SweepResult pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(Key, new Dictionary<string, string>
        {
            ["completed-at"] = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["due"] = pass.Due.ToString(CultureInfo.InvariantCulture),
            ["transitions"] = pass.Transitions.ToString(CultureInfo.InvariantCulture),
            ["skipped"] = pass.Skipped.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The last pass any node completed in this storage; null before the first.</summary>
    public SweepPass? Last()
    {
        using var connection = storage.GetConnection();
        var entries = connection.GetAllEntriesFromHash(Key);
        if (entries is null || !entries.TryGetValue("completed-at", out var completedAt)
            || !DateTimeOffset.TryParse(completedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at))
        {
            return null;
        }

        return new SweepPass(at, Count(entries, "due"), Count(entries, "transitions"), Count(entries, "skipped"));
    }

    private static int Count(Dictionary<string, string> entries, string name) =>
        entries.TryGetValue(name, out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
