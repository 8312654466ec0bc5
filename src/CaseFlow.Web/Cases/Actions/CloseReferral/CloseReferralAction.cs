using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The receiving body's outcome closes the referral (<c>referrals.outcome</c> holds at most <see cref="TextLimits.ReferralOutcome"/> characters).</summary>
internal sealed class CloseReferralAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.CloseReferral;

    public override string? FormPartial => "~/Cases/Actions/CloseReferral/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("outcome", request.Outcome);
        errors.MaxLength("outcome", request.Outcome, TextLimits.ReferralOutcome);
        return (c, _, ctx) => c.CloseReferral(request.Outcome!.Trim(), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Outcome = form.Text("Outcome") };
}
