using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Turns the deadline policy into due instants (DESIGN §6). Every date is a China local date, whatever the
/// server's time zone; a limit runs to the end of its last day.
/// </summary>
public sealed class DeadlineCalculator
{
    private readonly Func<WorkingCalendar> _calendar;
    private readonly TimeLimitOptions _options;

    /// <exception cref="ArgumentException">The options do not validate.</exception>
    public DeadlineCalculator(WorkingCalendar calendar, TimeLimitOptions options)
        : this(Fixed(calendar), options)
    {
    }

    /// <summary>
    /// A calculator over whatever calendar <paramref name="calendar"/> returns when a limit is computed: the host
    /// hands in the snapshot its data layer keeps current, so a newly loaded year is used without a restart. Each
    /// computation reads the snapshot once.
    /// </summary>
    /// <exception cref="ArgumentException">The options do not validate.</exception>
    public DeadlineCalculator(Func<WorkingCalendar> calendar, TimeLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid time limits: " + string.Join(" ", problems), nameof(options));
        }

        _calendar = calendar;
        _options = options.Clone();
    }

    /// <summary>The calendar limits are computed on now.</summary>
    public WorkingCalendar Calendar => _calendar();

    /// <summary>When the unit that received a case of this colour must have accepted it.</summary>
    public DueTime AcceptanceDue(RiskColor color, DateTimeOffset receivedAtUnit)
    {
        var limits = _options.For(color);
        return limits.AcceptanceUnit == AcceptanceUnit.WorkingHours
            ? AddWorkingHours(receivedAtUnit, TimeSpan.FromHours(limits.AcceptanceAmount))
            : EndOf(_calendar().AddWorkingDays(ChinaTime.DateOf(receivedAtUnit), limits.AcceptanceAmount));
    }

    /// <summary>
    /// When mediation at <paramref name="level"/> (1–3) runs out: the calendar-day rule, due at the end of the
    /// last allowed day, so escalation happens only once that day is over.
    /// </summary>
    /// <param name="extensionDays">Calendar days both parties agreed to add (a consented extension).</param>
    public DueTime LevelLimitDue(RiskColor color, int level, DateTimeOffset receivedAtLevel, int extensionDays = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extensionDays);
        return EndOf(_calendar().AddCalendarDays(
            ChinaTime.DateOf(receivedAtLevel), _options.For(color).LevelDays(level) + extensionDays));
    }

    /// <summary>The reopen window for closed cases, in days.</summary>
    public int ReopenWindowDays => _options.ReopenWindowDays;

    /// <summary>
    /// The start of the day from which a party may apply for arbitration: the 15th calendar day after first
    /// receipt, moved like any limit. Start of day, because the design shows the right "from day 15"; a
    /// reading that waits until that day has ended would be exactly one day later.
    /// </summary>
    public DueTime ArbitrationRightFrom(DateTimeOffset firstReceivedAt)
    {
        var day = _calendar().AddCalendarDays(ChinaTime.DateOf(firstReceivedAt), _options.ArbitrationRightDays);
        return new DueTime(ChinaTime.At(day.Date, TimeOnly.MinValue), day.CalendarMissing);
    }

    /// <summary>
    /// Reminder instants for a limit from <paramref name="start"/> to <paramref name="due"/>, in order: at the
    /// reminder fraction of the span (to the whole second) and the final-reminder interval before due. Only
    /// instants strictly between start and due are kept, and coinciding ones once.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> Reminders(DateTimeOffset start, DateTimeOffset due)
    {
        if (due <= start)
        {
            return [];
        }

        var share = (due - start) * _options.ReminderFraction;
        // Whole seconds, so floating-point error cannot split a fraction reminder from a final one it meets.
        var fraction = start + TimeSpan.FromSeconds(Math.Round(share.TotalSeconds));
        var final = due - _options.FinalReminderBefore;
        return new[] { fraction, final }
            .Where(t => t > start && t < due)
            .Distinct()
            .Order()
            .Select(t => t.ToOffset(ChinaTime.Offset))
            .ToList();
    }

    /// <summary>When an agreed payment is overdue: the end of the agreed day, or of the next working day if it is a day off.</summary>
    public DueTime PaymentDue(DateOnly agreedDate) => EndOf(_calendar().WorkingDayOnOrAfter(agreedDate));

    /// <summary><see cref="WorkingCalendar.AddWorkingHours"/> with the configured office hours.</summary>
    public DueTime AddWorkingHours(DateTimeOffset from, TimeSpan hours) =>
        _calendar().AddWorkingHours(from, hours, _options.OfficeHours);

    private static Func<WorkingCalendar> Fixed(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return () => calendar;
    }

    private static DueTime EndOf(DueDate day) => new(ChinaTime.EndOf(day.Date), day.CalendarMissing);
}
