namespace CaseFlow.Domain.Cases;

/// <summary>
/// One transition of a case, as appended to its timeline. <see cref="Data"/> carries the trigger's arguments
/// (serialised to JSON by the store).
/// </summary>
public sealed record CaseEvent(
    DateTimeOffset At,
    long? ByUserId,
    CaseTrigger Trigger,
    CaseState From,
    CaseState To,
    string? Reason,
    object? Data);
