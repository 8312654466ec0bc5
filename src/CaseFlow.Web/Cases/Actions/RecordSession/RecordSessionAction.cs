using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of a mediation session.</summary>
public sealed record SessionRequest(DateTimeOffset? HeldAt, string? Summary);

/// <summary>A mediation session held: recorded where the case is.</summary>
internal sealed class RecordSessionAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.RecordSession;

    public override string? FormPartial => "~/Cases/Actions/RecordSession/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.Session is not { } session)
        {
            errors.Add("session", ValidationMessages.Required);
            return null;
        }

        errors.Required("session.summary", session.Summary);
        errors.MaxLength("session.summary", session.Summary, TextLimits.SessionSummary);
        if (session.HeldAt > binding.Now.AddMinutes(5))
        {
            errors.Add("session.heldAt", ValidationMessages.DateInFuture);
        }
        else if (session.HeldAt is { } held)
        {
            var today = ChinaTime.DateOf(binding.Now);
            errors.DateWithin("session.heldAt", ChinaTime.DateOf(held), DateLimits.Earliest, today);
        }

        return (c, _, ctx) => c.RecordSession(new MediationSession(session.HeldAt ?? ctx.Now, session.Summary!.Trim()), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Session = new SessionRequest(form.ChinaDateTime("HeldAt", "session.heldAt"), form.Text("Summary")) };
}
