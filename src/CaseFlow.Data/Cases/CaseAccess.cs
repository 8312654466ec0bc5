using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>What a viewer may do with one case.</summary>
public enum CaseAccess
{
    /// <summary>Not visible: answered exactly like a case that does not exist.</summary>
    None = 0,

    /// <summary>A unit that held, registered or mediated the case before it moved on: it follows the case, read-only.</summary>
    ReadOnly = 1,

    /// <summary>A partner organisation the case is shared with: reads it, adds notes, attends, answers referrals.</summary>
    Partner = 2,

    /// <summary>The case is in the viewer's units, or assigned to the viewer: the workflow's actions are theirs.</summary>
    Act = 3,
}

/// <summary>
/// Who looks at cases: a user (their id, their unit's path, and their partner organisation if they are a partner), or
/// the system ('/'). <see cref="CaseVisibility"/> turns it into SQL.
/// </summary>
public sealed record CaseViewer(long? UserId, string ScopePath, long? PartnerOrgId = null)
{
    /// <summary>Everything in the subtree at <paramref name="scopePath"/>, and nothing assigned or shared beyond it.</summary>
    public static CaseViewer Scope(string scopePath) => new(null, scopePath);

    public bool IsPartner => PartnerOrgId is not null;
}

/// <summary>
/// The one place that decides who sees and who acts on a case (DESIGN §3): the case's unit in the viewer's subtree or
/// the case assigned to the viewer → act; a unit of the viewer's subtree that held the case before → read-only; a
/// partner → only what is shared with their organisation, never their unit's subtree. Every case read and write of the
/// data layer filters with these conditions, over <c>cases AS c JOIN org_units AS u ON u.id = c.unit_id</c>.
/// </summary>
public static class CaseVisibility
{
    /// <summary>May fire the workflow's actions on the case.</summary>
    public static string Acts(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"(@PartnerOrgId IS NULL AND ({dialect.SubtreeCondition("u.path")} OR c.mediator_user_id = @ViewerId))";
    }

    /// <summary>A unit in the viewer's subtree held, registered or mediated the case.</summary>
    public static string Held(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return $"""
            (@PartnerOrgId IS NULL AND EXISTS (SELECT 1 FROM case_units_held AS h JOIN org_units AS hu ON hu.id = h.unit_id
                                               WHERE h.case_id = c.id AND {dialect.SubtreeCondition("hu.path")}))
            """;
    }

    /// <summary>The case is shared with the viewer's partner organisation (an open share).</summary>
    public const string Shared = """
        (@PartnerOrgId IS NOT NULL AND EXISTS (SELECT 1 FROM case_shares AS s
                                               WHERE s.case_id = c.id AND s.partner_org_id = @PartnerOrgId AND s.withdrawn_at IS NULL))
        """;

    /// <summary>May see the case at all.</summary>
    public static string Sees(SqlDialect dialect) => $"({Acts(dialect)} OR {Shared} OR {Held(dialect)})";

    /// <summary>The <see cref="CaseAccess"/> value of the row, as an integer column.</summary>
    public static string AccessOf(SqlDialect dialect) =>
        $"CASE WHEN {Acts(dialect)} THEN {(int)CaseAccess.Act} WHEN {Shared} THEN {(int)CaseAccess.Partner} WHEN {Held(dialect)} THEN {(int)CaseAccess.ReadOnly} ELSE 0 END";

    /// <summary>Binds the viewer's parameters (@ViewerId, @PartnerOrgId, @SubtreePattern).</summary>
    public static DynamicParameters Bind(DynamicParameters args, CaseViewer viewer, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(dialect);
        args.Add("ViewerId", viewer.UserId, System.Data.DbType.Int64);
        args.Add("PartnerOrgId", viewer.PartnerOrgId, System.Data.DbType.Int64);
        args.Add("SubtreePattern", dialect.SubtreePattern(viewer.ScopePath));
        return args;
    }
}
