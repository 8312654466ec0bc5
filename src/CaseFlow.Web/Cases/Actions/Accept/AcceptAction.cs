using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The receiving unit accepts the case and assigns a mediator (who must be one it may assign: checked by the handler).</summary>
internal sealed class AcceptAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.Accept;

    public override string? FormPartial => "~/Cases/Actions/Accept/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (errors.Required("mediatorId", request.MediatorId))
        {
            errors.InRange("mediatorId", request.MediatorId, 1, long.MaxValue);
        }

        return (c, _, ctx) => c.Accept(request.MediatorId!.Value, ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { MediatorId = form.Long("MediatorId", "mediatorId") };
}
