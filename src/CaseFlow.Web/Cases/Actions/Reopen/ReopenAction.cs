using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>A closed case returns to mediation within the reopen window.</summary>
internal sealed class ReopenAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.Reopen;

    public override bool NeedsReason => true;

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("reason", request.Reason);
        return (c, routing, ctx) => c.Reopen(routing, binding.ReopenWindowDays, ctx);
    }
}
