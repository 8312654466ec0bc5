using System.Globalization;

namespace CaseFlow.Domain.Calendar;

/// <summary>Why one line of a year's calendar file is refused.</summary>
public enum CalendarLineProblem
{
    /// <summary>The header <c>date,is_off_day,name</c> is not the first line that is not a comment.</summary>
    MissingHeader,
    /// <summary>Not exactly three comma-separated fields.</summary>
    WrongFieldCount,
    /// <summary>The date is not yyyy-MM-dd.</summary>
    BadDate,
    /// <summary>is_off_day is neither true nor false.</summary>
    BadOffDayFlag,
    /// <summary>The day has no name.</summary>
    MissingName,
    /// <summary>The name is longer than <see cref="CalendarYearFile.MaxNameLength"/> (calendar_days.name).</summary>
    NameTooLong,
    /// <summary>The date lies outside the year the file is loaded for.</summary>
    OutsideYear,
    /// <summary>The date is listed on an earlier line too.</summary>
    DuplicateDate,
    /// <summary>A make-up working day (is_off_day false) that is not a Saturday or Sunday.</summary>
    MakeUpDayNotOnWeekend,
    /// <summary>The file lists no day at all.</summary>
    NoDays,
}

/// <summary>One refused line: its 1-based number, the problem and the text concerned.</summary>
public readonly record struct CalendarLineError(int Line, CalendarLineProblem Problem, string Text)
{
    /// <summary>The problem in English, for the command line and logs.</summary>
    public string Describe() => Problem switch
    {
        CalendarLineProblem.MissingHeader => $"line {Line}: expected the header '{CalendarFile.Header}' but found '{Text}'",
        CalendarLineProblem.WrongFieldCount => $"line {Line}: expected 3 fields '{CalendarFile.Header}' in '{Text}'",
        CalendarLineProblem.BadDate => $"line {Line}: '{Text}' is not a date in the form yyyy-MM-dd",
        CalendarLineProblem.BadOffDayFlag => $"line {Line}: is_off_day must be 'true' or 'false' but was '{Text}'",
        CalendarLineProblem.MissingName => $"line {Line}: the day {Text} has no name",
        CalendarLineProblem.NameTooLong => $"line {Line}: the name of {Text} is longer than {CalendarYearFile.MaxNameLength} characters",
        CalendarLineProblem.OutsideYear => $"line {Line}: {Text} is not in the year being loaded",
        CalendarLineProblem.DuplicateDate => $"line {Line}: {Text} is listed twice",
        CalendarLineProblem.MakeUpDayNotOnWeekend => $"line {Line}: {Text} is a make-up working day but not a Saturday or Sunday",
        CalendarLineProblem.NoDays => "the file lists no day",
        _ => $"line {Line}: {Problem}",
    };
}

/// <summary>What checking a year's file found: the days when every line is good, otherwise every bad line.</summary>
public sealed record CalendarYearCheck(int Year, IReadOnlyList<CalendarDay> Days, IReadOnlyList<CalendarLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a year's calendar file (the format of <see cref="CalendarFile"/>) before anything is loaded: every date
/// inside the named year, no date twice, every make-up working day on a Saturday or Sunday, every day named. Unlike
/// <see cref="CalendarFile.Parse"/>, it does not stop at the first bad line: an operator fixes the file once.
/// </summary>
public static class CalendarYearFile
{
    public const int MinYear = 2000;
    public const int MaxYear = 2999;

    /// <summary>The most days a year can list (every day of a leap year).</summary>
    public const int MaxDays = 366;

    /// <summary>The longest day name calendar_days.name holds.</summary>
    public const int MaxNameLength = 50;

    public static CalendarYearCheck Check(string text, int year)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);

        var days = new List<CalendarDay>();
        var errors = new List<CalendarLineError>();
        var seen = new HashSet<DateOnly>();
        var headerSeen = false;
        var lineNumber = 0;
        using var reader = new StringReader(text);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            var content = line.TrimStart('\uFEFF').Trim();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var fields = content.Split(',');
            if (!headerSeen)
            {
                headerSeen = true;
                if (!string.Equals(string.Join(',', fields.Select(f => f.Trim())), CalendarFile.Header, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.MissingHeader, content));
                }

                continue;
            }

            if (fields.Length != 3)
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.WrongFieldCount, content));
                continue;
            }

            var dateText = fields[0].Trim();
            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.BadDate, dateText));
                continue;
            }

            var offText = fields[1].Trim();
            bool? isOff = offText.ToUpperInvariant() switch
            {
                "TRUE" => true,
                "FALSE" => false,
                _ => null,
            };
            var name = fields[2].Trim();
            var before = errors.Count;
            if (isOff is null)
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.BadOffDayFlag, offText));
            }

            if (name.Length == 0)
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.MissingName, dateText));
            }
            else if (name.Length > MaxNameLength)
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.NameTooLong, dateText));
            }

            if (date.Year != year)
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.OutsideYear, dateText));
            }

            if (!seen.Add(date))
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.DuplicateDate, dateText));
            }

            if (isOff == false && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.MakeUpDayNotOnWeekend, dateText));
            }

            if (errors.Count == before)
            {
                days.Add(new CalendarDay(date, isOff!.Value, name));
            }
        }

        if (!headerSeen)
        {
            errors.Add(new CalendarLineError(lineNumber + 1, CalendarLineProblem.MissingHeader, ""));
        }
        else if (errors.Count == 0 && days.Count == 0)
        {
            errors.Add(new CalendarLineError(lineNumber, CalendarLineProblem.NoDays, ""));
        }

        return new CalendarYearCheck(year, errors.Count == 0 ? days : [], errors);
    }

    /// <summary>The year a file name names (cn-2027.csv, 2027.csv), or null.</summary>
    public static int? YearFromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName);
        var match = System.Text.RegularExpressions.Regex.Match(name, @"(?<!\d)(\d{4})(?!\d)");
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var y) && y is >= MinYear and <= MaxYear
            ? y
            : null;
    }
}
