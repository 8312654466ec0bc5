using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>A manual escalation to the next level, with the reason.</summary>
internal sealed class EscalateAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.Escalate;

    public override bool NeedsReason => true;

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("reason", request.Reason);
        return (c, routing, ctx) => c.Escalate(routing, ctx);
    }
}
