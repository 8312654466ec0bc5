using System.CommandLine;
using System.Data.Common;
using CaseFlow.Data;
using CaseFlow.Data.Migrations;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow db …</c>: schema migrations.</summary>
internal static class DbCommands
{
    public static Command Build()
    {
        var db = new Command("db", "The database schema.");
        db.Subcommands.Add(BuildMigrate());
        db.Subcommands.Add(BuildStatus());
        return db;
    }

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
