using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of a mediation session.</summary>
public sealed record SessionRequest(DateTimeOffset? HeldAt, string? Summary)
{
    /// <summary>Where it was held (mediation_sessions.place holds <see cref="RecordSessionAction.MaxPlace"/> characters).</summary>
    public string? Place { get; init; }

    /// <summary>The parties present (mediation_sessions.participants holds <see cref="RecordSessionAction.MaxParticipants"/>).</summary>
    public string? Participants { get; init; }

    /// <summary>The partner organisations present at a joint session (GET /api/v1/partners).</summary>
    public IReadOnlyList<long>? PartnerOrgIds { get; init; }
}

/// <summary>A mediation session held: recorded where the case is.</summary>
internal sealed class RecordSessionAction : CaseAction
{
    public const int MaxPlace = TextLimits.SessionPlace;
    public const int MaxParticipants = TextLimits.SessionParticipants;

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
        errors.MaxLength("session.place", session.Place, TextLimits.SessionPlace);
        errors.MaxLength("session.participants", session.Participants, TextLimits.SessionParticipants);
        if (session.PartnerOrgIds is { Count: > 7 })
        {
            errors.Add("session.partnerOrgIds", ValidationMessages.UnknownValue, "GET /api/v1/partners");
        }
        if (session.HeldAt > binding.Now.AddMinutes(5))
        {
            errors.Add("session.heldAt", ValidationMessages.DateInFuture);
        }
        else if (session.HeldAt is { } held)
        {
            var today = ChinaTime.DateOf(binding.Now);
            errors.DateWithin("session.heldAt", ChinaTime.DateOf(held), DateLimits.Earliest, today);
        }

        return (c, _, ctx) => c.RecordSession(
            new MediationSession(session.HeldAt ?? ctx.Now, session.Summary!.Trim())
            {
                Place = string.IsNullOrWhiteSpace(session.Place) ? null : session.Place.Trim(),
                Participants = string.IsNullOrWhiteSpace(session.Participants) ? null : session.Participants.Trim(),
                PartnerOrgIds = session.PartnerOrgIds ?? [],
            },
            ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with
        {
            Session = new SessionRequest(form.ChinaDateTime("HeldAt", "session.heldAt"), form.Text("Summary"))
            {
                Place = form.Text("Place"),
                Participants = form.Text("Participants"),
            },
        };
}
