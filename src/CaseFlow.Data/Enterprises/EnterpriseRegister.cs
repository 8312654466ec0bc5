using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Enterprises;
using CaseFlow.Domain.Parties;
using Dapper;

namespace CaseFlow.Data.Enterprises;

/// <summary>One employer on the register: its figures across its disputes, its alerts and its rank on the watch list.</summary>
public sealed record RegisterEntry(
    long Id, string Name, string? CreditCode, long UnitId, string UnitName, EnterpriseFigures Figures, decimal AmountOwed, decimal AmountRecovered,
    long Workers, EnterpriseAlerts Alerts, RiskColor? Color, long Rank);

/// <summary>A year of an employer's disputes.</summary>
public sealed record DisputeYear(int Year, int Disputes, long Workers, decimal AmountOwed, decimal AmountRecovered);

/// <summary>One of an employer's cases, as its page lists it.</summary>
public sealed record EnterpriseCase(long Id, string Number, CaseState State, RiskColor? Color, DateTimeOffset ReceivedAt, int Workers, decimal AmountOwed, decimal AmountRecovered, bool AgreementBroken);

/// <summary>An employer's page: the register entry, its details (phone masked), its disputes by year and the cases the caller may open.</summary>
public sealed record EnterpriseDetail(RegisterEntry Entry, string? Address, string? LegalRepresentative, string? MaskedPhone, IReadOnlyList<DisputeYear> Years, IReadOnlyList<EnterpriseCase> Cases);

/// <summary>
/// The enterprise risk register (Jimo's 202 enterprises, Anji's watch list): every employer of the caller's area with
/// its disputes, workers, money, colours and broken agreements, the alerts of <see cref="EnterpriseRisk"/>, and the
/// latest grid screening. Read-only; scoped by where the employer is located.
/// </summary>
public sealed class EnterpriseRegister(Database database, EnterpriseRegisterOptions options, TimeProvider time)
{
    private readonly SqlDialect _dialect = database.Dialect;

    /// <summary>Every employer located in the caller's area that has a dispute, a screening record or a health check, highest risk first.</summary>
    public async Task<IReadOnlyList<RegisterEntry>> ListAsync(string scopePath, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        var entries = await EntriesAsync(connection, scopePath, enterpriseId: null, ct);
        return [.. entries.Where(e => e.Figures.Disputes > 0 || e.Alerts != EnterpriseAlerts.None || e.Figures.LastHealthCheck is not null)
            .OrderByDescending(e => e.Rank).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The employer's page, or null when the caller may not see it: it is located outside the caller's area and none
    /// of its cases is handled inside it.
    /// </summary>
    public async Task<EnterpriseDetail?> GetAsync(long id, string scopePath, CancellationToken ct = default)
    {
        var visible = $"""
            SELECT e.address AS Address, e.legal_representative AS LegalRepresentative, e.contact_phone AS ContactPhone
            FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
            WHERE e.id = @Id AND ({_dialect.SubtreeCondition("eu.path")}
               OR EXISTS (SELECT 1 FROM cases AS c JOIN org_units AS cu ON cu.id = c.unit_id
                          WHERE c.enterprise_id = e.id AND {_dialect.SubtreeCondition("cu.path")}))
            """;
        var pattern = _dialect.SubtreePattern(scopePath);
        await using var connection = await database.OpenAsync(ct);
        var details = await connection.QuerySingleOrDefaultAsync<StoredDetails>(new CommandDefinition(visible, new { Id = id, SubtreePattern = pattern }, cancellationToken: ct));
        if (details is null)
        {
            return null;
        }

        // The figures cover every dispute of the employer; the list holds only the cases the caller may open.
        var entry = (await EntriesAsync(connection, "/", id, ct)).Single();
        var casesSql = $"""
            SELECT c.id AS Id, c.number AS Number, c.state AS State, c.risk_color AS RiskColor, c.first_received_at AS ReceivedAt,
                   c.workers_involved AS Workers, c.amount_owed AS AmountOwed, c.amount_recovered AS AmountRecovered,
                   (SELECT COUNT(*) FROM agreements AS a WHERE a.case_id = c.id AND a.performed_at IS NULL AND a.payment_due_date < @Today) AS BrokenAgreements
            FROM cases AS c JOIN org_units AS cu ON cu.id = c.unit_id
            WHERE c.enterprise_id = @Id AND {_dialect.SubtreeCondition("cu.path")}
            ORDER BY c.first_received_at DESC, c.id DESC
            """;
        var today = ChinaTime.DateOf(time.GetUtcNow());
        var cases = await connection.QueryAsync<StoredCase>(new CommandDefinition(casesSql, new { Id = id, SubtreePattern = pattern, Today = today }, cancellationToken: ct));
        const string yearsSql = """
            SELECT c.first_received_at AS ReceivedAt, c.workers_involved AS Workers, c.amount_owed AS AmountOwed, c.amount_recovered AS AmountRecovered
            FROM cases AS c WHERE c.enterprise_id = @Id
            """;
        var all = await connection.QueryAsync<StoredCase>(new CommandDefinition(yearsSql, new { Id = id }, cancellationToken: ct));
        var years = all.GroupBy(c => ChinaTime.DateOf(c.ReceivedAt).Year).OrderByDescending(g => g.Key)
            .Select(g => new DisputeYear(g.Key, g.Count(), g.Sum(c => (long)(c.Workers ?? 0)), g.Sum(c => c.AmountOwed ?? 0m), g.Sum(c => c.AmountRecovered)))
            .ToList();
        return new EnterpriseDetail(
            entry, details.Address, details.LegalRepresentative, Masking.Phone(details.ContactPhone ?? ""), years,
            [.. cases.Select(c => new EnterpriseCase(c.Id, c.Number, Enum.Parse<CaseState>(c.State), (RiskColor?)c.RiskColor, c.ReceivedAt, c.Workers ?? 0, c.AmountOwed ?? 0m, c.AmountRecovered, c.BrokenAgreements > 0))]);
    }

    private async Task<IReadOnlyList<RegisterEntry>> EntriesAsync(System.Data.Common.DbConnection connection, string scopePath, long? enterpriseId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var inScope = $"""
            FROM enterprises AS e JOIN org_units AS eu ON eu.id = e.unit_id
            WHERE {_dialect.SubtreeCondition("eu.path")} AND (@EnterpriseId IS NULL OR e.id = @EnterpriseId)
            """;
        var sql = $"""
            SELECT e.id AS Id, e.name AS Name, e.credit_code AS CreditCode, e.unit_id AS UnitId, eu.name AS UnitName,
                   COUNT(c.id) AS Disputes,
                   SUM(CASE WHEN c.first_received_at >= @Since THEN 1 ELSE 0 END) AS RecentDisputes,
                   SUM(CASE WHEN c.id IS NOT NULL AND c.closed_at IS NULL THEN 1 ELSE 0 END) AS OpenCases,
                   MAX(CASE WHEN c.closed_at IS NULL THEN c.risk_color END) AS OpenColor,
                   SUM(COALESCE(c.workers_involved, 0)) AS Workers,
                   SUM(COALESCE(c.amount_owed, 0)) AS AmountOwed,
                   SUM(COALESCE(c.amount_recovered, 0)) AS AmountRecovered,
                   SUM(CASE WHEN c.risk_rules LIKE '%"red.criminal-%' THEN 1 ELSE 0 END) AS CriminalThresholdCases,
                   SUM(CASE WHEN c.collective_action = 1 AND c.claim_types LIKE '%"wage_arrears"%' THEN 1 ELSE 0 END) AS CollectiveArrearsCases
            FROM enterprises AS e
            JOIN org_units AS eu ON eu.id = e.unit_id
            LEFT JOIN cases AS c ON c.enterprise_id = e.id
            WHERE {_dialect.SubtreeCondition("eu.path")} AND (@EnterpriseId IS NULL OR e.id = @EnterpriseId)
            GROUP BY e.id, e.name, e.credit_code, e.unit_id, eu.name;
            SELECT c.enterprise_id AS EnterpriseId, COUNT(DISTINCT c.id) AS Cases
            FROM cases AS c JOIN agreements AS a ON a.case_id = c.id
            WHERE a.performed_at IS NULL AND a.payment_due_date < @Today AND c.enterprise_id IN (SELECT e.id {inScope})
            GROUP BY c.enterprise_id;
            SELECT h.enterprise_id AS EnterpriseId, MAX(h.checked_on) AS CheckedOn
            FROM health_checks AS h WHERE h.enterprise_id IN (SELECT e.id {inScope})
            GROUP BY h.enterprise_id;
            SELECT r.enterprise_id AS EnterpriseId, r.risk_color AS RiskColor, r.risk_rules AS RiskRules
            FROM screening_records AS r
            WHERE r.id = (SELECT MAX(x.id) FROM screening_records AS x WHERE x.enterprise_id = r.enterprise_id)
              AND r.enterprise_id IN (SELECT e.id {inScope});
            """;
        var args = new
        {
            SubtreePattern = _dialect.SubtreePattern(scopePath),
            EnterpriseId = enterpriseId,
            Since = ChinaTime.At(today.AddMonths(-options.RepeatWindowMonths), TimeOnly.MinValue),
            Today = today,
        };
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(sql, args, cancellationToken: ct));
        var rows = (await grid.ReadAsync<StoredEntry>()).ToList();
        var broken = (await grid.ReadAsync<StoredCount>()).ToDictionary(r => r.EnterpriseId, r => (int)r.Cases);
        var checks = (await grid.ReadAsync<StoredCheck>()).ToDictionary(r => r.EnterpriseId, r => r.CheckedOn);
        var screenings = (await grid.ReadAsync<StoredScreening>()).ToDictionary(r => r.EnterpriseId);
        return [.. rows.Select(r =>
        {
            screenings.TryGetValue(r.Id, out var screening);
            var figures = new EnterpriseFigures
            {
                Disputes = (int)r.Disputes,
                RecentDisputes = (int)(r.RecentDisputes ?? 0),
                OpenCases = (int)(r.OpenCases ?? 0),
                OpenColor = (RiskColor?)r.OpenColor,
                AgreementsBroken = broken.GetValueOrDefault(r.Id),
                CriminalThresholdCases = (int)(r.CriminalThresholdCases ?? 0),
                CollectiveArrearsCases = (int)(r.CollectiveArrearsCases ?? 0),
                LastHealthCheck = checks.TryGetValue(r.Id, out var checkedOn) ? checkedOn : null,
                ScreeningColor = (RiskColor?)screening?.RiskColor,
                ScreeningCriminalThreshold = screening?.RiskRules?.Contains("\"red.criminal-", StringComparison.Ordinal) == true,
            };
            var alerts = EnterpriseRisk.AlertsOf(figures, options, today);
            return new RegisterEntry(r.Id, r.Name, r.CreditCode, r.UnitId, r.UnitName, figures, r.AmountOwed ?? 0m, r.AmountRecovered ?? 0m,
                r.Workers ?? 0, alerts, EnterpriseRisk.ColorOf(figures), EnterpriseRisk.RankOf(figures, alerts));
        })];
    }

    private sealed class StoredEntry
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string? CreditCode { get; init; }
        public long UnitId { get; init; }
        public string UnitName { get; init; } = "";
        public long Disputes { get; init; }
        public long? RecentDisputes { get; init; }
        public long? OpenCases { get; init; }
        public int? OpenColor { get; init; }
        public long? Workers { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal? AmountRecovered { get; init; }
        public long? CriminalThresholdCases { get; init; }
        public long? CollectiveArrearsCases { get; init; }
    }

    private sealed class StoredCount
    {
        public long EnterpriseId { get; init; }
        public long Cases { get; init; }
    }

    private sealed class StoredCheck
    {
        public long EnterpriseId { get; init; }
        public DateOnly CheckedOn { get; init; }
    }

    private sealed class StoredScreening
    {
        public long EnterpriseId { get; init; }
        public int? RiskColor { get; init; }
        public string? RiskRules { get; init; }
    }

    private sealed class StoredDetails
    {
        public string? Address { get; init; }
        public string? LegalRepresentative { get; init; }
        public string? ContactPhone { get; init; }
    }

    private sealed class StoredCase
    {
        public long Id { get; init; }
        public string Number { get; init; } = "";
        public string State { get; init; } = "";
        public int? RiskColor { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public int? Workers { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal AmountRecovered { get; init; }
        public long BrokenAgreements { get; init; }
    }
}
