namespace CaseFlow.Domain.Cases;

/// <summary>
/// The stable codes the workflow gives when it refuses an action. They are data, not sentences: the web layer
/// words each one in the user's language from one table, and tests and clients compare them as they are.
/// </summary>
public static class CaseRefusal
{
    /// <summary>The action is not one the case's current state offers at all.</summary>
    public const string NotInThisState = "workflow.not-in-this-state";

    /// <summary>Grading needs the enterprise, at least one worker and the date the dispute was received.</summary>
    public const string LacksMinimumFacts = "workflow.lacks-minimum-facts";

    public const string MediatorRequired = "workflow.mediator-required";

    /// <summary>An extension needs both parties' recorded consent (DESIGN §4).</summary>
    public const string ConsentRequired = "workflow.consent-required";

    public const string ExtensionTooShort = "workflow.extension-too-short";

    public const string ReopenWindowPassed = "workflow.reopen-window-passed";

    public const string UnknownColour = "workflow.unknown-colour";

    /// <summary>More recovered than the workers are owed, with no reason given (compensation added, interest...).</summary>
    public const string RecoveredExceedsOwedWithoutReason = "workflow.recovered-exceeds-owed";

    /// <summary>Every code the workflow can give, for the translation table's completeness test.</summary>
    public static IReadOnlyList<string> All { get; } =
        [NotInThisState, LacksMinimumFacts, MediatorRequired, ConsentRequired, ExtensionTooShort, ReopenWindowPassed, UnknownColour, RecoveredExceedsOwedWithoutReason];
}

/// <summary>Whether one action may be taken on a case now, and if not, the refusal codes saying why.</summary>
public sealed record CaseActionAvailability(CaseTrigger Action, bool Allowed, IReadOnlyList<string> Reasons);

/// <summary>The workflow refused an action; the case is unchanged. <see cref="Reasons"/> are <see cref="CaseRefusal"/> codes.</summary>
public sealed class CaseActionRefusedException(CaseTrigger action, CaseState state, IReadOnlyList<string> reasons)
    : InvalidOperationException($"{action} is refused in {state}: {string.Join(", ", reasons)}.")
{
    public CaseTrigger Action { get; } = action;

    public CaseState State { get; } = state;

    public IReadOnlyList<string> Reasons { get; } = reasons;
}
