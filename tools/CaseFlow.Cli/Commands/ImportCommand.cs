using System.CommandLine;
using CaseFlow.Cli.Files;
using CaseFlow.Data.Ledgers;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow import</c>: a union's dispute ledger (台账) into registered, graded and routed cases.</summary>
internal static class ImportCommand
{
    public static readonly string Help =
        "Import a dispute ledger (台账, .csv or .xlsx, first sheet) with the columns " +
        string.Join(", ", LedgerColumns.Ledger) + " (处理情况 optional), and optionally " + string.Join(", ", LedgerColumns.Additional) + " (other columns ignored). " +
        "One row per worker: the rows that share 登记日期 and 统一社会信用代码 are one case, and must agree on 企业名称, 涉及人数, 争议类型 and 所属乡镇. " +
        "Every row is checked first (dates within the last year and not in the future, credit-code and ID check characters, mobile numbers, " +
        "amounts ≥ 0 with at most two decimals, months, dispute types, 所属乡镇 naming a town); any bad row is reported with its row number and nothing is written. " +
        "Each case is then registered as the API registers one (graded and routed), in one transaction per batch. " +
        "A row whose 处理情况 says the dispute is finished (调解成功, 已履行, 已结案, 已移送, 已撤回, 不予受理…) becomes closed history with its outcome and 追回金额 " +
        "(or, when it says the wages were paid, the amount owed): no time limits, no alerts. An open row starts its level clock at import; the statutory 15 days " +
        "still run from 登记日期. 证件类型 (default 居民身份证) and 国籍 (passports) are optional columns. " +
        "An employer is found by its credit code; one not yet known is recorded under --unit, or else under the row's town. " +
        "Importing the same ledger again adds nothing: a case is known by its 登记日期 and credit code.";

    public static Command Build(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var file = new Argument<string>("ledger") { Description = "The ledger file: .csv (UTF-8 or GB18030) or .xlsx." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report what would be imported; write nothing." };
        var unit = CliUnits.Option("The unit (inside the row's town) where employers not yet known are recorded; default the town itself.");
        var user = CliOptions.User("registers the cases (mediator, township or manager)");
        var batchSize = CliOptions.Count("--batch-size", "Cases per transaction.", 500, minimum: 1);

        var command = new Command("import", Help) { file, dryRun, unit, user, batchSize };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var path = context.Value(file)!;
            var sheet = TableFiles.ReadLedger(path);
            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var actor = await services.ActorAsync(context.Value(user), ct);

            string? townScope = null;
            long? unitId = null;
            if (context.Value(unit) is { } unitText)
            {
                var target = await CliUnits.ResolveAsync(services, unitText, ct);
                unitId = target.Id;
                if (!target.Path.StartsWith(actor.ScopePath, StringComparison.Ordinal))
                {
                    throw new CliFailure($"Unit {unitId} ({target.Name}) is outside {actor.Username}'s jurisdiction.");
                }

                // An operator's --unit also says which county's towns the ledger names.
                if (context.Value(user) is null)
                {
                    townScope = "/" + target.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)[0] + "/";
                }
            }

            var importer = services.Importer;
            var options = new LedgerImportOptions { Actor = actor, UnitForNewEnterprises = unitId, TownScopePath = townScope };
            var plan = await CliProgress.StatusAsync(context, $"checking {sheet.Rows.Count} rows", () => importer.PlanAsync(sheet, options, ct));
            if (!plan.IsValid)
            {
                foreach (var problem in plan.Problems)
                {
                    await context.Error.WriteLineAsync($"{path}: {problem}");
                }

                var badRows = plan.Problems.Select(p => p.Row).Distinct().Count();
                await context.Error.WriteLineAsync($"{path}: {badRows} of {plan.Rows} rows cannot be imported ({plan.Problems.Count} problems); nothing was imported.");
                return 1;
            }

            var already = plan.AlreadyImported.Count == 0 ? "" : $"; {plan.AlreadyImported.Count} cases were imported before and are skipped";
            if (context.Value(dryRun))
            {
                await context.Output.WriteLineAsync(
                    $"{path}: {plan.Rows} rows are good: {plan.ToImport.Count} cases ({plan.Workers} workers) would be imported, {plan.ClosedHistory} of them as closed history{already}. Dry run: nothing was written.");
                return 0;
            }

            var result = await CliProgress.RunAsync(context, "importing cases", plan.ToImport.Count, progress =>
                importer.ImportAsync(plan, actor, context.Value(batchSize), progress, ct));
            var colours = string.Join(", ", result.Registered
                .GroupBy(c => c.RiskColor?.ToString().ToLowerInvariant() ?? "ungraded")
                .Select(g => $"{g.Count()} {g.Key}"));
            var workers = result.Registered.Count == 0 ? "" : $" ({result.Registered.Sum(c => c.Workers.Count)} workers: {colours})";
            var skipped = result.AlreadyImported.Count == 0 ? "" : $"; {result.AlreadyImported.Count} cases were imported before and are skipped";
            await context.Output.WriteLineAsync(
                $"{path}: imported {result.Registered.Count} cases{workers}: {result.ClosedHistory} finished, as closed history (no time limits, no alerts); " +
                $"{result.Open} open, their level clock started at import{skipped}.");
            foreach (var c in result.Registered.Take(50))
            {
                var where = c.Level is { } level ? $"level {level}" : c.State.ToString().ToLowerInvariant();
                await context.Output.WriteLineAsync($"  {c.Number}  {c.RiskColor?.ToString().ToLowerInvariant()}  {where}  {c.FirstReceivedAt.ToOffset(Domain.ChinaTime.Offset):yyyy-MM-dd}");
            }

            return 0;
        });
        return command;
    }
}
