namespace CaseFlow.Domain.Organisation;

/// <summary>A node of the organisation tree, as routing and jurisdiction need it.</summary>
/// <param name="Path">The materialized path of ids from the county down, e.g. "/1/5/23/"; a subtree is a prefix.</param>
public sealed record OrgUnit(long Id, long? ParentId, UnitKind Kind, string Name, string Path)
{
    /// <summary>Whether <paramref name="other"/> is this unit or lies below it.</summary>
    public bool Contains(OrgUnit other) => other.Path.StartsWith(Path, StringComparison.Ordinal);
}
