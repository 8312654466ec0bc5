using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The worker withdraws the application.</summary>
internal sealed class WithdrawAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.Withdraw;

    public override bool NeedsReason => true;

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("reason", request.Reason);
        return (c, _, ctx) => c.Withdraw(ctx);
    }
}
