using CaseFlow.Domain.Cases;
using CaseFlow.Domain.Evaluation;

namespace CaseFlow.Domain.Tests.Evaluation;

/// <summary>Builds <see cref="ScoredCase"/>s step by step: <c>AScoredCase.At("/1/2/").Graded(...).Accepted().Build()</c>.</summary>
internal sealed class AScoredCase
{
    private static long _ids;
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private readonly long _id = Interlocked.Increment(ref _ids);
    private readonly string _path;
    private readonly List<CaseStep> _steps = [];
    private readonly List<AgreementFact> _agreements = [];
    private CaseState _state = CaseState.Registered;
    private RiskColor _color = RiskColor.Yellow;
    private decimal? _owed;
    private decimal _recovered;
    private int? _satisfaction;

    private AScoredCase(string path) => _path = path;

    public static AScoredCase At(string path) => new(path);

    public AScoredCase Graded(RiskColor color, int level)
    {
        _color = color;
        return Step(CaseTrigger.Grade, Awaiting(level));
    }

    public AScoredCase Accepted() => Step(CaseTrigger.Accept, _state switch
    {
        CaseState.Level1AwaitingAcceptance => CaseState.Level1InMediation,
        CaseState.Level2AwaitingAcceptance => CaseState.Level2InMediation,
        _ => CaseState.Level3InMediation,
    });

    public AScoredCase Escalated(int toLevel) => Step(CaseTrigger.Escalate, Awaiting(toLevel));

    public AScoredCase TimedOut(int toLevel) => Step(CaseTrigger.DeadlineElapsed, Awaiting(toLevel));

    public AScoredCase Agreed(DateOnly due, DateOnly? performedOn)
    {
        _agreements.Add(new AgreementFact(due, performedOn is { } d ? ChinaTime.At(d, new TimeOnly(15, 0)) : null));
        return Step(CaseTrigger.ReachAgreement, CaseState.AgreementReached);
    }

    public AScoredCase Withdrawn() => Step(CaseTrigger.Withdraw, CaseState.Withdrawn);

    public AScoredCase Owed(decimal owed, decimal recovered)
    {
        _owed = owed;
        _recovered = recovered;
        return this;
    }

    public AScoredCase FollowedUp(int satisfaction)
    {
        _satisfaction = satisfaction;
        return this;
    }

    public ScoredCase Build() => new()
    {
        Id = _id,
        Number = "AJ-2026-" + _id.ToString("000000", System.Globalization.CultureInfo.InvariantCulture),
        LocationPath = _path,
        Color = _color,
        AmountOwed = _owed,
        AmountRecovered = _recovered,
        Steps = [.. _steps],
        Agreements = [.. _agreements],
        Satisfaction = _satisfaction,
    };

    private AScoredCase Step(CaseTrigger trigger, CaseState to)
    {
        _steps.Add(new CaseStep(T0.AddHours(_steps.Count), trigger, _state, to));
        _state = to;
        return this;
    }

    private static CaseState Awaiting(int level) => level switch
    {
        1 => CaseState.Level1AwaitingAcceptance,
        2 => CaseState.Level2AwaitingAcceptance,
        _ => CaseState.Level3AwaitingAcceptance,
    };
}
