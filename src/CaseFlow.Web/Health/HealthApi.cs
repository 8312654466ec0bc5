using System.Data.Common;
using CaseFlow.Data;
using CaseFlow.Data.Calendars;
using CaseFlow.Web.Calendars;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseFlow.Web.Health;

/// <summary>
/// Overall health: unhealthy when the database is down or the deadline sweep has stalled; degraded when the scheduler
/// is stopped, the outbox has a backlog or recent failures, a year's calendar is missing or the last good backup is stale.
/// </summary>
public enum HealthStatus
{
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>Whether the database answers.</summary>
public enum DatabaseStatus
{
    Up,
    Down,
}

public sealed record DatabaseHealth(DatabaseStatus Status, DatabaseProvider Provider);

/// <summary>Whether the working-day calendar covers the years deadlines are being counted in (DESIGN §6).</summary>
public enum CalendarStatus
{
    Ok,
    /// <summary>This year's calendar, or from 1 November next year's, is not loaded: limits there count weekends only.</summary>
    Degraded,
}

/// <param name="MissingYears">The years an operator must load (caseflow calendar import, or /admin/calendars).</param>
public sealed record CalendarHealth(CalendarStatus Status, IReadOnlyList<int> MissingYears, IReadOnlyList<int> LoadedYears);

/// <summary>The body of <c>GET /health</c>; <see cref="Backup"/> only where this host takes the nightly backups.</summary>
public sealed record HealthReport(HealthStatus Status, DatabaseHealth Database, SchedulerHealth Scheduler, CalendarHealth Calendar)
{
    /// <summary>The outbound messages; left out where the database does not answer.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public OutboxHealth? Outbox { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public BackupHealth? Backup { get; init; }
}

/// <summary>
/// <c>GET /health</c> for load balancers and monitoring: 200 while the database answers and the timers fire, 503 when
/// the database does not answer or no deadline sweep has completed for three sweep intervals; 200 but degraded while
/// outbound messages wait too long or fail.
/// </summary>
public static class HealthApi
{
    private static readonly TimeSpan DatabaseTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddCaseFlowHealth(this IServiceCollection services)
    {
        services.TryAddSingleton<ISchedulerHealth, NoScheduler>();
        services.TryAddSingleton<IOutboxHealth, NoOutbox>();
        services.TryAddSingleton<IBackupHealth, NoBackups>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (Database database, ISchedulerHealth scheduler, IOutboxHealth outbox, CalendarCache calendars, TimeProvider time,
                    IBackupHealth backups, ILoggerFactory loggers, CancellationToken ct) =>
                CheckAsync(database, scheduler, outbox, calendars, time, loggers, ct, backups))
            .AllowAnonymous().WithTags("Health")
            .WithSummary("Database, scheduler, outbox, calendar and backup health: job servers, the age of the last deadline sweep, pending and failed outbound messages, the calendar years missing, the age of the last good backup.");
        return app;
    }

    internal static async Task<JsonHttpResult<HealthReport>> CheckAsync(
        Database database, ISchedulerHealth scheduler, IOutboxHealth outbox, CalendarCache calendars, TimeProvider time,
        ILoggerFactory loggers, CancellationToken cancellationToken, IBackupHealth? backups = null)
    {
        var databaseStatus = await DatabaseStatusAsync(database, loggers, cancellationToken);
        var schedulerHealth = await scheduler.CheckAsync(cancellationToken);
        var outboxHealth = databaseStatus == DatabaseStatus.Up ? await outbox.CheckAsync(cancellationToken) : null;
        var backup = backups?.Check();
        var missing = calendars.MissingYears(time);
        var calendar = new CalendarHealth(missing.Count > 0 ? CalendarStatus.Degraded : CalendarStatus.Ok, missing, calendars.Snapshot.Years);
        var status = databaseStatus == DatabaseStatus.Down || schedulerHealth.Status == SchedulerStatus.Stalled ? HealthStatus.Unhealthy
            : schedulerHealth.Status == SchedulerStatus.Stopped || outboxHealth is { Status: not OutboxStatus.Ok }
                || calendar.Status == CalendarStatus.Degraded || backup?.Status == BackupStatus.Stale ? HealthStatus.Degraded
            : HealthStatus.Healthy;
        var report = new HealthReport(status, new DatabaseHealth(databaseStatus, database.Provider), schedulerHealth, calendar)
        {
            Outbox = outboxHealth,
            Backup = backup,
        };
        return TypedResults.Json(
            report, statusCode: status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    private static async Task<DatabaseStatus> DatabaseStatusAsync(Database database, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseTimeout);
        try
        {
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: timeout.Token));
            return DatabaseStatus.Up;
        }
        catch (Exception e) when (e is DbException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(HealthApi).FullName!).LogWarning(e, "Health check: the database does not answer");
            return DatabaseStatus.Down;
        }
    }
}

internal sealed class NoOutbox : IOutboxHealth
{
    public Task<OutboxHealth?> CheckAsync(CancellationToken cancellationToken) => Task.FromResult<OutboxHealth?>(null);
}
