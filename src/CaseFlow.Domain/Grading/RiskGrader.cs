using CaseFlow.Domain.Cases;

namespace CaseFlow.Domain.Grading;

/// <summary>Grades a dispute red, orange or yellow (三色预警, DESIGN §5) and says which rules decided it.</summary>
public sealed class RiskGrader
{
    private readonly GradingOptions _options;
    private readonly IReadOnlyList<IGradingRule> _rules;

    /// <exception cref="ArgumentException">The options fail <see cref="GradingOptions.Validate"/>.</exception>
    public RiskGrader(GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid grading options: " + string.Join(" ", problems), nameof(options));
        }

        _options = options.Copy();
        // Stable sort: within a colour, catalogue order.
        _rules = [.. GradingRules.All.OrderByDescending(r => r.Color)];
    }

    public GradingResult Grade(DisputeFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);

        var fired = new List<FiredRule>();
        foreach (var rule in _rules)
        {
            if (rule.Applies(facts, _options))
            {
                var sentence = rule.Describe(_options);
                fired.Add(new FiredRule(rule.Code, rule.Color, sentence.Zh, sentence.En));
            }
        }

        // The yellow rule fires whenever nothing else does, so the list is never empty.
        return new GradingResult(fired[0].Color, fired.AsReadOnly());
    }
}
