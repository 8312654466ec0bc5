namespace CaseFlow.Domain.Organisation;

/// <summary>One rung of a county's mediation ladder: which kind of unit hosts the level and what it is called there.</summary>
public sealed record LadderLevel(int Level, UnitKind HostKind, string NameZh, string NameEn);

/// <summary>
/// A county's 三级调解 configuration (DESIGN §3): which unit kind hosts each of the three mediation levels.
/// </summary>
public sealed class MediationLadder
{
    public const int TopLevel = 3;

    private readonly LadderLevel[] _levels;

    public MediationLadder(IEnumerable<LadderLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        _levels = [.. levels.OrderBy(l => l.Level)];
        if (_levels.Length != TopLevel || _levels.Select(l => l.Level).Distinct().Count() != TopLevel
            || _levels[0].Level != 1)
        {
            throw new ArgumentException("A ladder has exactly the levels 1, 2 and 3.", nameof(levels));
        }

        for (var i = 1; i < _levels.Length; i++)
        {
            if (_levels[i].HostKind > _levels[i - 1].HostKind)
            {
                throw new ArgumentException(
                    $"Level {_levels[i].Level} is hosted below level {_levels[i - 1].Level}; escalation must go up the tree.",
                    nameof(levels));
            }
        }
    }

    public IReadOnlyList<LadderLevel> Levels => _levels;

    public LadderLevel this[int level] =>
        level is >= 1 and <= TopLevel ? _levels[level - 1] : throw new ArgumentOutOfRangeException(nameof(level), level, "Levels run from 1 to 3.");

    /// <summary>Anji county: enterprise → village → town (安吉: 企业、村、镇).</summary>
    public static MediationLadder Anji { get; } = new(
    [
        new LadderLevel(1, UnitKind.Enterprise, "企业调解", "Enterprise mediation"),
        new LadderLevel(2, UnitKind.Village, "村级调解", "Village mediation"),
        new LadderLevel(3, UnitKind.Town, "镇级调解", "Town mediation"),
    ]);

    /// <summary>Jimo district: enterprise group → town/street station → district room (即墨).</summary>
    public static MediationLadder Jimo { get; } = new(
    [
        new LadderLevel(1, UnitKind.Enterprise, "企业调解小组", "Enterprise mediation group"),
        new LadderLevel(2, UnitKind.Town, "镇街调解站", "Town/street mediation station"),
        new LadderLevel(3, UnitKind.County, "区调解室", "District mediation room"),
    ]);
}
