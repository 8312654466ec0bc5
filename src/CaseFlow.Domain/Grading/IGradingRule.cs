using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>One condition of three-colour grading: when it applies, the dispute is at least its colour.</summary>
public interface IGradingRule
{
    /// <summary>Stable identifier, stored with grading results and safe to match on ("red.arrears-over-months").</summary>
    string Code { get; }

    RiskColor Color { get; }

    /// <summary>The rule as a sentence stating the configured figures.</summary>
    RuleSentence Describe(GradingOptions options);

    bool Applies(DisputeFacts facts, GradingOptions options);
}
