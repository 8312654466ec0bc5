using System.CommandLine;
using CaseFlow.Cli.Files;
using CaseFlow.Data.Audit;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Ledgers;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow export</c>: cases as a ledger (台账) in the import's own columns.</summary>
internal static class ExportCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var format = new Option<string?>("--format", "-f") { Description = "xlsx or csv; default from the --out file's extension.", HelpName = "xlsx|csv" };
        format.AcceptOnlyFromAmong("xlsx", "csv");
        var output = new Option<string>("--out", "-o") { Description = "The file to write.", Required = true };
        var states = new Option<CaseState[]>("--state")
        {
            Description = "Only cases in these states (repeatable), e.g. Level1AwaitingAcceptance, Level2InMediation, AgreementReached, Closed.",
            AllowMultipleArgumentsPerToken = true,
        };
        var color = new Option<RiskColor?>("--color") { Description = "Only cases of this colour.", HelpName = "red|orange|yellow" };
        var level = new Option<int?>("--level") { Description = "Only cases at this mediation level (1 to 3)." };
        level.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } l && l is < 1 or > 3)
            {
                r.AddError("--level must be 1, 2 or 3.");
            }
        });
        var unit = CliUnits.Option("Only cases handled by this unit or a unit below it.");
        var overdue = new Option<bool>("--overdue") { Description = "Only cases past their nearest deadline." };
        var open = new Option<bool>("--open") { Description = "Only open cases (not closed, withdrawn or rejected)." };
        var text = new Option<string?>("--text") { Description = "Only cases whose number, enterprise or a worker's name contains this." };
        var user = CliOptions.User("exports: only their jurisdiction's cases");
        var reveal = new Option<bool>("--reveal")
        {
            Description = "Write ID-card and phone numbers in clear (needed to import the file again). Needs --user with a role that may see them " +
                "(mediator, township, manager); every case revealed is audited in that user's name.",
        };

        var command = new Command(
            "export",
            "Export cases (the case list's filters and jurisdiction) as a ledger, one row per worker, in the columns the import reads " +
            "plus 案件编号. ID-card and phone numbers are masked unless --reveal.")
        {
            format, output, states, color, level, unit, overdue, open, text, user, reveal,
        };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var path = context.Value(output)!;
            var chosen = context.Value(format) is { } f ? (f == "csv" ? TableFormat.Csv : TableFormat.Xlsx) : TableFiles.FormatOf(path)
                ?? throw new CliFailure($"Cannot tell the format of {path}: give --format xlsx or --format csv.");
            var username = context.Value(user);
            if (context.Value(reveal) && username is null)
            {
                throw new CliFailure("--reveal needs --user: clear personal numbers are shown only to a named user, and audited.");
            }

            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var scope = "/";
            AuditActor? revealTo = null;
            if (username is not null)
            {
                var account = await services.UserAsync(username, needsCaseRole: context.Value(reveal), ct);
                scope = account.Unit.Path;
                revealTo = context.Value(reveal) ? new AuditActor(account.Id, account.Username) : null;
            }

            var filter = new CaseFilter
            {
                States = context.Value(states) is { Length: > 0 } s ? s : null,
                Color = context.Value(color),
                Level = context.Value(level),
                UnitId = context.Value(unit) is { } unitText ? (await CliUnits.ResolveAsync(services, unitText, ct)).Id : null,
                Overdue = context.Value(overdue),
                OpenOnly = context.Value(open),
                Text = context.Value(text),
            };
            var export = await CliProgress.RunAsync(context, "exporting cases", 0, progress =>
                services.Exporter.ExportAsync(filter, scope, revealTo, $"export to {Path.GetFileName(path)}", new CountProgress(progress), ct));
            TableFiles.Write(path, chosen, "台账", LedgerColumns.Export, [.. export.Rows.Select(r => r.Cells.ToArray())]);
            var revealed = revealTo is null ? "ID and phone numbers masked" : $"ID and phone numbers revealed to {revealTo.Username}, {export.Cases} reveals audited";
            await context.Output.WriteLineAsync($"exported {export.Cases} cases ({export.Rows.Count} worker rows) to {path}; {revealed}.");
            return 0;
        });
        return command;
    }

    private sealed class CountProgress(ProgressReporter inner) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            inner.SetTotal(value.Total);
            inner.Report(value.Done);
        }
    }
}
