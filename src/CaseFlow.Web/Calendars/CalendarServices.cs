using CaseFlow.Data.Audit;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Deadlines;
using CaseFlow.Domain;
using CaseFlow.Domain.Calendar;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseFlow.Web.Calendars;

/// <summary>Registration of the calendar snapshot, its refresher and the yearly load.</summary>
public static class CalendarServices
{
    public static IServiceCollection AddCaseFlowCalendars(this IServiceCollection services)
    {
        services.TryAddSingleton<CalendarStore>();
        services.TryAddSingleton<CalendarCache>();
        services.AddSingleton<DeadlineRecomputer>();
        services.AddSingleton<CalendarLoader>();
        services.AddHostedService<CalendarRefresher>();
        return services;
    }

    /// <summary>The years missing now that admins and managers are warned about (this one; from 1 November the next).</summary>
    public static IReadOnlyList<int> MissingYears(this CalendarCache cache, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(time);
        return CalendarCoverage.MissingYears(cache.Snapshot.Calendar, ChinaTime.DateOf(time.GetUtcNow()));
    }
}

/// <summary>
/// Asks the database every minute whether the calendar's version changed and, if so, reloads it: the host computes
/// deadlines on a year loaded elsewhere (another node, the command line) within a minute, without a restart.
/// </summary>
public sealed partial class CalendarRefresher(CalendarCache cache, TimeProvider time, ILogger<CalendarRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CalendarCache.CheckInterval, time);
        do
        {
            try
            {
                if (await cache.RefreshAsync(stoppingToken))
                {
                    LogLoaded(logger, string.Join(", ", cache.Snapshot.Years), cache.Snapshot.Version);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not migrated yet: the old snapshot stays and the next tick tries again.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar loaded: years {Years}, version {Version}")]
    private static partial void LogLoaded(ILogger logger, string years, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The working-day calendar could not be read; the previous one stays in use")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>What loading a year's file through the host did: the check, the write and the recomputation.</summary>
public sealed record CalendarLoadOutcome(CalendarYearCheck Check, CalendarImportResult? Import, RecomputeResult? Recompute);

/// <summary>
/// The yearly calendar step for the admin page: check the whole file, write it only when every line is good, take the
/// new snapshot on this node at once, and recompute the open deadlines that touch the year.
/// </summary>
public sealed class CalendarLoader(CalendarStore store, CalendarCache cache, DeadlineRecomputer recomputer)
{
    public async Task<CalendarLoadOutcome> LoadAsync(int year, string text, string? source, AuditActor actor, CancellationToken ct)
    {
        var check = CalendarYearFile.Check(text, year);
        if (!check.IsValid)
        {
            return new CalendarLoadOutcome(check, null, null);
        }

        var import = await store.ImportAsync(year, check.Days, source, actor, ct);
        await cache.RefreshAsync(ct);
        var recompute = import.Changed ? await recomputer.RecomputeAsync(year, import.Version, actor, ct: ct) : new RecomputeResult(0, 0, 0);
        return new CalendarLoadOutcome(check, import, recompute);
    }
}
