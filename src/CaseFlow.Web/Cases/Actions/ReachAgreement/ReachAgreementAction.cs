using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of a mediation agreement (调解协议).</summary>
public sealed record AgreementRequest(decimal? Amount, DateOnly? PaymentDueDate, string? Method);

/// <summary>A mediation agreement is signed; payment is due by its date.</summary>
internal sealed class ReachAgreementAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.ReachAgreement;

    public override string? FormPartial => "~/Cases/Actions/ReachAgreement/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.Agreement is not { } agreement)
        {
            errors.Add("agreement", ValidationMessages.Required);
            return null;
        }

        if (errors.Required("agreement.amount", agreement.Amount))
        {
            errors.Money("agreement.amount", agreement.Amount, MoneyLimits.PerCase);
        }

        if (errors.Required("agreement.paymentDueDate", agreement.PaymentDueDate))
        {
            errors.DateWithin("agreement.paymentDueDate", agreement.PaymentDueDate, DateLimits.Earliest, DateLimits.Latest(ChinaTime.DateOf(binding.Now)));
        }
        if (errors.Required("agreement.method", agreement.Method))
        {
            errors.MaxLength("agreement.method", agreement.Method, TextLimits.AgreementMethod);
        }

        return (c, _, ctx) => c.ReachAgreement(new AgreementTerms(agreement.Amount!.Value, agreement.PaymentDueDate!.Value, agreement.Method!.Trim()), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Agreement = new AgreementRequest(form.Decimal("Amount", "agreement.amount"), form.Date("PaymentDueDate", "agreement.paymentDueDate"), form.Text("Method")) };
}
