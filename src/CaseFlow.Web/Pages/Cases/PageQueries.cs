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
/// The few reads only the pages need, beside the shared read models: the cases assigned to me (the list query has
/// no mediator filter), the employers and mediators of my units for the forms' choices.
/// </summary>
public sealed class PageQueries(Database database, UserStore users)
{
    public const int MaxAssigned = 100;
    public const int MaxEnterprises = 500;

    /// <summary>My open cases in my units, in the list query's order (nearest deadline first, then red before yellow).</summary>
    public async Task<IReadOnlyList<CaseListItem>> AssignedAsync(CurrentUser user, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var dialect = database.Dialect;
        var sql = $"""
            SELECT c.id AS Id, c.number AS Number, c.state AS State, c.level AS Level, c.unit_id AS UnitId, u.name AS UnitName,
                   c.risk_color AS RiskColor, e.name AS EnterpriseName, c.first_received_at AS ReceivedAt,
                   c.amount_owed AS AmountOwed, c.workers_involved AS WorkersInvolved, c.next_due_at AS NextDueAt, c.version AS Version
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE c.mediator_user_id = @Me AND c.closed_at IS NULL AND {dialect.SubtreeCondition("u.path")}
            ORDER BY CASE WHEN c.next_due_at IS NULL THEN 1 ELSE 0 END, c.next_due_at, c.risk_color DESC, c.id
            {dialect.Paging()}
            """;
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            sql, new { Me = user.Id, SubtreePattern = dialect.SubtreePattern(user.UnitPath), Offset = 0, Limit = MaxAssigned }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToItem(now))];
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

    private sealed class Row
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string State { get; init; } = "";
        public int? Level { get; init; }
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public int? RiskColor { get; init; }
        public string? EnterpriseName { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public int? WorkersInvolved { get; init; }
        public DateTimeOffset? NextDueAt { get; init; }
        public int Version { get; init; }

        public CaseListItem ToItem(DateTimeOffset now) => new()
        {
            Id = Id,
            Number = Number,
            State = Enum.Parse<CaseState>(State),
            Level = Level,
            UnitId = UnitId,
            UnitName = UnitName,
            RiskColor = (RiskColor?)RiskColor,
            EnterpriseName = EnterpriseName,
            ReceivedAt = ReceivedAt,
            AmountOwed = AmountOwed ?? 0m,
            WorkersInvolved = WorkersInvolved ?? 0,
            NextDueAt = NextDueAt,
            Overdue = NextDueAt <= now,
            Version = Version,
        };
    }

    private sealed class EnterpriseRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? CreditCode { get; init; }
        public string UnitName { get; init; } = "";
    }
}
