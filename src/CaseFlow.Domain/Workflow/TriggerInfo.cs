namespace CaseFlow.Domain.Workflow;

/// <summary>
/// A trigger defined for the current state (or one of its super-states), whether it may fire now,
/// and, when it may not, the reason each unmet guard gives.
/// </summary>
/// <param name="TakesParameter">
/// The trigger carries an argument; its argument guards are checked only when it fires, so <see cref="Allowed"/>
/// means "allowed with a suitable argument".
/// </param>
public sealed record TriggerInfo<TTrigger>(TTrigger Trigger, bool Allowed, IReadOnlyList<string> Reasons, bool TakesParameter)
    where TTrigger : struct, Enum;
