namespace CaseFlow.Domain.Workflow;

/// <summary>A trigger that carries one argument, e.g. the mediator's user id on Accept.</summary>
/// <remarks>Created by <c>StateMachine.SetTriggerParameters</c>; only valid on the machine that created it.</remarks>
public sealed class TriggerWithParameters<TTrigger, TArg>
    where TTrigger : struct, Enum
{
    private readonly Func<TArg, bool>? _isValid;

    internal TriggerWithParameters(object owner, TTrigger trigger, Func<TArg, bool>? isValid, string? invalidReason)
    {
        Owner = owner;
        Trigger = trigger;
        _isValid = isValid;
        InvalidReason = invalidReason;
    }

    public TTrigger Trigger { get; }

    /// <summary>The sentence given when an argument fails the trigger's own validation.</summary>
    public string? InvalidReason { get; }

    internal object Owner { get; }

    /// <summary>Whether the argument passes the validation declared with the trigger (true when none was declared).</summary>
    public bool IsValid(TArg argument) => _isValid is null || _isValid(argument);

    public override string ToString() => $"{Trigger}({typeof(TArg).Name})";
}
