using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>A county manager sets the colour by hand, with the reason (DESIGN §5); the role check is the handler's.</summary>
internal sealed class RiskRaisedAction : CaseAction
{
    private static readonly IReadOnlyList<string> Colors = RegisterCase.Names<RiskColor>();

    public override CaseTrigger Trigger => CaseTrigger.RiskRaised;

    public override bool NeedsReason => true;

    public override string? FormPartial => "~/Cases/Actions/RiskRaised/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        errors.Required("reason", request.Reason);
        if (errors.Required("color", request.Color))
        {
            errors.OneOf("color", request.Color, Colors);
        }

        return (c, routing, ctx) => c.OverrideRisk(RegisterCase.Parse<RiskColor>(request.Color!), routing, ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Color = form.Text("Color") };
}
