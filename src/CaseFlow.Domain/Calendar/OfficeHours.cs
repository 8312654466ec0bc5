using System.Globalization;

namespace CaseFlow.Domain.Calendar;

/// <summary>
/// Office hours on a working day in China time: a morning and an afternoon session. Working-hour limits
/// (the red acceptance SLA) count only time inside these sessions. For no lunch break set
/// <see cref="MorningEnd"/> equal to <see cref="AfternoonStart"/>.
/// </summary>
public sealed class OfficeHours
{
    public TimeOnly MorningStart { get; set; } = new(8, 30);

    public TimeOnly MorningEnd { get; set; } = new(12, 0);

    public TimeOnly AfternoonStart { get; set; } = new(13, 30);

    public TimeOnly AfternoonEnd { get; set; } = new(17, 30);

    /// <summary>The problems that make these hours unusable; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate(string path = "OfficeHours")
    {
        var errors = new List<string>();
        if (MorningStart > MorningEnd)
        {
            errors.Add($"{path}:MorningStart ({Hm(MorningStart)}) must not be after MorningEnd ({Hm(MorningEnd)}).");
        }

        if (MorningEnd > AfternoonStart)
        {
            errors.Add($"{path}:MorningEnd ({Hm(MorningEnd)}) must not be after AfternoonStart ({Hm(AfternoonStart)}).");
        }

        if (AfternoonStart > AfternoonEnd)
        {
            errors.Add($"{path}:AfternoonStart ({Hm(AfternoonStart)}) must not be after AfternoonEnd ({Hm(AfternoonEnd)}).");
        }

        if (errors.Count == 0 && MorningStart == MorningEnd && AfternoonStart == AfternoonEnd)
        {
            errors.Add($"{path}: at least one session must be longer than zero.");
        }

        return errors;
    }

    internal OfficeHours Clone() => (OfficeHours)MemberwiseClone();

    internal (TimeSpan Start, TimeSpan End)[] Sessions() =>
    [
        (MorningStart.ToTimeSpan(), MorningEnd.ToTimeSpan()),
        (AfternoonStart.ToTimeSpan(), AfternoonEnd.ToTimeSpan()),
    ];

    private static string Hm(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
