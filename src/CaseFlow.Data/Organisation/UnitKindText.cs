using CaseFlow.Domain.Organisation;

namespace CaseFlow.Data.Organisation;

/// <summary>How a <see cref="UnitKind"/> is stored: org_units.kind and mediation_ladders.host_kind hold lower-case words.</summary>
public static class UnitKindText
{
    public static string ToDb(UnitKind kind) => kind switch
    {
        UnitKind.County => "county",
        UnitKind.Town => "town",
        UnitKind.Village => "village",
        UnitKind.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown unit kind."),
    };

    /// <exception cref="FormatException">The text is not one of the four stored words.</exception>
    public static UnitKind FromDb(string text) => text switch
    {
        "county" => UnitKind.County,
        "town" => UnitKind.Town,
        "village" => UnitKind.Village,
        "enterprise" => UnitKind.Enterprise,
        _ => throw new FormatException($"'{text}' is not a stored unit kind (county, town, village or enterprise)."),
    };
}
