using CaseFlow.Domain;
using CaseFlow.Synthetic.Loading;

namespace CaseFlow.Web.Demo;

/// <summary>
/// A few hundred demo cases per county in every state and colour, driven through the real workflow: most of a
/// year's cases are finished, the last weeks' are open, a few are overdue so the dashboard and timers have work.
/// </summary>
internal sealed class DemoCases(SyntheticCaseLoader loader, TimeProvider time, ILogger<DemoCases> logger) : IDemoCaseSeeder
{
    public const int CasesPerCounty = 300;

    public async Task SeedAsync(DemoData demo, CancellationToken cancellationToken)
    {
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var mediator = demo.UserIds["demo-mediator-a"];
        var byUnit = demo.MediatorByUnit;
        var total = 0;
        foreach (var county in demo.Generator.Counties)
        {
            var seeded = new SeededCounty(county, demo.UnitIds, demo.EnterpriseIds, mediator)
            {
                MediatorByLocation = location => byUnit.TryGetValue(location, out var m) ? m : mediator,
            };
            var cases = demo.Generator.Cases(county, CasesPerCounty, today.AddDays(-300), today);
            total += await loader.LoadAsync(seeded, cases, ct: cancellationToken);
        }

        logger.LogInformation("Demo data: seeded {Cases} cases", total);
    }
}
