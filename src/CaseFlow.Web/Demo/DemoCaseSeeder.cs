using CaseFlow.Synthetic;

namespace CaseFlow.Web.Demo;

/// <summary>
/// What the demo seeder put in: the generator (for its counties, enterprises and case stream) and how the generator's
/// ids map to database ids.
/// </summary>
/// <param name="UnitIds">Generator unit id → org_units.id.</param>
/// <param name="EnterpriseIds">Generator enterprise id → enterprises.id.</param>
/// <param name="UserIds">Demo username → users.id.</param>
/// <param name="MediatorByUnit">
/// Stored unit id → the users.id recorded as accepting and mediating the seeded cases located there: demo-mediator-a
/// in her own town, elsewhere each county's own mediator of record, so no demo account is assigned another area's cases.
/// </param>
public sealed record DemoData(
    SyntheticGenerator Generator,
    IReadOnlyDictionary<long, long> UnitIds,
    IReadOnlyDictionary<long, long> EnterpriseIds,
    IReadOnlyDictionary<string, long> UserIds,
    IReadOnlyDictionary<long, long> MediatorByUnit);

/// <summary>
/// Seeds demo cases once the demo units and users are in (Development only, first start only). The host registers
/// <see cref="DemoCases"/>; register another implementation after it to replace it.
/// </summary>
public interface IDemoCaseSeeder
{
    Task SeedAsync(DemoData demo, CancellationToken cancellationToken);
}
