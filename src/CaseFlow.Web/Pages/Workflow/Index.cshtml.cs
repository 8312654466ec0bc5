using System.Text.RegularExpressions;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Workflow;

namespace CaseFlow.Web.Pages.Workflow;

/// <summary>One arrow of the state diagram.</summary>
public sealed record Transition(string From, string To, string Label);

/// <summary>The case workflow: the API's Mermaid description, read back into states and transitions for people.</summary>
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

    [GeneratedRegex(@"^\s*(?<from>\S+)\s*-->\s*(?<to>[^\s:]+)\s*(:\s*(?<label>.*))?$")]
    private static partial Regex Arrow();
}
