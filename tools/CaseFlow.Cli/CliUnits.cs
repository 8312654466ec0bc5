using System.CommandLine;
using System.Globalization;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Cli;

/// <summary>
/// <c>--unit</c> on every command that takes one: an org unit named by its id, its code (a county's case-number
/// prefix, e.g. <c>AJ</c>) or its exact name (<c>安吉县</c>), resolved against the database with a one-line reason
/// when nothing or more than one unit answers to it.
/// </summary>
internal static class CliUnits
{
    public const string HelpName = "id|code|name";

    public static Option<string?> Option(string description, bool required = false) => new("--unit")
    {
        Description = description + " Give the unit's id, its code or its exact name.",
        HelpName = HelpName,
        Required = required,
    };

    /// <summary>The one unit <paramref name="text"/> names.</summary>
    /// <exception cref="CliFailure">No unit, or several, answer to it.</exception>
    public static async Task<OrgUnit> ResolveAsync(CliServices services, string text, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var wanted = text.Trim();
        if (wanted.Length == 0)
        {
            throw new CliFailure("--unit: give a unit's id, code or name.");
        }

        if (long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return await services.Orgs.GetUnitAsync(id, ct) ?? throw new CliFailure($"There is no unit {id}.");
        }

        var found = await services.Orgs.FindUnitsAsync(wanted, ct);
        if (found.Count == 0)
        {
            throw new CliFailure($"--unit: no unit has the code or name '{wanted}'; `caseflow users list` shows the units in use, or give the id.");
        }

        if (found.Count == 1)
        {
            return found[0];
        }

        var described = new List<string>();
        foreach (var unit in found)
        {
            var chain = await services.Orgs.ChainAsync(unit.Id, ct);
            described.Add($"{unit.Id} ({string.Join(" / ", chain.Reverse().Select(u => u.Name))})");
        }

        throw new CliFailure($"--unit: '{wanted}' names {found.Count} units: {string.Join("; ", described)}. Give the id of the one you mean.");
    }
}
