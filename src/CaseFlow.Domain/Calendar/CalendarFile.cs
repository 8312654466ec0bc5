using System.Globalization;

namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Reads the yearly calendar format: <c>#</c> comment lines, the header <c>date,is_off_day,name</c>, then
/// one row per listed day such as <c>2025-01-26,false,春节调休上班</c>.
/// </summary>
public static class CalendarFile
{
    public const string Header = "date,is_off_day,name";

    private static readonly string[] HeaderFields = Header.Split(',');

    /// <summary>Parses a whole file; <paramref name="source"/> (e.g. a file name) prefixes error messages.</summary>
    /// <exception cref="CalendarFormatException">A malformed line, a missing header or a duplicate date.</exception>
    public static IReadOnlyList<CalendarDay> Parse(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);

        var days = new List<CalendarDay>();
        var firstSeenOn = new Dictionary<DateOnly, int>();
        var headerSeen = false;
        var lineNumber = 0;

        using var reader = new StringReader(text);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            // A byte-order mark survives when the text was decoded without detecting it.
            var content = line.TrimStart('\uFEFF').Trim();
            if (content.Length == 0 || content.StartsWith('#'))
            {
                continue;
            }

            var fields = content.Split(',');
            if (!headerSeen)
            {
                if (!IsHeader(fields))
                {
                    throw Error(source, lineNumber, $"expected the header '{Header}' but found '{content}'.");
                }

                headerSeen = true;
                continue;
            }

            var day = ParseRow(fields, content, source, lineNumber);
            if (firstSeenOn.TryGetValue(day.Date, out var earlier))
            {
                throw Error(source, lineNumber, $"date {Format(day.Date)} is already listed on line {earlier}.");
            }

            firstSeenOn.Add(day.Date, lineNumber);
            days.Add(day);
        }

        if (!headerSeen)
        {
            throw Error(source, lineNumber + 1, $"the header '{Header}' is missing.");
        }

        return days;
    }

    private static bool IsHeader(string[] fields) =>
        fields.Length == HeaderFields.Length
        && fields.Select(f => f.Trim()).SequenceEqual(HeaderFields, StringComparer.OrdinalIgnoreCase);

    private static CalendarDay ParseRow(string[] fields, string content, string? source, int lineNumber)
    {
        if (fields.Length != HeaderFields.Length)
        {
            throw Error(source, lineNumber,
                $"expected 3 fields '{Header}' but found {fields.Length} in '{content}'.");
        }

        var dateText = fields[0].Trim();
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var date))
        {
            throw Error(source, lineNumber, $"'{dateText}' is not a date in the form yyyy-MM-dd.");
        }

        var offText = fields[1].Trim();
        bool isOffDay;
        if (string.Equals(offText, "true", StringComparison.OrdinalIgnoreCase))
        {
            isOffDay = true;
        }
        else if (string.Equals(offText, "false", StringComparison.OrdinalIgnoreCase))
        {
            isOffDay = false;
        }
        else
        {
            throw Error(source, lineNumber, $"is_off_day must be 'true' or 'false' but was '{offText}'.");
        }

        var name = fields[2].Trim();
        if (name.Length == 0)
        {
            throw Error(source, lineNumber, $"the name of {dateText} is empty.");
        }

        return new CalendarDay(date, isOffDay, name);
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CalendarFormatException Error(string? source, int lineNumber, string problem) =>
        new(source is null ? $"Line {lineNumber}: {problem}" : $"{source} line {lineNumber}: {problem}", lineNumber);
}
