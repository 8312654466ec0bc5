namespace CaseFlow.Domain.Organisation;

/// <summary>The kinds of org unit, from the top of the tree down. A Jimo-style district is a county-kind unit.</summary>
public enum UnitKind
{
    County = 1,
    Town = 2,
    Village = 3,
    Enterprise = 4,
}
