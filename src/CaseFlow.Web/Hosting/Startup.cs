using System.Data.Common;
using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Calendars;
using CaseFlow.Data.Migrations;
using CaseFlow.Domain.Calendar;
using CaseFlow.Domain.Grading;
using CaseFlow.Web.Auth;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Demo;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Hosting;

/// <summary>What runs once before the host takes requests: configuration checks, migrations, demo data.</summary>
public static class Startup
{
    /// <exception cref="InvalidOperationException">The configuration is not usable; the message lists every problem.</exception>
    public static async Task PrepareAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(Startup).FullName!);

        var problems = ConfigurationProblems(services);
        if (problems.Count > 0)
        {
            var message = "CaseFlow cannot start; fix the configuration:" + string.Concat(problems.Select(p => Environment.NewLine + "- " + p));
            logger.LogCritical("{Message}", message);
            throw new InvalidOperationException(message);
        }

        var database = services.GetRequiredService<Database>();
        try
        {
            services.GetRequiredService<DatabaseHostLock>().Take(database);
        }
        catch (Data.Backups.BackupException e)
        {
            logger.LogCritical("CaseFlow cannot start: {Reason}", e.Message);
            throw new InvalidOperationException("CaseFlow cannot start: " + e.Message, e);
        }

        // The backups' age counts from here until the first one is taken.
        services.GetService<Scheduling.BackupStatusReader>();

        var migrateOnStart = database.Provider == DatabaseProvider.Sqlite
            || app.Configuration.GetValue<bool>($"{DatabaseOptions.SectionName}:MigrateOnStart");
        if (migrateOnStart)
        {
            var applied = await new MigrationRunner(database, services.GetRequiredService<TimeProvider>()).MigrateAsync(cancellationToken);
            logger.LogInformation(
                "Database ({Provider}): {Applied}", database.Provider, applied.Count == 0 ? "up to date" : "applied " + string.Join(", ", applied.Select(s => s.Path)));
        }

        // Deadlines need the calendar before the first request; the refresher keeps it current afterwards.
        var calendars = services.GetService<CalendarCache>();
        if (calendars is not null)
        {
            try
            {
                await calendars.RefreshAsync(cancellationToken);
            }
            catch (DbException e)
            {
                logger.LogWarning(e, "The working-day calendar could not be read at start; deadlines use weekends only until it can");
            }
        }

        if (app.Environment.IsDevelopment())
        {
            await services.GetRequiredService<DemoSeeder>().RunAsync(cancellationToken);
        }

        // Parties written before migration 0008, or by the CLI (which runs without the key), get their number hashes.
        var hashed = await services.GetRequiredService<PartyNumberBackfill>().RunAsync(cancellationToken);
        if (hashed > 0)
        {
            logger.LogInformation("Search by number: hashed the numbers of {Parties} parties", hashed);
        }
    }

    /// <summary>Every problem of every validated section, prefixed with its section where the options do not say it.</summary>
    internal static IReadOnlyList<string> ConfigurationProblems(IServiceProvider services)
    {
        var problems = new List<string>();
        problems.AddRange(services.GetRequiredService<IOptions<GradingOptions>>().Value.Validate().Select(p => $"{GradingOptions.SectionName}: {p}"));
        problems.AddRange(services.GetRequiredService<IOptions<TimeLimitOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<HostingOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<AuthOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<PersonalDataOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<Operations.MetricsOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<Domain.Enterprises.EnterpriseRegisterOptions>>().Value.Validate());
        problems.AddRange(services.GetRequiredService<IOptions<DashboardOptions>>().Value.Validate());
        return problems;
    }
}
