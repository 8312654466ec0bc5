using System.Globalization;
using CaseFlow.Data.Audit;
using CaseFlow.Domain.Cases;
using Dapper;

namespace CaseFlow.Data.Cases;

/// <summary>A party of a printed agreement, with the clear numbers the paper carries.</summary>
public sealed record AgreementWorker(string Name, string IdNumber, string Phone, decimal AmountOwed, decimal MonthsOwed);

/// <summary>What the printed mediation agreement (调解协议书) needs: the case, the employer, the workers and the terms.</summary>
public sealed record AgreementDocument
{
    public required long CaseId { get; init; }
    public required string Number { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<ClaimType> ClaimTypes { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required decimal AmountOwed { get; init; }

    /// <summary>The mediating unit: the case's unit when the agreement was signed (a case does not move after it).</summary>
    public required string UnitName { get; init; }

    /// <summary>The org_units.kind of that unit; an enterprise's committee signs a 调解协议书, the others a 人民调解协议书.</summary>
    public required string UnitKind { get; init; }

    /// <summary>The county's name for the mediation level the agreement was reached at (e.g. 镇级调解), when known.</summary>
    public string? LevelNameZh { get; init; }
    public string? LevelNameEn { get; init; }
    public string? EnterpriseName { get; init; }
    public string? CreditCode { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? EnterpriseAddress { get; init; }
    public required DateTimeOffset SignedAt { get; init; }
    public required decimal Amount { get; init; }
    public required DateOnly PaymentDueDate { get; init; }
    public required string Method { get; init; }
    public string? Terms { get; init; }
    public required IReadOnlyList<AgreementWorker> Workers { get; init; }
}

/// <summary>
/// The papers printed from a case. The agreement carries the parties' full numbers, so reading it is a reveal:
/// audited (<c>case.reveal</c>, with the purpose) in the transaction of the read, exactly as the reveal button is.
/// </summary>
public sealed class CaseDocuments(Database database, AuditWriter audit)
{
    /// <summary>The purpose the audit record of a printed agreement names.</summary>
    public const string PrintAgreementPurpose = "打印调解协议书";

    /// <returns>Null when the case is not in the caller's jurisdiction or has no agreement.</returns>
    public Task<AgreementDocument?> AgreementAsync(long caseId, CaseActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var dialect = database.Dialect;
        var sql = $"""
            SELECT c.id AS CaseId, c.number AS Number, c.description AS Description, c.claim_types AS ClaimTypes,
                   c.first_received_at AS ReceivedAt, c.amount_owed AS AmountOwed, u.name AS UnitName, u.kind AS UnitKind,
                   l.name_zh AS LevelNameZh, l.name_en AS LevelNameEn,
                   e.name AS EnterpriseName, e.credit_code AS CreditCode, e.legal_representative AS LegalRepresentative,
                   e.address AS EnterpriseAddress,
                   a.signed_at AS SignedAt, a.amount AS Amount, a.payment_due_date AS PaymentDueDate, a.method AS Method, a.terms AS Terms
            FROM cases AS c
            JOIN org_units AS u ON u.id = c.unit_id
            JOIN agreements AS a ON a.id = (SELECT MAX(x.id) FROM agreements AS x WHERE x.case_id = c.id)
            LEFT JOIN mediation_ladders AS l ON l.county_id = u.county_id AND l.level = COALESCE(c.level, c.last_mediation_level)
            LEFT JOIN enterprises AS e ON e.id = c.enterprise_id
            WHERE c.id = @Id AND {dialect.SubtreeCondition("u.path")};
            SELECT p.name AS Name, p.id_number AS IdNumber, p.phone AS Phone, p.amount_owed AS AmountOwed, p.months_owed AS MonthsOwed
            FROM case_parties AS p WHERE p.case_id = @Id AND p.kind = 'worker' ORDER BY p.id;
            """;
        return database.InTransactionAsync<AgreementDocument?>(
            async (connection, transaction) =>
            {
                StoredAgreement? row;
                List<AgreementWorker> workers;
                await using (var grid = await connection.QueryMultipleAsync(new CommandDefinition(
                    sql, new { Id = caseId, SubtreePattern = dialect.SubtreePattern(actor.ScopePath) }, transaction, cancellationToken: ct)))
                {
                    row = await grid.ReadSingleOrDefaultAsync<StoredAgreement>();
                    workers = [.. (await grid.ReadAsync<StoredWorker>())
                        .Select(w => new AgreementWorker(w.Name, w.IdNumber ?? "", w.Phone ?? "", w.AmountOwed ?? 0m, w.MonthsOwed ?? 0m))];
                }

                if (row is null)
                {
                    return null;
                }

                await audit.WriteAsync(
                    connection, transaction, actor.Audit, "case.reveal", "case", caseId.ToString(CultureInfo.InvariantCulture),
                    new { row.Number, workers = workers.Count, purpose = PrintAgreementPurpose }, ct);
                return new AgreementDocument
                {
                    CaseId = row.CaseId,
                    Number = row.Number,
                    Description = row.Description,
                    ClaimTypes = [.. (DbJson.Deserialize<string[]>(row.ClaimTypes) ?? []).Select(DbCode.Parse<ClaimType>)],
                    ReceivedAt = row.ReceivedAt,
                    AmountOwed = row.AmountOwed ?? 0m,
                    UnitName = row.UnitName,
                    UnitKind = row.UnitKind,
                    LevelNameZh = row.LevelNameZh,
                    LevelNameEn = row.LevelNameEn,
                    EnterpriseName = row.EnterpriseName,
                    CreditCode = row.CreditCode,
                    LegalRepresentative = row.LegalRepresentative,
                    EnterpriseAddress = row.EnterpriseAddress,
                    SignedAt = row.SignedAt,
                    Amount = row.Amount,
                    PaymentDueDate = row.PaymentDueDate,
                    Method = row.Method,
                    Terms = row.Terms,
                    Workers = workers,
                };
            },
            ct);
    }

    private sealed class StoredAgreement
    {
        public long CaseId { get; init; }
        public string Number { get; init; } = "";
        public string Description { get; init; } = "";
        public string ClaimTypes { get; init; } = "[]";
        public DateTimeOffset ReceivedAt { get; init; }
        public decimal? AmountOwed { get; init; }
        public string UnitName { get; init; } = "";
        public string UnitKind { get; init; } = "";
        public string? LevelNameZh { get; init; }
        public string? LevelNameEn { get; init; }
        public string? EnterpriseName { get; init; }
        public string? CreditCode { get; init; }
        public string? LegalRepresentative { get; init; }
        public string? EnterpriseAddress { get; init; }
        public DateTimeOffset SignedAt { get; init; }
        public decimal Amount { get; init; }
        public DateOnly PaymentDueDate { get; init; }
        public string Method { get; init; } = "";
        public string? Terms { get; init; }
    }

    private sealed class StoredWorker
    {
        public string Name { get; init; } = "";
        public string? IdNumber { get; init; }
        public string? Phone { get; init; }
        public decimal? AmountOwed { get; init; }
        public decimal? MonthsOwed { get; init; }
    }
}
