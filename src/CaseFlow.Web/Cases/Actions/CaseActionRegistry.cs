using CaseFlow.Domain.Cases;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>Every action a person may fire, by trigger and by API name. Adding an action: its folder, and one line here.</summary>
internal static class CaseActionRegistry
{
    private static readonly CaseAction[] All =
    [
        new AcceptAction(),
        new RecordSessionAction(),
        new InvitePartiesAction(),
        new ExtendDeadlineAction(),
        new EscalateAction(),
        new RiskRaisedAction(),
        new ReachAgreementAction(),
        new ConfirmPerformanceAction(),
        new ReferAction(),
        new CloseReferralAction(),
        new RecordFollowUpAction(),
        new WithdrawAction(),
        new RejectAction(),
        new ReopenAction(),
    ];

    private static readonly Dictionary<string, CaseAction> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    private static readonly Dictionary<CaseTrigger, CaseAction> ByTrigger = All.ToDictionary(a => a.Trigger);

    /// <summary>Triggers only the system fires (timers, registration): never an action for a person.</summary>
    public static IReadOnlySet<CaseTrigger> SystemOnly { get; } =
        new HashSet<CaseTrigger>(Enum.GetValues<CaseTrigger>().Where(t => !ByTrigger.ContainsKey(t)));

    /// <summary>The API names of the actions people fire, for the "unknown action" message.</summary>
    public static IEnumerable<string> Names => All.Select(a => a.Name);

    public static CaseAction? Find(string name) => ByName.GetValueOrDefault(name);

    public static CaseAction? For(CaseTrigger trigger) => ByTrigger.GetValueOrDefault(trigger);

    /// <summary>Whether the name is a system trigger's (known, but never a person's to fire).</summary>
    public static bool IsSystemName(string name) => SystemOnly.Any(t => CaseActions.NameOf(t) == name);
}
