using System.Text.Json;
using System.Text.RegularExpressions;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Cases;
using CaseFlow.Web.Problems;
using CaseFlow.Web.Workflow;

namespace CaseFlow.Web.Pages.Workflow;

/// <summary>One arrow of the state diagram.</summary>
public sealed record Transition(string From, string To, string Label);

/// <summary>
/// The case workflow: the API's Mermaid description, read back into states and transitions for people, every name
/// and condition in the page's language (the Mermaid text itself stays available, folded, for technical readers).
/// </summary>
public sealed partial class IndexModel : AppPageModel
{
    public string Mermaid => WorkflowEndpoints.Description.Mermaid;

    public IReadOnlyList<CaseState> States { get; } = Enum.GetValues<CaseState>();

    public IReadOnlyList<Transition> Transitions { get; private set; } = [];

    public void OnGet() => Transitions = Parse(Mermaid);

    /// <summary>The <c>A --> B : label</c> lines of a Mermaid state diagram, in order.</summary>
    internal static IReadOnlyList<Transition> Parse(string mermaid) =>
        [.. mermaid.Split('\n').Select(line => Arrow().Match(line)).Where(m => m.Success)
            .Select(m => new Transition(m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["label"].Value.Trim()))];

    /// <summary>A state, the start, or a decision point (<c>Decision2</c>) in words.</summary>
    public string StateName(string name) => Describe(name, Language);

    /// <summary>The action of a transition label (<c>Grade [graded red]</c>).</summary>
    public string ActionName(string label) => label.Length == 0
        ? "—"
        : PageText.Action(JsonNamingPolicy.CamelCase.ConvertName(label.Split(' ', 2)[0]), Language);

    /// <summary>The guard of a transition label in words, or null when it has none.</summary>
    public string? Condition(string label) => Guard().Match(label) is { Success: true } m ? GuardWords(m.Groups[1].Value.Trim(), Language) : null;

    internal static string Describe(string name, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        if (name == "[*]")
        {
            return english ? "Start" : "开始";
        }

        if (Decision().Match(name) is { Success: true } decision)
        {
            return english ? $"Decision point {decision.Groups[1].Value}" : $"分流判断 {decision.Groups[1].Value}";
        }

        return Enum.TryParse<CaseState>(name, out var state) ? PageText.State(state, language) : name;
    }

    /// <summary>
    /// The guard descriptions the workflow's configuration gives its transitions: a refusal code (the transition's
    /// condition, worded as the refusal when it is not met) or a short English phrase.
    /// </summary>
    internal static string GuardWords(string guard, MessageLanguage language)
    {
        var english = language == MessageLanguage.English;
        if (guard.StartsWith("workflow.", StringComparison.Ordinal))
        {
            var refusal = WorkflowReasons.For([guard], language)[0];
            return english ? "Refused when not met: " + refusal : "不满足时拒绝：" + refusal;
        }

        if (english)
        {
            return guard;
        }

        if (Graded().Match(guard) is { Success: true } graded)
        {
            return $"定为{Colour(graded.Groups[1].Value)}";
        }

        if (Raised().Match(guard) is { Success: true } raised)
        {
            return $"调高为{Colour(raised.Groups[1].Value)}";
        }

        if (LastLevel().Match(guard) is { Success: true } level)
        {
            return $"最后在{PageText.Level(int.Parse(level.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), language)}调解";
        }

        return guard switch
        {
            "colour at or below this level" => "预警颜色不高于本级",
            "colour above this level" => "预警颜色高于本级",
            _ => guard,
        };
    }

    private static string Colour(string english) => english switch
    {
        "yellow" => "黄色",
        "orange" => "橙色",
        "red" => "红色",
        _ => english,
    };

    [GeneratedRegex(@"^\s*(?<from>\S+)\s*-->\s*(?<to>[^\s:]+)\s*(:\s*(?<label>.*))?$")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"\[(.+)\]")]
    private static partial Regex Guard();

    [GeneratedRegex(@"^Decision(\d+)$")]
    private static partial Regex Decision();

    [GeneratedRegex(@"^graded (yellow|orange|red)$")]
    private static partial Regex Graded();

    [GeneratedRegex(@"^raised to (yellow|orange|red)$")]
    private static partial Regex Raised();

    [GeneratedRegex(@"^last mediated at level (\d)$")]
    private static partial Regex LastLevel();
}
