using CaseFlow.Data;
using CaseFlow.Data.Cases;
using CaseFlow.Data.Users;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Auth;
using Dapper;

namespace CaseFlow.Web.Pages.Cases;

/// <summary>An employer the registration form offers to pick.</summary>
public sealed record EnterpriseChoice(long Id, string Name, string? CreditCode, string UnitName);

/// <summary>A user a case may be assigned to.</summary>
public sealed record MediatorChoice(long Id, string DisplayName, string UnitName);

/// <summary>
/// The few reads only the pages need, beside the shared read models: the cases assigned to me, the employers and
/// mediators of my units for the forms' choices.
/// </summary>
public sealed class PageQueries(Database database, CaseQueries cases)
{
    public const int MaxAssigned = 100;
    public const int MaxEnterprises = 500;

    /// <summary>My open cases in my units, most urgent first (the case list's own query and order).</summary>
    public async Task<IReadOnlyList<CaseListItem>> AssignedAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var page = await cases.ListAsync(new CaseFilter { MediatorUserId = user.Id, OpenOnly = true, Limit = MaxAssigned }, user.Viewer, ct);
        return page.Items;
    }

    /// <summary>Employers located in my units, by name.</summary>
    public async Task<IReadOnlyList<EnterpriseChoice>> EnterprisesAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var dialect = database.Dialect;
        var sql = $"""
            SELECT e.id AS Id, e.name AS Name, e.credit_code AS CreditCode, u.name AS UnitName
            FROM enterprises AS e JOIN org_units AS u ON u.id = e.unit_id
            WHERE {dialect.SubtreeCondition("u.path")}
            ORDER BY e.name, e.id
            {dialect.Paging()}
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<EnterpriseRow>(new CommandDefinition(
            sql, new { SubtreePattern = dialect.SubtreePattern(user.UnitPath), Offset = 0, Limit = MaxEnterprises }, cancellationToken: ct));
        return [.. rows.Select(r => new EnterpriseChoice(r.Id, r.Name, r.CreditCode, r.UnitName))];
    }

    /// <summary>
    /// Whom a case accepted at <paramref name="unitId"/> may be assigned to (the rule is <see cref="CaseQueries.AssignableMediatorsAsync"/>):
    /// the accepting unit's own people first, then those of the units below it that host a mediation level.
    /// </summary>
    public async Task<IReadOnlyList<MediatorChoice>> MediatorsAsync(long unitId, CancellationToken ct)
    {
        var all = await cases.AssignableMediatorsAsync(unitId, ct);
        return [.. all.Select(u => new MediatorChoice(u.Id, u.DisplayName, u.UnitName))];
    }


    private sealed class EnterpriseRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? CreditCode { get; init; }
        public string UnitName { get; init; } = "";
    }
}
