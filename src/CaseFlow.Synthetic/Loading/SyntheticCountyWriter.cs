using System.Data.Common;
using CaseFlow.Data.Organisation;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Synthetic.Loading;

/// <summary>Where a synthetic county's units and enterprises landed: generator id → database id.</summary>
public sealed record SyntheticCountyIds(IReadOnlyDictionary<long, long> UnitIds, IReadOnlyDictionary<long, long> EnterpriseIds)
{
    /// <summary>The county unit's database id.</summary>
    public long CountyId(SyntheticCounty county)
    {
        ArgumentNullException.ThrowIfNull(county);
        return UnitIds[county.Root.Id];
    }
}

/// <summary>
/// Inserts a synthetic county (org units, ladder, three-party contacts, enterprises) for the demo seeder and
/// <c>caseflow seed</c>. Everything is drawn from the generator, so the same seed writes the same rows.
/// </summary>
public sealed class SyntheticCountyWriter(OrgStore orgs)
{
    /// <summary>The three-party linkage contacts every synthetic county gets, by party kind.</summary>
    public static IReadOnlyList<(string PartyKind, string Organisation)> Contacts(SyntheticCounty county)
    {
        ArgumentNullException.ThrowIfNull(county);
        return
        [
            ("hrss", $"{county.Name}人力资源和社会保障局"),
            ("political_legal", $"{county.Name}委政法委员会"),
            ("county_union", $"{county.Name}总工会"),
        ];
    }

    /// <summary>Inserts the county inside the caller's transaction.</summary>
    /// <param name="today">Contacts are drawn as adults on this date.</param>
    public async Task<SyntheticCountyIds> InsertAsync(
        DbConnection connection,
        DbTransaction transaction,
        SyntheticGenerator generator,
        SyntheticCounty county,
        DateOnly today,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(county);
        var unitIds = new Dictionary<long, long>(county.Units.Count);
        var enterpriseIds = new Dictionary<long, long>(county.Enterprises.Count);

        // Units come parents first, so every parent is already mapped when its children arrive.
        foreach (var unit in county.Units)
        {
            var parentId = unit.ParentId is { } parent ? unitIds[parent] : (long?)null;
            var code = unit.Kind == UnitKind.County ? county.CasePrefix : null;
            unitIds[unit.Id] = await orgs.InsertUnitAsync(connection, transaction, new NewOrgUnit(parentId, unit.Kind, unit.Name, code), cancellationToken);
        }

        var countyId = unitIds[county.Root.Id];
        await orgs.SaveLadderAsync(connection, transaction, countyId, county.Ladder, cancellationToken);

        var people = generator.People(county);
        foreach (var (partyKind, organisation) in Contacts(county))
        {
            var person = people.Next(today);
            await orgs.InsertContactAsync(
                connection, transaction, new NewCountyContact(countyId, partyKind, organisation, person.Name, person.Phone), cancellationToken);
        }

        foreach (var enterprise in county.Enterprises)
        {
            enterpriseIds[enterprise.Id] = await orgs.InsertEnterpriseAsync(
                connection, transaction, new NewEnterprise(
                    enterprise.Name, enterprise.CreditCode, enterprise.Address, unitIds[enterprise.UnitId],
                    MediationUnitId: enterprise.MediationGroupUnitId is { } group ? unitIds[group] : null), cancellationToken);
        }

        return new SyntheticCountyIds(unitIds, enterpriseIds);
    }
}
