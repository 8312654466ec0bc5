using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Cases;

/// <summary>What an intake form records for a new dispute.</summary>
public sealed record NewCase
{
    public required string Number { get; init; }
    public required Channel Channel { get; init; }
    public required IReadOnlyList<ClaimType> ClaimTypes { get; init; }
    public string Description { get; init; } = "";
    public required DateTimeOffset ReceivedAt { get; init; }
    public required long EnterpriseId { get; init; }
    public required long LocationUnitId { get; init; }
    public required IReadOnlyList<CaseWorker> Workers { get; init; }
    public int DeclaredWorkers { get; init; }
    public RiskSignals Signals { get; init; }
}

/// <summary>A case as stored: the store fills one from its rows and <see cref="DisputeCase.Restore"/> rebuilds the case.</summary>
public sealed record CaseSnapshot
{
    public long Id { get; init; }
    public string Number { get; init; } = "";
    public Channel Channel { get; init; }
    public IReadOnlyList<ClaimType> ClaimTypes { get; init; } = [];
    public string Description { get; init; } = "";
    public DateTimeOffset FirstReceivedAt { get; init; }
    public DateTimeOffset ReceivedAtLevel { get; init; }
    public long EnterpriseId { get; init; }
    public long LocationUnitId { get; init; }
    public long UnitId { get; init; }
    public CaseState State { get; init; }
    public RiskColor? RiskColor { get; init; }
    public IReadOnlyList<FiredRule> RiskRules { get; init; } = [];
    public RiskSignals Signals { get; init; }
    public IReadOnlyList<CaseWorker> Workers { get; init; } = [];
    public int DeclaredWorkers { get; init; }
    public decimal AmountRecovered { get; init; }
    public long? MediatorUserId { get; init; }
    public int LastMediationLevel { get; init; } = 1;
    public int ExtensionDays { get; init; }
    public AgreementTerms? Agreement { get; init; }
    public Referral? Referral { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public int Version { get; init; }
}
