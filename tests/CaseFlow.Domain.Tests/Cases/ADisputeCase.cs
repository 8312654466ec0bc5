using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;
using CaseFlow.Domain.Organisation;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>Builds registered dispute cases and the Anji/Jimo unit chains they route along.</summary>
internal sealed class ADisputeCase
{
    public static readonly DateTimeOffset Received = new(2025, 3, 3, 9, 30, 0, ChinaTime.Offset); // a Monday

    public static readonly OrgUnit County = new(1, null, UnitKind.County, "安吉县", "/1/");
    public static readonly OrgUnit Town = new(5, 1, UnitKind.Town, "杭垓镇", "/1/5/");
    public static readonly OrgUnit Village = new(23, 5, UnitKind.Village, "高村村", "/1/5/23/");
    public static readonly OrgUnit Group = new(77, 23, UnitKind.Enterprise, "竹木公司调解小组", "/1/5/23/77/");

    public static CaseRouting Anji { get; } = new([Group, Village, Town, County], MediationLadder.Anji);

    public static CaseRouting Jimo { get; } = new([Group, Village, Town, County], MediationLadder.Jimo);

    private readonly List<CaseWorker> _workers = [];
    private RiskSignals _signals;
    private DateTimeOffset _received = Received;

    public ADisputeCase WithWorker(decimal amount = 9000m, decimal months = 1.5m)
    {
        _workers.Add(new CaseWorker($"工人{_workers.Count + 1}", "330523199001011238", "13812345678", amount, months));
        return this;
    }

    public ADisputeCase With(RiskSignals signals)
    {
        _signals = signals;
        return this;
    }

    public ADisputeCase ReceivedAt(DateTimeOffset at)
    {
        _received = at;
        return this;
    }

    public DisputeCase Build() => DisputeCase.Register(new NewCase
    {
        Number = "AJ-2025-000001",
        Channel = Channel.WalkIn,
        ClaimTypes = [ClaimType.WageArrears],
        ReceivedAt = _received,
        EnterpriseId = 9,
        LocationUnitId = Group.Id,
        Workers = _workers.Count > 0 ? _workers : [new CaseWorker("张三", "330523199001011238", "13812345678", 3000m, 0.5m)],
        Signals = _signals,
    });

    /// <summary>Registered and graded by the default rules, routed along the Anji ladder.</summary>
    public DisputeCase Graded(CaseRouting? routing = null)
    {
        var c = Build();
        c.Grade(new RiskGrader(new GradingOptions()).Grade(c.Facts()), routing ?? Anji, new ActionContext(_received, 100));
        return c;
    }
}
