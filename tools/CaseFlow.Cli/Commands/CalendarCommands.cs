using System.CommandLine;
using System.Globalization;
using System.Text;
using CaseFlow.Domain.Calendar;

namespace CaseFlow.Cli.Commands;

/// <summary><c>caseflow calendar …</c>: the yearly working-day calendars (DESIGN §6, §9).</summary>
internal static class CalendarCommands
{
    public static Command Build(CliEnvironment environment)
    {
        var calendar = new Command("calendar", "Working-day calendars: public holidays and make-up working days (调休), one year at a time.");
        calendar.Subcommands.Add(BuildImport(environment));
        calendar.Subcommands.Add(BuildList(environment));
        return calendar;
    }

    private static Command BuildImport(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var file = new Argument<string>("file") { Description = "The year's calendar: UTF-8 CSV with the header date,is_off_day,name; # lines are comments." };
        var year = new Option<int?>("--year") { Description = "The year the file is for; default the four-digit year in the file name (cn-2027.csv)." };
        var user = CliOptions.User("loads the calendar (for the audit log)");
        var command = new Command(
            "import",
            "Load one year's calendar. Every line is checked first: each date inside the year, no date twice, every make-up working day " +
            "(is_off_day false) on a Saturday or Sunday, every day named; each bad line is reported with its number and nothing is written " +
            "unless all are good. The year then replaces what was loaded for it (loading the same file again changes nothing), every open " +
            "deadline that touches the year is recomputed, and every web node uses the new calendar within a minute.")
        { file, year, user };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var path = context.Value(file)!;
            var forYear = context.Value(year) ?? CalendarYearFile.YearFromFileName(path)
                ?? throw new CliFailure($"{path}: the file name names no year; say which with --year.");
            if (forYear is < CalendarYearFile.MinYear or > CalendarYearFile.MaxYear)
            {
                throw new CliFailure($"--year must be between {CalendarYearFile.MinYear} and {CalendarYearFile.MaxYear} (was {forYear}).");
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, Encoding.UTF8, context.Cancellation);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliFailure($"{path}: cannot be read ({e.Message}).");
            }

            var check = CalendarYearFile.Check(text, forYear);
            if (!check.IsValid)
            {
                foreach (var error in check.Errors)
                {
                    await context.Error.WriteLineAsync($"{path} {error.Describe()}");
                }

                await context.Error.WriteLineAsync($"{path}: {check.Errors.Count} problems; nothing was loaded.");
                return 1;
            }

            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            var actor = services.Operator;
            if (context.Value(user) is { } username)
            {
                var named = await services.UserAsync(username, needsCaseRole: false, ct);
                actor = new Data.Audit.AuditActor(named.Id, named.Username);
            }

            var import = await services.CalendarStore.ImportAsync(forYear, check.Days, Path.GetFileName(path), actor, ct);
            if (!import.Changed)
            {
                await context.Output.WriteLineAsync($"{path}: {forYear} is already loaded with these {import.DayCount} days (version {import.Version}); nothing changed.");
                return 0;
            }

            await services.Calendars.RefreshAsync(ct);
            var recompute = await services.Recomputer.RecomputeAsync(forYear, import.Version, actor, ct: ct);
            var conflicts = recompute.Conflicts == 0 ? "" : $"; {recompute.Conflicts} were being changed and keep the deadlines their own write computed";
            await context.Output.WriteLineAsync(
                $"{path}: {(import.WasLoaded ? "changed" : "loaded")} {forYear} (version {import.Version}, {import.DayCount} days: " +
                $"{check.Days.Count(d => d.IsOffDay)} days off, {check.Days.Count(d => !d.IsOffDay)} make-up working days). " +
                $"Open cases checked: {recompute.Checked}; deadlines moved: {recompute.Moved}{conflicts}.");
            return 0;
        });
        return command;
    }

    private static Command BuildList(CliEnvironment environment)
    {
        var db = new DatabaseArguments();
        var year = new Option<int?>("--year") { Description = "List that year's days; without it, the loaded years." };
        var command = new Command("list", "The loaded years, or one year's listed days.") { year };
        db.AddTo(command);
        command.SetAction(environment, async context =>
        {
            var services = db.Services(context);
            var ct = context.Cancellation;
            await services.EnsureMigratedAsync(ct);
            if (context.Value(year) is { } y)
            {
                var days = await services.CalendarStore.DaysAsync(y, ct);
                var info = (await services.CalendarStore.ListYearsAsync(ct)).FirstOrDefault(i => i.Year == y);
                if (info is null)
                {
                    await context.Error.WriteLineAsync($"{y} has no calendar loaded: deadlines in it count weekends only. Load it with `caseflow calendar import FILE`.");
                    return 1;
                }

                await context.Output.WriteLineAsync($"{y}: version {info.Version}, {days.Count} days listed");
                foreach (var d in days)
                {
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{d.Date:yyyy-MM-dd}  {d.Date.DayOfWeek,-9}  {(d.IsOffDay ? "off    " : "working")}  {d.Name}"));
                }

                return 0;
            }

            var years = await services.CalendarStore.ListYearsAsync(ct);
            await context.Output.WriteLineAsync("year  version  days  loaded (UTC)       source");
            foreach (var i in years)
            {
                await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{i.Year}  {i.Version,7}  {i.DayCount,4}  {i.LoadedAt.UtcDateTime:yyyy-MM-dd HH:mm}  {i.Source}"));
            }

            return 0;
        });
        return command;
    }
}
