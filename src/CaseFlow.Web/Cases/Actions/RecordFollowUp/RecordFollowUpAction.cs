using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of a follow-up visit (回访).</summary>
public sealed record FollowUpRequest(int? Satisfaction, string? Note);

/// <summary>The follow-up visit closes a resolved case.</summary>
internal sealed class RecordFollowUpAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.RecordFollowUp;

    public override string? FormPartial => "~/Cases/Actions/RecordFollowUp/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.FollowUp is not { } followUp)
        {
            errors.Add("followUp", ValidationMessages.Required);
            return null;
        }

        if (errors.Required("followUp.satisfaction", followUp.Satisfaction))
        {
            errors.InRange("followUp.satisfaction", followUp.Satisfaction, 1, 5);
        }

        errors.MaxLength("followUp.note", followUp.Note, MaxText);
        return (c, _, ctx) => c.RecordFollowUp(new FollowUp(followUp.Satisfaction!.Value, followUp.Note), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { FollowUp = new FollowUpRequest(form.Int("Satisfaction", "followUp.satisfaction"), form.Text("Note")) };
}
