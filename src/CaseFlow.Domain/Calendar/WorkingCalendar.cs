using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Which days are working days (DESIGN §6), and day counting on them. A listed day wins; any other day
/// follows the week: Monday to Friday working, Saturday and Sunday off. Years without a loaded calendar are
/// counted on weekends only and every result that touches them is flagged. Immutable.
/// </summary>
public sealed class WorkingCalendar
{
    private const string ResourcePrefix = "CaseFlow.Domain.Calendar.Data.";

    private static readonly Lazy<WorkingCalendar> Shipped = new(LoadEmbedded);

    private readonly FrozenDictionary<DateOnly, CalendarDay> _days;
    private readonly FrozenSet<int> _years;

    private WorkingCalendar(Dictionary<DateOnly, CalendarDay> days, IEnumerable<int>? moreYears = null)
    {
        _days = days.ToFrozenDictionary();
        _years = days.Keys.Select(d => d.Year).Concat(moreYears ?? []).ToFrozenSet();
        Days = [.. days.Values.OrderBy(d => d.Date)];
        Years = [.. _years.Order()];
    }

    /// <summary>A calendar with no year loaded: weekends only, every result flagged.</summary>
    public static WorkingCalendar Empty { get; } = new([]);

    /// <summary>The listed days, in date order.</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>The years that have a calendar: those with at least one listed day.</summary>
    public IReadOnlyList<int> Years { get; }

    /// <summary>The shipped mainland China calendars (embedded <c>Calendar/Data/*.csv</c>).</summary>
    public static WorkingCalendar China() => Shipped.Value;

    /// <summary>A calendar of exactly these days; a year counts as loaded when any of its days is listed.</summary>
    /// <exception cref="ArgumentException">The same date is listed twice.</exception>
    public static WorkingCalendar From(IEnumerable<CalendarDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var byDate = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            if (!byDate.TryAdd(day.Date, day))
            {
                throw new ArgumentException(
                    $"The date {day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is listed twice.",
                    nameof(days));
            }
        }

        return new WorkingCalendar(byDate);
    }

    /// <summary>
    /// This calendar with <paramref name="other"/>'s years laid over it. A year is replaced as a whole, so a
    /// corrected year loaded from the database drops the shipped days it no longer lists.
    /// </summary>
    public WorkingCalendar Merge(WorkingCalendar other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = _days.Values
            .Where(d => !other._years.Contains(d.Date.Year))
            .Concat(other._days.Values)
            .ToDictionary(d => d.Date);
        return new WorkingCalendar(merged, _years.Concat(other._years));
    }

    /// <summary>
    /// This calendar with <paramref name="years"/> counted as loaded too: a year whose arrangement lists no day is
    /// still a year with a calendar.
    /// </summary>
    public WorkingCalendar WithYears(IEnumerable<int> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        return new WorkingCalendar(_days.ToDictionary(), _years.Concat(years));
    }

    public bool HasYear(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly date) =>
        _days.TryGetValue(date, out var listed)
            ? !listed.IsOffDay
            : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The name of a listed day (a holiday or a make-up working day); null for an ordinary day.</summary>
    public string? HolidayName(DateOnly date) => _days.TryGetValue(date, out var listed) ? listed.Name : null;

    /// <summary>
    /// A limit of <paramref name="days"/> calendar days (民事诉讼法 Art 85): counting starts the day after
    /// <paramref name="received"/>, day n is the last day, and a last day that is a day off moves to the next
    /// working day.
    /// </summary>
    public DueDate AddCalendarDays(DateOnly received, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var missing = !HasEveryYear(received.AddDays(1), received.AddDays(days));
        var moved = WorkingDayOnOrAfter(received.AddDays(days));
        return new DueDate(moved.Date, missing || moved.CalendarMissing);
    }

    /// <summary>A limit of <paramref name="days"/> working days, counted from the day after <paramref name="received"/>.</summary>
    public DueDate AddWorkingDays(DateOnly received, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var date = received;
        var missing = false;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            missing |= !HasYear(date.Year);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return new DueDate(date, missing);
    }

    /// <summary><paramref name="date"/> itself when it is a working day, otherwise the next working day.</summary>
    public DueDate WorkingDayOnOrAfter(DateOnly date)
    {
        var missing = !HasYear(date.Year);
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
            missing |= !HasYear(date.Year);
        }

        return new DueDate(date, missing);
    }

    /// <summary>
    /// The instant <paramref name="hours"/> of office time after <paramref name="from"/>, counting only
    /// <paramref name="officeHours"/> on working days (China time). Outside office hours counting starts at the
    /// next opening; a limit that uses up a session exactly ends at that session's close.
    /// </summary>
    public DueTime AddWorkingHours(DateTimeOffset from, TimeSpan hours, OfficeHours officeHours)
    {
        ArgumentNullException.ThrowIfNull(officeHours);
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, TimeSpan.Zero);
        var problems = officeHours.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(officeHours));
        }

        var sessions = officeHours.Sessions();
        var local = from.ToOffset(ChinaTime.Offset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var cursor = local.TimeOfDay;
        var remaining = hours;
        var missing = false;
        while (true)
        {
            missing |= !HasYear(date.Year);
            if (IsWorkingDay(date))
            {
                foreach (var (start, end) in sessions)
                {
                    if (cursor >= end)
                    {
                        continue;
                    }

                    var begin = cursor > start ? cursor : start;
                    var available = end - begin;
                    if (remaining <= available)
                    {
                        return new DueTime(ChinaTime.At(date, TimeOnly.MinValue) + begin + remaining, missing);
                    }

                    remaining -= available;
                    cursor = end;
                }
            }

            date = date.AddDays(1);
            cursor = TimeSpan.Zero;
        }
    }

    private bool HasEveryYear(DateOnly first, DateOnly last)
    {
        for (var year = first.Year; year <= last.Year; year++)
        {
            if (!HasYear(year))
            {
                return false;
            }
        }

        return true;
    }

    private static WorkingCalendar LoadEmbedded()
    {
        var assembly = typeof(WorkingCalendar).Assembly;
        var days = new List<CalendarDay>();
        foreach (var name in assembly.GetManifestResourceNames().Where(IsCalendarResource).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded calendar {name} cannot be opened.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            days.AddRange(CalendarFile.Parse(reader.ReadToEnd(), name[ResourcePrefix.Length..]));
        }

        return From(days);
    }

    private static bool IsCalendarResource(string name) =>
        name.StartsWith(ResourcePrefix, StringComparison.Ordinal)
        && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
}
