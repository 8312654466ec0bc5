using System.CommandLine;
using CaseFlow.Data.Audit;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow audit …</c>: the audit log's retention.</summary>
internal static class AuditCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var audit = new Command("audit", "The audit log.");
        audit.Subcommands.Add(BuildArchive(environment));
        return audit;
    }

    private static Command BuildArchive(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var retention = new Option<int>("--retention-days")
        {
            Description = $"Keep the rows of the last N days in the database; at least {AuditRetention.MinimumDays} (网络安全法 Art 21: six months).",
            DefaultValueFactory = _ => AuditRetention.MinimumDays,
        };
        retention.Validators.Add(r =>
        {
            if (AuditRetention.Problem(r.GetValueOrDefault<int>()) is { } problem)
            {
                r.AddError(problem);
            }
        });
        var folder = new Option<string>("--out-folder", "-o") { Description = "Where the export file and its .sha256 go.", Required = true };
        var archive = new Command(
            "archive",
            "Move the audit rows older than the retention to a dated JSON-lines file with a SHA-256 checksum file, then delete them " +
            "from the database in one transaction that also records the archive and audits the run.")
        {
            retention, folder,
        };
        db.AddTo(archive);
        archive.SetAction(environment, async context =>
        {
            var services = db.Services(context);
            await services.EnsureMigratedAsync(context.Cancellation);
            var archiver = new AuditArchiver(services.Database, services.Audit, services.Time);
            var result = await archiver.ArchiveAsync(context.Value(retention), context.Value(folder)!, services.Operator, context.Cancellation);
            var cutoff = result.Cutoff.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            await context.Output.WriteLineAsync(result.File is { } file
                ? $"archived {result.Rows} audit rows from before {cutoff} to {file} (sha256 {result.Sha256}); deleted them from the database."
                : $"no audit rows from before {cutoff}: nothing archived.");
            return 0;
        });
        return archive;
    }
}
