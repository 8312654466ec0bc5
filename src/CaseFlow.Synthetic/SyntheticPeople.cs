using CaseFlow.Domain.Parties;

namespace CaseFlow.Synthetic;

/// <summary>
/// Makes up people for one county: common names, resident IDs issued in the county's province or a neighbouring
/// one (GB 11643 check character), and mobile numbers on real network prefixes.
/// </summary>
public sealed class SyntheticPeople
{
    private static readonly DateOnly EarliestBirth = new(1966, 1, 1);
    private static readonly DateOnly LatestBirth = new(2006, 12, 31);

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
        "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "173", "175", "176", "177", "178",
        "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
        "191", "193", "195", "198", "199",
    ];

    private readonly Random _random;
    private readonly WeightedTable<string[]> _homeRegions;

    /// <summary>A stream of people for <paramref name="model"/>; the same seed gives the same people.</summary>
    public SyntheticPeople(CountyModel model, int seed)
        : this(model, new Random(seed))
    {
    }

    internal SyntheticPeople(CountyModel model, Random random)
    {
        _random = random;
        _homeRegions = Places.HomeRegions(model);
    }

    /// <summary>The next person, of working age (16 or over) on <paramref name="asOf"/> where the 1966–2006 birth years allow.</summary>
    public SyntheticPerson Next(DateOnly asOf)
    {
        var male = _random.NextDouble() < 0.62;
        var name = Names.Next(_random, male);
        var born = BirthDate(asOf);
        return new SyntheticPerson(name, IdNumber(born, male), Phone(), born, male);
    }

    private DateOnly BirthDate(DateOnly asOf)
    {
        var latest = asOf.AddYears(-16);
        if (latest > LatestBirth)
        {
            latest = LatestBirth;
        }

        if (latest < EarliestBirth)
        {
            latest = EarliestBirth;
        }

        return EarliestBirth.AddDays(_random.Next(latest.DayNumber - EarliestBirth.DayNumber + 1));
    }

    private string IdNumber(DateOnly born, bool male)
    {
        var regions = _homeRegions.Pick(_random);
        var region = regions[_random.Next(regions.Length)];

        Span<char> id = stackalloc char[18];
        region.AsSpan().CopyTo(id);
        WriteDigits(id.Slice(6, 4), born.Year);
        WriteDigits(id.Slice(10, 2), born.Month);
        WriteDigits(id.Slice(12, 2), born.Day);

        // The 17th digit is odd for men and even for women.
        WriteDigits(id.Slice(14, 2), _random.Next(100));
        id[16] = (char)('0' + (2 * _random.Next(5)) + (male ? 1 : 0));
        id[17] = ResidentId.CheckCharacterFor(id[..17]);
        return new string(id);
    }

    private string Phone()
    {
        Span<char> phone = stackalloc char[11];
        MobilePrefixes[_random.Next(MobilePrefixes.Length)].AsSpan().CopyTo(phone);
        for (var i = 3; i < 11; i++)
        {
            phone[i] = (char)('0' + _random.Next(10));
        }

        return new string(phone);
    }

    private static void WriteDigits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
