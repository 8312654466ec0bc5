using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The employer paid: the amount that reached the workers.</summary>
internal sealed class ConfirmPerformanceAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.ConfirmPerformance;

    public override string? FormPartial => "~/Cases/Actions/ConfirmPerformance/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (errors.Required("amountRecovered", request.AmountRecovered))
        {
            errors.Money("amountRecovered", request.AmountRecovered, MoneyLimits.PerCase);
        }

        return (c, _, ctx) => c.ConfirmPerformance(request.AmountRecovered!.Value, ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { AmountRecovered = form.Decimal("AmountRecovered", "amountRecovered") };
}
