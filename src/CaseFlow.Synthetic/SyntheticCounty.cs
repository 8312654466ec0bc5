using CaseFlow.Domain.Organisation;

namespace CaseFlow.Synthetic;

/// <summary>One synthetic county or district: its org tree, ladder and enterprises.</summary>
public sealed class SyntheticCounty
{
    private readonly Dictionary<long, OrgUnit> _unitsById;

    internal SyntheticCounty(
        int number,
        CountyModel model,
        string name,
        string casePrefix,
        string regionCode,
        string addressPrefix,
        IReadOnlyList<OrgUnit> units,
        IReadOnlyList<SyntheticEnterprise> enterprises)
    {
        Number = number;
        Model = model;
        Name = name;
        CasePrefix = casePrefix;
        RegionCode = regionCode;
        AddressPrefix = addressPrefix;
        Units = units;
        Enterprises = enterprises;
        _unitsById = new Dictionary<long, OrgUnit>(units.Count);
        foreach (var unit in units)
        {
            _unitsById.Add(unit.Id, unit);
        }
    }

    /// <summary>1 for the first county generated, 2 for the second, and so on.</summary>
    public int Number { get; }

    public CountyModel Model { get; }

    public MediationLadder Ladder => Model == CountyModel.Anji ? MediationLadder.Anji : MediationLadder.Jimo;

    /// <summary>安吉县, 即墨区, 示范县3…</summary>
    public string Name { get; }

    /// <summary>What case numbers start with: AJ, JM, SF3…</summary>
    public string CasePrefix { get; }

    /// <summary>The six-digit administrative region code in its enterprises' credit codes (Anji 330523, Jimo 370282).</summary>
    public string RegionCode { get; }

    /// <summary>Province, city and county, as addresses begin (浙江省湖州市安吉县).</summary>
    public string AddressPrefix { get; }

    /// <summary>The county unit: the root of its tree.</summary>
    public OrgUnit Root => Units[0];

    /// <summary>Every unit, parents before children: the county, its towns, villages and enterprise mediation groups.</summary>
    public IReadOnlyList<OrgUnit> Units { get; }

    public IReadOnlyList<SyntheticEnterprise> Enterprises { get; }

    public OrgUnit Unit(long id) => _unitsById[id];

    /// <summary>The unit and every ancestor up to the county, nearest first: the chain routing climbs.</summary>
    public IReadOnlyList<OrgUnit> ChainFrom(long unitId)
    {
        var unit = _unitsById[unitId];
        var chain = new List<OrgUnit>(4) { unit };
        while (unit.ParentId is long parentId)
        {
            unit = _unitsById[parentId];
            chain.Add(unit);
        }

        return chain;
    }
}
