using System.Globalization;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Synthetic;

/// <summary>Builds the counties in order, handing out unit and enterprise ids as it goes.</summary>
internal sealed class CountyBuilder(SyntheticOptions options)
{
    // The alphabet of organisation codes (GB 11714) within the credit-code alphabet: no I, O, S, V or Z.
    private const string CodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static ReadOnlySpan<int> OrganisationCodeWeights => [3, 7, 9, 10, 5, 8, 4, 2];

    private readonly HashSet<string> _creditCodes = new(StringComparer.Ordinal);
    private long _nextUnitId = options.FirstUnitId;
    private long _nextEnterpriseId = options.FirstEnterpriseId;

    public IReadOnlyList<SyntheticCounty> BuildAll()
    {
        var counties = new SyntheticCounty[options.Counties];
        for (var i = 0; i < counties.Length; i++)
        {
            counties[i] = Build(i + 1);
        }

        return counties;
    }

    private SyntheticCounty Build(int number)
    {
        var random = Seeds.Stream(options.Seed, number, Seeds.Counties);
        var model = number % 2 == 1 ? CountyModel.Anji : CountyModel.Jimo;
        var (name, prefix, region, address, towns, namePrefixes) = number switch
        {
            1 => ("安吉县", "AJ", "330523", "浙江省湖州市安吉县", Places.AnjiTowns, new[] { "安吉" }),
            2 => ("即墨区", "JM", "370282", "山东省青岛市即墨区", Places.JimoTowns, new[] { "青岛", "青岛", "即墨" }),
            _ => Generated(number, model, random),
        };

        var units = new List<OrgUnit>();
        var root = Add(units, null, UnitKind.County, name);

        var villages = new List<(OrgUnit Village, OrgUnit Town)>();
        var usedVillageNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var townName in towns)
        {
            var town = Add(units, root, UnitKind.Town, townName);
            var count = random.Next(options.MinVillagesPerTown, options.MaxVillagesPerTown + 1);
            for (var v = 0; v < count; v++)
            {
                var village = Add(units, town, UnitKind.Village, VillageName(random, model, townName, usedVillageNames));
                villages.Add((village, town));
            }
        }

        var enterprises = Enterprises(random, model, region, address, namePrefixes, villages, units);
        return new SyntheticCounty(number, model, name, prefix, region, address, units, enterprises);
    }

    private static (string Name, string Prefix, string Region, string Address, string[] Towns, string[] NamePrefixes) Generated(
        int number, CountyModel model, Random random)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"示范县{number}");
        var prefix = string.Create(CultureInfo.InvariantCulture, $"SF{number}");
        var pool = model == CountyModel.Anji ? Places.ZhejiangCounties : Places.ShandongCounties;
        var region = pool[((number - 3) / 2) % pool.Length];
        var address = (model == CountyModel.Anji ? "浙江省" : "山东省") + name;

        var streets = Shuffled(random, Places.GeneratedStreets, random.Next(2, 5));
        var stems = Shuffled(random, Places.GeneratedTownStems, random.Next(6, 10));
        var towns = new string[streets.Length + stems.Length];
        streets.CopyTo(towns, 0);
        for (var i = 0; i < stems.Length; i++)
        {
            towns[streets.Length + i] = stems[i] + "镇";
        }

        return (name, prefix, region, address, towns, ["示范"]);
    }

    private OrgUnit Add(List<OrgUnit> units, OrgUnit? parent, UnitKind kind, string name)
    {
        var id = _nextUnitId++;
        var unit = new OrgUnit(id, parent?.Id, kind, name, PathOf(parent?.Path, id));
        units.Add(unit);
        return unit;
    }

    /// <summary>The path the database would give the unit ("/1/5/23/"), so generated units match stored ones.</summary>
    private static string PathOf(string? parentPath, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{parentPath ?? "/"}{id}/");

    private static string VillageName(Random random, CountyModel model, string townName, HashSet<string> used)
    {
        var isStreet = townName.EndsWith("街道", StringComparison.Ordinal);
        var communityShare = model == CountyModel.Jimo ? 0.8 : 0.5;
        var community = isStreet && random.NextDouble() < communityShare;
        var stems = community ? Places.CommunityStems
            : model == CountyModel.Anji ? Places.SouthVillageStems : Places.NorthVillageStems;
        var suffix = community ? "社区" : "村";

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var stem = stems[random.Next(stems.Length)];
            var candidate = attempt < 10
                ? stem + suffix
                : Places.DirectionPrefixes[random.Next(Places.DirectionPrefixes.Length)] + stem + suffix;
            if (used.Add(candidate))
            {
                return candidate;
            }
        }

        // Only a county with far more villages than the name pools can get here.
        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{stems[random.Next(stems.Length)]}{n}{suffix}");
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private List<SyntheticEnterprise> Enterprises(
        Random random,
        CountyModel model,
        string region,
        string addressPrefix,
        string[] namePrefixes,
        List<(OrgUnit Village, OrgUnit Town)> villages,
        List<OrgUnit> units)
    {
        var count = options.EnterprisesPerCounty;
        var withGroup = new bool[count];
        var groups = (int)Math.Round(count * options.MediationGroupShare, MidpointRounding.AwayFromZero);
        foreach (var index in Shuffled(random, Enumerable.Range(0, count).ToArray(), groups))
        {
            withGroup[index] = true;
        }

        var industries = Places.Industries(model);
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        var enterprises = new List<SyntheticEnterprise>(count);
        for (var i = 0; i < count; i++)
        {
            var (village, town) = villages[random.Next(villages.Count)];
            var industry = industries.Pick(random);
            var name = EnterpriseName(random, namePrefixes, industry, usedNames);
            var address = string.Create(
                CultureInfo.InvariantCulture,
                $"{addressPrefix}{town.Name}{village.Name}{Places.Sites[random.Next(Places.Sites.Length)]}{random.Next(1, 300)}号");

            long? groupId = null;
            if (withGroup[i])
            {
                groupId = Add(units, village, UnitKind.Enterprise, name + "调解小组").Id;
            }

            enterprises.Add(new SyntheticEnterprise(
                _nextEnterpriseId++, name, CreditCode(random, region), address, industry, village.Id, groupId));
        }

        return enterprises;
    }

    private static string EnterpriseName(Random random, string[] prefixes, SyntheticIndustry industry, HashSet<string> used)
    {
        var trades = Places.TradeWords(industry);
        var brand = Places.BrandCharacters;
        for (var attempt = 0; ; attempt++)
        {
            var first = brand[random.Next(brand.Length)];
            var second = brand[random.Next(brand.Length)];
            if (first == second)
            {
                continue;
            }

            // Two-character brands run out past a few thousand firms; a third character makes room.
            var third = attempt < 20 ? "" : brand[random.Next(brand.Length)];
            var candidate = prefixes[random.Next(prefixes.Length)] + first + second + third
                + trades[random.Next(trades.Length)] + "有限公司";
            if (used.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>"91" (an enterprise), the region, a nine-character organisation code with its own check, and the GB 32100 check.</summary>
    private string CreditCode(Random random, string region)
    {
        Span<char> code = stackalloc char[18];
        while (true)
        {
            code[0] = '9';
            code[1] = '1';
            region.AsSpan().CopyTo(code[2..]);

            var organisation = code.Slice(8, 9);

            // Codes issued since 2015 mostly begin MA; older ones are all digits.
            if (random.NextDouble() < 0.6)
            {
                organisation[0] = 'M';
                organisation[1] = 'A';
                for (var i = 2; i < 8; i++)
                {
                    organisation[i] = CodeCharacters[random.Next(CodeCharacters.Length)];
                }
            }
            else
            {
                for (var i = 0; i < 8; i++)
                {
                    organisation[i] = (char)('0' + random.Next(10));
                }
            }

            organisation[8] = OrganisationCheck(organisation[..8]);
            code[17] = CaseFlow.Domain.Parties.CreditCode.CheckCharacterFor(code[..17]);
            var value = new string(code);
            if (_creditCodes.Add(value))
            {
                return value;
            }
        }
    }

    private static char OrganisationCheck(ReadOnlySpan<char> body)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = body[i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganisationCodeWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var check => (char)('0' + check),
        };
    }

    /// <summary>The first <paramref name="take"/> items of a seeded Fisher–Yates shuffle of a copy.</summary>
    private static T[] Shuffled<T>(Random random, T[] items, int take)
    {
        var copy = (T[])items.Clone();
        take = Math.Min(take, copy.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy[..take];
    }
}
