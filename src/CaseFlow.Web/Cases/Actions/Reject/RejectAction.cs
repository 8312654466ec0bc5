using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>不予受理: the unit declines the case, with the reason.</summary>
internal sealed class RejectAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.Reject;

    public override bool NeedsReason => true;

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("reason", request.Reason);
        return (c, _, ctx) => c.Reject(ctx);
    }
}
