using CaseFlow.Domain.Grading;

namespace CaseFlow.Domain.Cases;

/// <summary>
/// A labour dispute and its way through grading and the three mediation levels. The case owns its workflow: a
/// Stateless machine private to the case, built from <see cref="CaseWorkflow"/>'s one configuration over the case's
/// own state. Every change goes through an intent method that checks the action, fires its trigger, appends a
/// <see cref="CaseEvent"/> and leaves notices for the store to write in the same transaction; a refused action
/// throws <see cref="CaseActionRefusedException"/> and changes nothing. A case is one unit of work's object and not
/// thread-safe.
/// </summary>
public sealed class DisputeCase
{
    private readonly List<CaseWorker> _workers;
    private readonly List<CaseEvent> _newEvents = [];
    private readonly List<CaseNotice> _newNotices = [];
    private readonly List<MediationSession> _newSessions = [];
    private CaseState _state;

    private DisputeCase(CaseSnapshot s)
    {
        Id = s.Id;
        Number = s.Number;
        Channel = s.Channel;
        ClaimTypes = s.ClaimTypes;
        Description = s.Description;
        FirstReceivedAt = s.FirstReceivedAt;
        ReceivedAtLevel = s.ReceivedAtLevel;
        EnterpriseId = s.EnterpriseId;
        LocationUnitId = s.LocationUnitId;
        UnitId = s.UnitId;
        _state = s.State;
        RiskColor = s.RiskColor;
        RiskRules = s.RiskRules;
        Signals = s.Signals;
        _workers = [.. s.Workers];
        DeclaredWorkers = s.DeclaredWorkers;
        AmountRecovered = s.AmountRecovered;
        MediatorUserId = s.MediatorUserId;
        LastMediationLevel = s.LastMediationLevel;
        ExtensionDays = s.ExtensionDays;
        Agreement = s.Agreement;
        Referral = s.Referral;
        ClosedAt = s.ClosedAt;
        Version = s.Version;
    }

    public long Id { get; private set; }

    public string Number { get; private set; }

    public Channel Channel { get; }

    public IReadOnlyList<ClaimType> ClaimTypes { get; }

    public string Description { get; }

    /// <summary>When the first mediation body received the application: the statutory 15 days run from here.</summary>
    public DateTimeOffset FirstReceivedAt { get; }

    /// <summary>When the unit at the current level received the case: that level's clock runs from here.</summary>
    public DateTimeOffset ReceivedAtLevel { get; private set; }

    public long EnterpriseId { get; }

    /// <summary>The unit the employer sits under (or its own mediation group): routing starts here.</summary>
    public long LocationUnitId { get; }

    /// <summary>The unit handling the case now.</summary>
    public long UnitId { get; private set; }

    public CaseState State => _state;

    /// <summary>1 to 3 while in mediation, otherwise null.</summary>
    public int? Level => CaseWorkflow.LevelOf(_state);

    public RiskColor? RiskColor { get; private set; }

    public IReadOnlyList<FiredRule> RiskRules { get; private set; }

    public RiskSignals Signals { get; private set; }

    public IReadOnlyList<CaseWorker> Workers => _workers;

    public int DeclaredWorkers { get; }

    /// <summary>Workers involved: the declared count or the listed workers, whichever is larger.</summary>
    public int WorkersInvolved => Math.Max(DeclaredWorkers, _workers.Count);

    public decimal AmountOwed => _workers.Sum(w => w.AmountOwed);

    public decimal AmountRecovered { get; private set; }

    public long? MediatorUserId { get; private set; }

    public int LastMediationLevel { get; private set; }

    /// <summary>Calendar days added to the current level's limit with both parties' consent.</summary>
    public int ExtensionDays { get; private set; }

    public AgreementTerms? Agreement { get; private set; }

    public Referral? Referral { get; private set; }

    /// <summary>What the receiving body decided, once this unit of work closed the referral; null otherwise.</summary>
    public string? ReferralOutcome { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The version the case was loaded at; the store's update filters on it.</summary>
    public int Version { get; }

    /// <summary>Events appended since the case was loaded or registered, oldest first.</summary>
    public IReadOnlyList<CaseEvent> NewEvents => _newEvents;

    public IReadOnlyList<CaseNotice> NewNotices => _newNotices;

    public IReadOnlyList<MediationSession> NewSessions => _newSessions;

    /// <summary>A new case as the intake form records it, before grading.</summary>
    public static DisputeCase Register(NewCase intake)
    {
        ArgumentNullException.ThrowIfNull(intake);
        var c = new DisputeCase(new CaseSnapshot
        {
            Number = intake.Number,
            Channel = intake.Channel,
            ClaimTypes = intake.ClaimTypes,
            Description = intake.Description,
            FirstReceivedAt = intake.ReceivedAt,
            ReceivedAtLevel = intake.ReceivedAt,
            EnterpriseId = intake.EnterpriseId,
            LocationUnitId = intake.LocationUnitId,
            UnitId = intake.LocationUnitId,
            State = CaseState.Registered,
            Signals = intake.Signals,
            Workers = intake.Workers,
            DeclaredWorkers = intake.DeclaredWorkers,
            LastMediationLevel = 1,
        });
        return c;
    }

    /// <summary>Rebuilds a case from its stored row.</summary>
    public static DisputeCase Restore(CaseSnapshot snapshot) => new(snapshot);

    /// <summary>The facts grading reads.</summary>
    public DisputeFacts Facts() =>
        new(_workers.Select(w => new WorkerArrears(w.AmountOwed, w.MonthsOwed)), DeclaredWorkers, Signals);

    /// <summary>Gives the store the id and number it allocated on insert.</summary>
    public void Identify(long id, string number)
    {
        if (Id != 0)
        {
            throw new InvalidOperationException("The case already has an id.");
        }

        Id = id;
        Number = number;
    }

    /// <summary>
    /// Every action the current state offers, whether it is allowed now, and the refusal codes when not. Argument
    /// checks (a mediator, both consents, a colour) are the intent methods' and not listed here. Changes nothing.
    /// </summary>
    public IReadOnlyList<CaseActionAvailability> Availability(DateTimeOffset now, int reopenWindowDays)
    {
        var machine = Machine(now, reopenWindowDays).Machine;
        var list = new List<CaseActionAvailability>();
        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            // Stateless gives no unmet guards at all for a trigger the state does not configure: not an action here.
            if (machine.CanFire(trigger, out var unmet))
            {
                list.Add(new CaseActionAvailability(trigger, true, []));
            }
            else if (unmet is { Count: > 0 })
            {
                list.Add(new CaseActionAvailability(trigger, false, [.. unmet]));
            }
        }

        return list;
    }

    /// <param name="levelClockFrom">
    /// When the first level's clock starts; by default when the application was received. An open case entered late
    /// from a paper ledger starts it at entry instead, so it does not arrive already overdue, while the statutory 15
    /// days still run from the original receipt.
    /// </param>
    public void Grade(GradingResult grading, CaseRouting routing, ActionContext ctx, DateTimeOffset? levelClockFrom = null)
    {
        ArgumentNullException.ThrowIfNull(grading);
        var from = _state;
        var machine = Ready(CaseTrigger.Grade, ctx.Now, CaseWorkflow.IsColour(grading.Color) ? null : CaseRefusal.UnknownColour);
        machine.Machine.Fire(machine.Grade, grading.Color);
        ApplyGrading(grading);
        EnterLevel(routing, ctx, levelClockFrom ?? FirstReceivedAt);
        Append(ctx, CaseTrigger.Grade, from, new { color = grading.Color, rules = grading.FiredRules.Select(r => r.Code) });
    }

    /// <summary>
    /// Records a case that a paper ledger says was finished long ago (调解成功, 已结案, 已移送…) as closed history: graded
    /// for the record, in its final state with its outcome and the amount recovered, with no deadlines and no notices.
    /// Only a just-registered case can be recorded so; the workflow never passes through it.
    /// </summary>
    public void RecordHistory(GradingResult grading, CaseHistory history, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(grading);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(ctx);
        if (_state != CaseState.Registered || _newEvents.Count > 0)
        {
            throw new CaseActionRefusedException(CaseTrigger.Grade, _state, [CaseRefusal.NotInThisState]);
        }

        if (!CaseWorkflow.IsTerminal(history.State))
        {
            throw new ArgumentException($"{history.State} is not a final state.", nameof(history));
        }

        ApplyGrading(grading);
        AmountRecovered = history.AmountRecovered;
        ClosedAt = history.ClosedAt;
        _state = history.State;
        Append(ctx, CaseTrigger.Grade, CaseState.Registered, new
        {
            color = grading.Color,
            rules = grading.FiredRules.Select(r => r.Code),
            history = true,
            outcome = history.Outcome,
            amountRecovered = history.AmountRecovered,
        });
    }

    public void Accept(long mediatorUserId, ActionContext ctx)
    {
        var from = _state;
        Ready(CaseTrigger.Accept, ctx.Now, mediatorUserId > 0 ? null : CaseRefusal.MediatorRequired).Machine.Fire(CaseTrigger.Accept);
        MediatorUserId = mediatorUserId;
        var pending = _workers.Count(w => w.DocumentPending);
        if (pending > 0)
        {
            _newNotices.Add(new CaseNotice(NoticeKind.DocumentPending, UnitId, mediatorUserId, $"{Number} 证件待补录：{pending} 名劳动者尚未登记身份证件，请补录"));
        }

        Append(ctx, CaseTrigger.Accept, from, new { mediatorUserId });
    }

    public void RecordSession(MediationSession session, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(session);
        var from = _state;
        Ready(CaseTrigger.RecordSession, ctx.Now).Machine.Fire(CaseTrigger.RecordSession);
        _newSessions.Add(session);
        Append(ctx, CaseTrigger.RecordSession, from, session);
    }

    public void InviteParties(PartyInvitation invitation, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var from = _state;
        Ready(CaseTrigger.InviteParties, ctx.Now).Machine.Fire(CaseTrigger.InviteParties);
        Append(ctx, CaseTrigger.InviteParties, from, invitation);
    }

    public void ExtendDeadline(DeadlineExtension extension, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        var refusal = extension.Days <= 0 ? CaseRefusal.ExtensionTooShort
            : extension is { WorkerConsented: true, EmployerConsented: true } ? null
            : CaseRefusal.ConsentRequired;
        Ready(CaseTrigger.ExtendDeadline, ctx.Now, refusal).Machine.Fire(CaseTrigger.ExtendDeadline);
        ExtensionDays += extension.Days;
        Append(ctx, CaseTrigger.ExtendDeadline, from, extension);
    }

    /// <summary>A manual escalation, with the reason in <paramref name="ctx"/>.</summary>
    public void Escalate(CaseRouting routing, ActionContext ctx) => MoveUp(CaseTrigger.Escalate, routing, ctx);

    /// <summary>The timer: the current level's limit passed without an agreement.</summary>
    public void DeadlineElapsed(CaseRouting routing, ActionContext ctx) => MoveUp(CaseTrigger.DeadlineElapsed, routing, ctx);

    /// <summary>Re-grading: a more severe colour moves the case up to the level that colour starts at.</summary>
    public void RaiseRisk(GradingResult grading, CaseRouting routing, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(grading);
        Regrade(grading.Color, grading.FiredRules, routing, ctx, new { color = grading.Color, rules = grading.FiredRules.Select(r => r.Code) });
    }

    /// <summary>
    /// A county manager sets the colour by hand, with the reason in <paramref name="ctx"/> (DESIGN §5). The override is
    /// listed first among the case's reasons; a more severe colour moves the case up as re-grading does.
    /// </summary>
    public void OverrideRisk(RiskColor color, CaseRouting routing, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var zh = color switch { Cases.RiskColor.Red => "红色", Cases.RiskColor.Orange => "橙色", _ => "黄色" };
        var rule = new FiredRule(
            ManagerOverrideCode, color, $"县级管理人员调整为{zh}预警：{ctx.Reason}", $"Set to {color.ToString().ToLowerInvariant()} by a county manager: {ctx.Reason}");
        Regrade(color, [rule, .. RiskRules.Where(r => r.Code != ManagerOverrideCode)], routing, ctx, new { color, overridden = true });
    }

    /// <summary>The rule code of a manager's override among a case's fired rules.</summary>
    public const string ManagerOverrideCode = "override.manager";

    public void ReachAgreement(AgreementTerms terms, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var from = _state;
        Ready(CaseTrigger.ReachAgreement, ctx.Now).Machine.Fire(CaseTrigger.ReachAgreement);
        Agreement = terms;
        Append(ctx, CaseTrigger.ReachAgreement, from, terms);
    }

    /// <summary>
    /// The employer paid: <paramref name="amountRecovered"/> yuan reached the workers. More than they are owed in
    /// all is taken only with the reason in <paramref name="ctx"/> (compensation added...), which the timeline keeps.
    /// </summary>
    public void ConfirmPerformance(decimal amountRecovered, ActionContext ctx)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amountRecovered);
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        var unexplained = AmountRecovered + amountRecovered > AmountOwed && string.IsNullOrWhiteSpace(ctx.Reason);
        Ready(CaseTrigger.ConfirmPerformance, ctx.Now, unexplained ? CaseRefusal.RecoveredExceedsOwedWithoutReason : null)
            .Machine.Fire(CaseTrigger.ConfirmPerformance);
        AmountRecovered += amountRecovered;
        Append(ctx, CaseTrigger.ConfirmPerformance, from, new { amountRecovered });
    }

    /// <summary>The timer: the agreement's payment date passed unpaid.</summary>
    public void PerformanceOverdue(ActionContext ctx) => Simple(CaseTrigger.PerformanceOverdue, ctx);

    public void Refer(Referral referral, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var from = _state;
        Ready(CaseTrigger.Refer, ctx.Now).Machine.Fire(CaseTrigger.Refer);
        Referral = referral;
        Append(ctx, CaseTrigger.Refer, from, referral);
    }

    public void CloseReferral(string outcome, ActionContext ctx)
    {
        var from = _state;
        Ready(CaseTrigger.CloseReferral, ctx.Now).Machine.Fire(CaseTrigger.CloseReferral);
        ClosedAt = ctx.Now;
        ReferralOutcome = outcome;
        Append(ctx, CaseTrigger.CloseReferral, from, new { outcome });
    }

    public void RecordFollowUp(FollowUp followUp, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var from = _state;
        Ready(CaseTrigger.RecordFollowUp, ctx.Now).Machine.Fire(CaseTrigger.RecordFollowUp);
        ClosedAt = ctx.Now;
        Append(ctx, CaseTrigger.RecordFollowUp, from, followUp);
    }

    public void Withdraw(ActionContext ctx)
    {
        Simple(CaseTrigger.Withdraw, ctx);
        ClosedAt = ctx.Now;
    }

    /// <summary>不予受理: the unit declines the case, with the reason in <paramref name="ctx"/>.</summary>
    public void Reject(ActionContext ctx)
    {
        Simple(CaseTrigger.Reject, ctx);
        ClosedAt = ctx.Now;
    }

    public void Reopen(CaseRouting routing, int reopenWindowDays, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        Ready(CaseTrigger.Reopen, ctx.Now, reopenWindowDays: reopenWindowDays).Machine.Fire(CaseTrigger.Reopen);
        ClosedAt = null;
        Agreement = null;
        Referral = null;
        EnterLevel(routing, ctx, ctx.Now);
        Append(ctx, CaseTrigger.Reopen, from, null);
    }

    private void MoveUp(CaseTrigger trigger, CaseRouting routing, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        Ready(trigger, ctx.Now).Machine.Fire(trigger);
        if (Level is not null)
        {
            EnterLevel(routing, ctx, ctx.Now);
        }

        Append(ctx, trigger, from, null);
    }

    private void Simple(CaseTrigger trigger, ActionContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        Ready(trigger, ctx.Now).Machine.Fire(trigger);
        Append(ctx, trigger, from, null);
    }

    private void Regrade(RiskColor color, IReadOnlyList<FiredRule> rules, CaseRouting routing, ActionContext ctx, object data)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var from = _state;
        var levelBefore = Level;
        var machine = Ready(CaseTrigger.RiskRaised, ctx.Now, CaseWorkflow.IsColour(color) ? null : CaseRefusal.UnknownColour);
        machine.Machine.Fire(machine.RiskRaised, color);
        RiskColor = color;
        RiskRules = rules;
        if (Level != levelBefore)
        {
            EnterLevel(routing, ctx, ctx.Now);
        }
        else if (color == Cases.RiskColor.Red)
        {
            _newNotices.Add(new CaseNotice(NoticeKind.RedAlert, routing.County.Id, null, $"{Number} 升级为红色预警"));
        }

        Append(ctx, CaseTrigger.RiskRaised, from, data);
    }

    /// <summary>A machine for this unit of work, over this case's state and the facts its guards read now.</summary>
    private CaseMachine Machine(DateTimeOffset now, int reopenWindowDays) =>
        CaseWorkflow.Build(
            () => _state,
            state => _state = state,
            new WorkflowFacts(
                HasMinimumFacts: EnterpriseId > 0 && _workers.Count > 0 && FirstReceivedAt != default,
                LastMediationLevel: LastMediationLevel is >= 1 and <= 3 ? LastMediationLevel : 1,
                IsWithinReopenWindow: ClosedAt is { } closed && now - closed <= TimeSpan.FromDays(reopenWindowDays)));

    /// <summary>
    /// A machine on which <paramref name="trigger"/> may fire: the state must offer it and its guards pass, then the
    /// intent method's own argument check (<paramref name="argumentRefusal"/>, null when the argument is good).
    /// </summary>
    private CaseMachine Ready(CaseTrigger trigger, DateTimeOffset now, string? argumentRefusal = null, int reopenWindowDays = 0)
    {
        var machine = Machine(now, reopenWindowDays);
        if (!machine.Machine.CanFire(trigger, out var unmet))
        {
            throw new CaseActionRefusedException(trigger, _state, unmet is { Count: > 0 } ? [.. unmet] : [CaseRefusal.NotInThisState]);
        }

        return argumentRefusal is null ? machine : throw new CaseActionRefusedException(trigger, _state, [argumentRefusal]);
    }

    private void ApplyGrading(GradingResult grading)
    {
        RiskColor = grading.Color;
        RiskRules = grading.FiredRules;
    }

    /// <summary>The case arrives at a new level: its unit, its clock and its mediator start afresh.</summary>
    private void EnterLevel(CaseRouting routing, ActionContext ctx, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(routing);
        var level = Level ?? throw new InvalidOperationException($"{_state} is not a mediation level.");
        var host = routing.HostFor(level);
        UnitId = host.Id;
        ReceivedAtLevel = receivedAt;
        MediatorUserId = null;
        ExtensionDays = 0;
        LastMediationLevel = level;
        _newNotices.Add(new CaseNotice(NoticeKind.CaseReceived, host.Id, null, $"{Number} 待受理（第{level}级调解）"));
        if (_workers.Any(w => w.DocumentPending))
        {
            _newNotices.Add(new CaseNotice(NoticeKind.DocumentPending, host.Id, null, $"{Number} 证件待补录：受理后请调解员补录劳动者身份证件"));
        }
        if (RiskColor == Cases.RiskColor.Red)
        {
            _newNotices.Add(new CaseNotice(NoticeKind.RedAlert, routing.County.Id, null, $"{Number} 红色预警"));
        }
    }

    private void Append(ActionContext ctx, CaseTrigger trigger, CaseState from, object? data) =>
        _newEvents.Add(new CaseEvent(ctx.Now, ctx.UserId, trigger, from, _state, ctx.Reason, data));
}
