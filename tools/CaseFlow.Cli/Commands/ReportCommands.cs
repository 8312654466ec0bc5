using System.CommandLine;
using System.Globalization;
using CaseFlow.Cli.Files;
using CaseFlow.Data.Reports;
using CaseFlow.Domain.Cases;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow report …</c>: the statistics a union sends upward.</summary>
internal static class ReportCommands
{
    public const string SummarySheet = "概况";
    public const string ColorSheet = "按预警颜色";
    public const string LevelSheet = "按调解级别";
    public const string UnitSheet = "各单位超期";

    public static Command Build(CliEnvironment environment)
    {
        var report = new Command("report", "Statistical reports.");
        report.Subcommands.Add(BuildMonthly(environment));
        return report;
    }

    /// <summary>The workbook's sheets: one table each, Chinese names and headers.</summary>
    public static IReadOnlyList<XlsxSheet> Sheets(MonthlyReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string[] counts = ["新增", "化解", "移送", "月末在办"];
        object?[] Counts(MonthlyCounts c) => [c.New, c.Resolved, c.Referred, c.Open];
        var month = string.Create(CultureInfo.InvariantCulture, $"{r.Year:D4}年{r.Month:D2}月");

        var summary = new XlsxSheet(SummarySheet, ["指标", "数值"],
        [
            ["统计月份", month],
            ["统计单位", $"{r.UnitName}（{r.UnitId}）"],
            ["新增案件（件）", r.Totals.New],
            ["化解案件（件）", r.Totals.Resolved],
            ["移送案件（件）", r.Totals.Referred],
            ["月末在办案件（件）", r.Totals.Open],
            ["新增案件欠薪金额（元）", r.AmountOwed],
            ["追回金额（元）", r.AmountRecovered],
            ["新增案件涉及劳动者（人）", r.WorkersInvolved],
            ["平均化解天数（天）", r.AverageDaysToResolve is { } days ? days : "—"],
            ["本月超期案件（件）", r.Overdue],
        ]);

        var byColor = new XlsxSheet(ColorSheet, ["预警颜色", .. counts],
        [
            .. r.ByColor.Select(c => (IReadOnlyList<object?>)[ColorName(c.Color), .. Counts(c.Counts)]),
            ["合计", .. Counts(r.Totals)],
        ]);

        var byLevel = new XlsxSheet(LevelSheet, ["调解级别", .. counts, "化解占比"],
        [
            .. r.ByLevel.Select(l => (IReadOnlyList<object?>)[l.Name, .. Counts(l.Counts), new Percent(l.ShareResolved)]),
        ]);

        var unitTotal = r.ByUnit.Aggregate(MonthlyCounts.Zero, (sum, u) => sum.Add(u.Counts));
        var byUnit = new XlsxSheet(UnitSheet, ["单位", .. counts, "本月超期"],
        [
            .. r.ByUnit.Select(u => (IReadOnlyList<object?>)[u.UnitName, .. Counts(u.Counts), u.Overdue]),
            ["合计", .. Counts(unitTotal), r.ByUnit.Sum(u => u.Overdue)],
        ]);

        return [summary, byColor, byLevel, byUnit];
    }

    private static Command BuildMonthly(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var month = new Option<string>("--month") { Description = "The month, China time.", HelpName = "yyyy-MM", Required = true };
        month.Validators.Add(r =>
        {
            if (!TryMonth(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--month: '{r.GetValueOrDefault<string>()}' is not a month written yyyy-MM.");
            }
        });
        var unit = CliUnits.Option("The unit whose cases are counted (where the disputes arose, itself and below).", required: true);
        var output = new Option<string>("--out", "-o") { Description = "The .xlsx file to write.", Required = true };
        var user = CliOptions.User("asks for the report: the unit must be in their jurisdiction");

        var command = new Command(
            "monthly",
            "The monthly statistics a county union sends upward, as an xlsx workbook with one sheet per table: " +
            "概况 (new, resolved, referred and open cases; money owed by the new cases and recovered; workers involved; average days to resolve; overdue), " +
            "按预警颜色 and 按调解级别 (the counts by colour and by level, with the share resolved at each level), " +
            "各单位超期 (the counts and the cases whose time limit ran out, by unit directly below). " +
            "New = received in the month; resolved = payment confirmed in the month; referred = referred in the month; " +
            "open = in mediation or waiting for the agreed payment when the month ended; overdue = a level's time limit or an agreed payment date passed in the month. " +
            "Colours are the cases' colours now; a new case counts at the level grading sent it to, a resolved or referred one at the last level that mediated it. " +
            "Month boundaries are midnight China time.")
        {
            month, unit, output, user,
        };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            TryMonth(context.Value(month), out var first);
            var path = context.Value(output)!;
            if (TableFiles.FormatOf(path) != TableFormat.Xlsx)
            {
                throw new CliFailure($"{path}: the report is an .xlsx workbook.");
            }

            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var target = await CliUnits.ResolveAsync(services, context.Value(unit)!, ct);
            var unitId = target.Id;
            if (context.Value(user) is { } username)
            {
                var account = await services.UserAsync(username, needsCaseRole: false, ct);
                if (!target.Path.StartsWith(account.Unit.Path, StringComparison.Ordinal))
                {
                    throw new CliFailure($"Unit {unitId} ({target.Name}) is outside {account.Username}'s jurisdiction.");
                }
            }

            var report = await CliProgress.StatusAsync(
                context, $"counting {target.Name}'s cases of {first:yyyy-MM}", () => services.Reports.BuildAsync(unitId, first.Year, first.Month, ct));
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            XlsxWriter.Write(path, Sheets(report));
            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{target.Name} {first:yyyy-MM}: {report.Totals.New} new, {report.Totals.Resolved} resolved, {report.Totals.Referred} referred, {report.Totals.Open} open at month end; written to {path}"));
            return 0;
        });
        return command;
    }

    private static bool TryMonth(string? text, out DateOnly first) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && text?.Length == 7;

    private static string ColorName(RiskColor color) => color switch
    {
        RiskColor.Red => "红色",
        RiskColor.Orange => "橙色",
        _ => "黄色",
    };
}
