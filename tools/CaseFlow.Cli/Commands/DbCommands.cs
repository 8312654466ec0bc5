using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using CaseFlow.Data;
using CaseFlow.Data.Backups;
using CaseFlow.Data.Migrations;
using CaseFlow.Data.Reports;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow db …</c>: schema migrations, online backup and restore of the embedded SQLite database.</summary>
internal static class DbCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var db = new Command("db", "The database: schema, backup and restore.");
        db.Subcommands.Add(BuildMigrate());
        db.Subcommands.Add(BuildStatus());
        db.Subcommands.Add(BuildBackup(environment));
        db.Subcommands.Add(BuildRestore(environment));
        db.Subcommands.Add(BuildRebuildSummary(environment));
        return db;
    }

    private static Command BuildBackup(CliEnvironment environment)
    {
        var args = new DatabaseArguments();
        var output = new Option<string>("--out", "-o") { Description = "The backup file to write; it must not exist yet.", Required = true };
        var backup = new Command(
            "backup",
            "Write a consistent copy of the SQLite database while hosts keep running (SQLite's online backup), then check it " +
            "(integrity, migration journal). SQLite only: on SQL Server the DBA's own backups apply.")
        {
            output,
        };
        args.AddTo(backup);
        backup.SetAction(environment, async context =>
        {
            var database = new Database(args.Options(context.Result));
            var copy = await SqliteBackup.BackupAsync(database, context.Value(output)!, context.Cancellation);
            await context.Output.WriteLineAsync($"backed up to {copy.Path}: {Describe(copy)}; integrity ok.");
            return 0;
        });
        return backup;
    }

    private static Command BuildRestore(CliEnvironment environment)
    {
        var args = new DatabaseArguments();
        var file = new Argument<string>("FILE") { Description = "The backup to restore (from `caseflow db backup` or the nightly backup folder)." };
        var restore = new Command(
            "restore",
            "Replace the SQLite database with a backup. Refused while a CaseFlow host has the database open; the backup is checked " +
            "first (integrity, migration journal, a schema not newer than this build); the replaced file is kept beside it as " +
            "<file>.replaced-<UTC time>.")
        {
            file,
        };
        args.AddTo(restore);
        restore.SetAction(environment, async context =>
        {
            var database = new Database(args.Options(context.Result));
            var target = database.SqliteFile
                ?? throw new CliFailure("Restore replaces a SQLite database file: name it with --connection (SQL Server is restored by its DBA).");
            var report = await SqliteBackup.RestoreAsync(context.Value(file)!, target, context.Environment.Time, context.Cancellation);
            await context.Output.WriteLineAsync($"restored {report.Restored.Path}: {Describe(report.Restored)}.");
            await context.Output.WriteLineAsync(report.ReplacedKeptAt is { } aside ? $"the replaced database is kept at {aside}" : "there was no database to replace.");
            return 0;
        });
        return restore;
    }

    private static Command BuildRebuildSummary(CliEnvironment environment)
    {
        var args = new DatabaseArguments();
        var rebuild = new Command(
            "rebuild-summary",
            "Recompute the dashboard's per-unit summary (case_summary, case_week_summary) from the cases, in one transaction, " +
            "and say how many of its rows had been wrong. Every write keeps the summary itself; this repairs it after cases were " +
            "changed outside CaseFlow.");
        args.AddTo(rebuild);
        rebuild.SetAction(environment, async context =>
        {
            var services = args.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var database = services.Database;
            var result = await database.InTransactionAsync(
                async (connection, transaction) =>
                {
                    var rebuilt = await CaseSummaryWriter.For(database.Dialect).RebuildAsync(connection, transaction, ct);
                    await services.Audit.WriteAsync(connection, transaction, services.Operator, "summary.rebuild", "case_summary", null, rebuilt, ct);
                    return rebuilt;
                },
                ct);
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"rebuilt the case summary: {result.Cells} cells, {result.UnitWeeks} unit-weeks; {result.WrongCells} cells and {result.WrongUnitWeeks} unit-weeks had been wrong."));
            return 0;
        });
        return rebuild;
    }

    private static string Describe(DatabaseFileSummary file) => string.Create(
        CultureInfo.InvariantCulture,
        $"{file.Cases} cases, last event {(file.LastEventAt is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "none")}, schema {file.SchemaNumber:D4}, {file.Bytes} bytes");

    private static Command BuildMigrate()
    {
        var args = new DatabaseArguments();
        var migrate = new Command(
            "migrate",
            "Apply the pending migrations, in order, each in its own transaction; on SQL Server then install or upgrade Hangfire's schema.");
        args.AddTo(migrate);
        migrate.SetAction((result, ct) => Run(result, args, async (runner, output) =>
        {
            var applied = await runner.MigrateAsync(ct);
            if (applied.Count == 0)
            {
                await output.WriteLineAsync("The schema is up to date: nothing to apply.");
            }

            foreach (var script in applied)
            {
                await output.WriteLineAsync($"applied {script.FileName}");
            }

            if (runner.InstallsHangfireSchema)
            {
                await output.WriteLineAsync($"Hangfire schema [{HangfireSchema.Name}] is at version {HangfireSchema.Version}.");
            }
        }));
        return migrate;
    }

    private static Command BuildStatus()
    {
        var args = new DatabaseArguments();
        var status = new Command("status", "List the applied and the pending migrations.");
        args.AddTo(status);
        status.SetAction((result, ct) => Run(result, args, async (runner, output) =>
        {
            var state = await runner.StatusAsync(ct);
            foreach (var applied in state.Applied)
            {
                await output.WriteLineAsync($"applied  {applied.Number:D4}_{applied.Name}  {applied.AppliedAt:yyyy-MM-dd HH:mm:ss}Z");
            }

            foreach (var pending in state.Pending)
            {
                await output.WriteLineAsync($"pending  {pending.FileName}");
            }

            await output.WriteLineAsync(state.IsUpToDate ? "up to date" : $"{state.Pending.Count} pending");
        }));
        return status;
    }

    private static async Task<int> Run(
        ParseResult result, DatabaseArguments args, Func<MigrationRunner, TextWriter, Task> work)
    {
        var output = result.InvocationConfiguration.Output;
        var error = result.InvocationConfiguration.Error;
        try
        {
            var database = new Database(args.Options(result));
            await work(new MigrationRunner(database, TimeProvider.System), output);
            return 0;
        }
        catch (Exception e) when (e is MigrationException or DbException or InvalidOperationException or ArgumentException)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
