namespace CaseFlow.Domain.Calendar;

/// <summary>The time limits of one risk colour: calendar days per mediation level and the acceptance SLA.</summary>
public sealed class ColorTimeLimits
{
    public int Level1Days { get; set; } = 5;

    public int Level2Days { get; set; } = 5;

    public int Level3Days { get; set; } = 5;

    public AcceptanceUnit AcceptanceUnit { get; set; } = AcceptanceUnit.WorkingDays;

    /// <summary>How many <see cref="AcceptanceUnit"/>s the receiving unit has to accept a case.</summary>
    public int AcceptanceAmount { get; set; } = 3;

    /// <summary>The calendar-day limit of mediation level 1, 2 or 3.</summary>
    public int LevelDays(int level) => level switch
    {
        1 => Level1Days,
        2 => Level2Days,
        3 => Level3Days,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Mediation levels are 1, 2 and 3."),
    };

    internal IEnumerable<string> Validate(string path)
    {
        for (var level = 1; level <= 3; level++)
        {
            if (LevelDays(level) < 1)
            {
                yield return $"{path}:Level{level}Days must be at least 1 (was {LevelDays(level)}).";
            }
        }

        if (!Enum.IsDefined(AcceptanceUnit))
        {
            yield return $"{path}:AcceptanceUnit must be WorkingHours or WorkingDays (was {(int)AcceptanceUnit}).";
        }

        if (AcceptanceAmount < 1)
        {
            yield return $"{path}:AcceptanceAmount must be at least 1 (was {AcceptanceAmount}).";
        }
    }

    internal ColorTimeLimits Clone() => (ColorTimeLimits)MemberwiseClone();
}
