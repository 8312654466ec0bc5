using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Deadline policy (DESIGN §5–6), bound from the configuration section <see cref="SectionName"/>. The
/// defaults are the design's: 5 + 5 + 5 calendar days per level for every colour, acceptance within 4 working
/// hours (red), 1 working day (orange) or 3 working days (yellow).
/// </summary>
public sealed class TimeLimitOptions
{
    public const string SectionName = "TimeLimits";

    public ColorTimeLimits Yellow { get; set; } =
        new() { AcceptanceUnit = AcceptanceUnit.WorkingDays, AcceptanceAmount = 3 };

    public ColorTimeLimits Orange { get; set; } =
        new() { AcceptanceUnit = AcceptanceUnit.WorkingDays, AcceptanceAmount = 1 };

    public ColorTimeLimits Red { get; set; } =
        new() { AcceptanceUnit = AcceptanceUnit.WorkingHours, AcceptanceAmount = 4 };

    /// <summary>
    /// Calendar days after first receipt from which a party may apply for arbitration when mediation has not
    /// produced an agreement (劳动争议调解仲裁法 Art 14).
    /// </summary>
    public int ArbitrationRightDays { get; set; } = 15;

    /// <summary>The first reminder falls at this fraction of a limit's span; between 0 and 1 exclusive.</summary>
    public double ReminderFraction { get; set; } = 2d / 3d;

    /// <summary>The last reminder falls this long before the due time.</summary>
    public TimeSpan FinalReminderBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Calendar days after closing during which a case may be reopened.</summary>
    public int ReopenWindowDays { get; set; } = 30;

    public OfficeHours OfficeHours { get; set; } = new();

    public ColorTimeLimits For(RiskColor color) => color switch
    {
        RiskColor.Yellow => Yellow,
        RiskColor.Orange => Orange,
        RiskColor.Red => Red,
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "Unknown risk colour."),
    };

    /// <summary>Every problem with these options, named by configuration path; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (name, limits) in new[] { (nameof(Yellow), Yellow), (nameof(Orange), Orange), (nameof(Red), Red) })
        {
            if (limits is null)
            {
                errors.Add($"{SectionName}:{name} is missing.");
            }
            else
            {
                errors.AddRange(limits.Validate($"{SectionName}:{name}"));
            }
        }

        if (ArbitrationRightDays < 1)
        {
            errors.Add($"{SectionName}:{nameof(ArbitrationRightDays)} must be at least 1 (was {ArbitrationRightDays}).");
        }

        if (!(ReminderFraction > 0 && ReminderFraction < 1))
        {
            errors.Add(FormattableString.Invariant(
                $"{SectionName}:{nameof(ReminderFraction)} must be between 0 and 1 exclusive (was {ReminderFraction})."));
        }

        if (FinalReminderBefore <= TimeSpan.Zero)
        {
            errors.Add(FormattableString.Invariant(
                $"{SectionName}:{nameof(FinalReminderBefore)} must be positive (was {FinalReminderBefore})."));
        }

        if (ReopenWindowDays < 0)
        {
            errors.Add($"{SectionName}:{nameof(ReopenWindowDays)} must not be negative (was {ReopenWindowDays}).");
        }

        if (OfficeHours is null)
        {
            errors.Add($"{SectionName}:{nameof(OfficeHours)} is missing.");
        }
        else
        {
            errors.AddRange(OfficeHours.Validate($"{SectionName}:{nameof(OfficeHours)}"));
        }

        return errors;
    }

    /// <summary>A deep copy, so a calculator is not changed by later edits to the options it was given.</summary>
    internal TimeLimitOptions Clone() => new()
    {
        Yellow = Yellow.Clone(),
        Orange = Orange.Clone(),
        Red = Red.Clone(),
        ArbitrationRightDays = ArbitrationRightDays,
        ReminderFraction = ReminderFraction,
        FinalReminderBefore = FinalReminderBefore,
        ReopenWindowDays = ReopenWindowDays,
        OfficeHours = OfficeHours.Clone(),
    };
}
