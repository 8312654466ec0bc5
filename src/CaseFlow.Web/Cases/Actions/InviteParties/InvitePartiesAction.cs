using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of an invitation to the three parties.</summary>
public sealed record InvitationRequest(bool HumanResources, bool PoliticalLegal, bool Court, string? Note);

/// <summary>The three parties (三方联动) are invited to the mediation.</summary>
internal sealed class InvitePartiesAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.InviteParties;

    public override string? FormPartial => "~/Cases/Actions/InviteParties/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.Invitation is not { } invitation)
        {
            errors.Add("invitation", ValidationMessages.Required);
            return null;
        }

        errors.MaxLength("invitation.note", invitation.Note, MaxText);
        return (c, _, ctx) => c.InviteParties(new PartyInvitation(invitation.HumanResources, invitation.PoliticalLegal, invitation.Court, invitation.Note), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Invitation = new InvitationRequest(form.Checked("HumanResources"), form.Checked("PoliticalLegal"), form.Checked("Court"), form.Text("Note")) };
}
