using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Tests.Cases;

/// <summary>
/// Builds a stored case in any state, as the store would restore it: <c>ACase.In(CaseState.Closed).LastMediatedAt(2).Build()</c>.
/// Its actions run along the Anji ladder of <see cref="ADisputeCase"/>.
/// </summary>
internal sealed class ACase
{
    public static readonly DateTimeOffset Now = ADisputeCase.Received.AddDays(3);

    private readonly CaseState _state;
    private bool _hasMinimumFacts = true;
    private int _lastLevel = 1;
    private bool _withinReopenWindow = true;

    private ACase(CaseState state) => _state = state;

    public static CaseRouting Routing => ADisputeCase.Anji;

    /// <summary>A mediator acting now.</summary>
    public static ActionContext By { get; } = new(Now, 42, "测试");

    public static ACase In(CaseState state) => new(state);

    /// <summary>A grading result of the colour, as the rules would give it.</summary>
    public static GradingResult Graded(RiskColor colour) =>
        new(colour, [new FiredRule($"test.{colour}", colour, "测试", "test")]);

    public ACase WithoutMinimumFacts()
    {
        _hasMinimumFacts = false;
        return this;
    }

    public ACase LastMediatedAt(int level)
    {
        _lastLevel = level;
        return this;
    }

    public ACase OutsideReopenWindow()
    {
        _withinReopenWindow = false;
        return this;
    }

    public DisputeCase Build()
    {
        var level = CaseWorkflow.LevelOf(_state);
        return DisputeCase.Restore(new CaseSnapshot
        {
            Id = 1,
            Number = "AJ-2025-000001",
            Channel = Channel.WalkIn,
            ClaimTypes = [ClaimType.WageArrears],
            FirstReceivedAt = ADisputeCase.Received,
            ReceivedAtLevel = ADisputeCase.Received,
            EnterpriseId = _hasMinimumFacts ? 9 : 0,
            LocationUnitId = ADisputeCase.Group.Id,
            UnitId = level is { } l ? Routing.HostFor(l).Id : ADisputeCase.Group.Id,
            State = _state,
            RiskColor = _state == CaseState.Registered ? null : RiskColor.Yellow,
            Workers = [new CaseWorker("张三", "330523199001011238", "13812345678", 3000m, 0.5m)],
            LastMediationLevel = level ?? _lastLevel,
            ClosedAt = IsClosed(_state) ? (_withinReopenWindow ? Now.AddDays(-1) : Now.AddDays(-31)) : null,
            Version = 3,
        });
    }

    /// <summary>Fires the trigger through its intent method with a valid argument.</summary>
    public static void FireWithValidArgument(DisputeCase c, CaseTrigger trigger, ActionContext? context = null)
    {
        var by = context ?? By;
        switch (trigger)
        {
            case CaseTrigger.Grade:
                c.Grade(Graded(RiskColor.Yellow), Routing, by);
                break;
            case CaseTrigger.Accept:
                c.Accept(1, by);
                break;
            case CaseTrigger.RecordSession:
                c.RecordSession(new MediationSession(by.Now, "第一次调解"), by);
                break;
            case CaseTrigger.InviteParties:
                c.InviteParties(new PartyInvitation(true, false, false, null), by);
                break;
            case CaseTrigger.ExtendDeadline:
                c.ExtendDeadline(new DeadlineExtension(3, true, true), by);
                break;
            case CaseTrigger.Escalate:
                c.Escalate(Routing, by);
                break;
            case CaseTrigger.DeadlineElapsed:
                c.DeadlineElapsed(Routing, By with { UserId = null });
                break;
            case CaseTrigger.RiskRaised:
                c.RaiseRisk(Graded(RiskColor.Red), Routing, by);
                break;
            case CaseTrigger.ReachAgreement:
                c.ReachAgreement(new AgreementTerms(3000m, DateOnly.FromDateTime(by.Now.Date).AddDays(10), "银行转账"), by);
                break;
            case CaseTrigger.ConfirmPerformance:
                c.ConfirmPerformance(3000m, by);
                break;
            case CaseTrigger.PerformanceOverdue:
                c.PerformanceOverdue(by with { UserId = null });
                break;
            case CaseTrigger.Refer:
                c.Refer(new Referral(ReferralBody.Arbitration, "仲裁-1"), by);
                break;
            case CaseTrigger.CloseReferral:
                c.CloseReferral("已裁决", by);
                break;
            case CaseTrigger.RecordFollowUp:
                c.RecordFollowUp(new FollowUp(5, null), by);
                break;
            case CaseTrigger.Withdraw:
                c.Withdraw(by);
                break;
            case CaseTrigger.Reject:
                c.Reject(by);
                break;
            case CaseTrigger.Reopen:
                c.Reopen(Routing, 30, by);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "Not a case trigger.");
        }
    }

    private static bool IsClosed(CaseState state) => state is CaseState.Closed or CaseState.Withdrawn or CaseState.Rejected;
}
