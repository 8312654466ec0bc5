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
public sealed class PageQueries(Database database, UserStore users, CaseQueries cases)
{
    public const int MaxAssigned = 100;
    public const int MaxEnterprises = 500;

    /// <summary>My open cases in my units, most urgent first (the case list's own query and order).</summary>
    public async Task<IReadOnlyList<CaseListItem>> AssignedAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var page = await cases.ListAsync(new CaseFilter { MediatorUserId = user.Id, OpenOnly = true, Limit = MaxAssigned }, user.UnitPath, ct);
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

    /// <summary>Active mediators and township users of my units: whom an accepted case may be assigned to.</summary>
    public async Task<IReadOnlyList<MediatorChoice>> MediatorsAsync(CurrentUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var all = await users.ListAsync(user.UnitPath, ct);
        return
        [
            .. all.Where(u => u.IsActive && u.Roles.Any(r => r is Roles.Mediator or Roles.Township))
                .OrderBy(u => u.Roles.Contains(Roles.Mediator) ? 0 : 1).ThenBy(u => u.DisplayName, StringComparer.Ordinal)
                .Select(u => new MediatorChoice(u.Id, u.DisplayName, u.UnitName)),
        ];
    }


    private sealed class EnterpriseRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? CreditCode { get; init; }
        public string UnitName { get; init; } = "";
    }
}
