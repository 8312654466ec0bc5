using System.Text.Json;
using CaseFlow.Domain.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaseFlow.Web.Workflow;

/// <summary>The case workflow as data and as a Mermaid diagram.</summary>
public sealed record WorkflowDescription(IReadOnlyList<string> States, IReadOnlyList<string> Triggers, string Mermaid);

/// <summary><c>GET /api/v1/workflow</c>.</summary>
public static class WorkflowEndpoints
{
    internal static readonly WorkflowDescription Description = new(
        [.. Enum.GetValues<CaseState>().Select(s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()))],
        [.. Enum.GetValues<CaseTrigger>().Select(t => JsonNamingPolicy.CamelCase.ConvertName(t.ToString()))],
        CaseWorkflow.Diagram(DiagramFormat.Mermaid));

    public static RouteGroupBuilder MapWorkflow(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/workflow", () => TypedResults.Ok(Description))
            .WithTags("Workflow")
            .WithSummary("The states, the triggers (API action names) and the Mermaid state diagram.");
        return api;
    }
}
