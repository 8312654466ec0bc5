using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>
/// The API fields of a referral: the receiving body's code and its reference; the partner organisation of the case's
/// county it is addressed to (of the body's kind), or for a body outside CaseFlow its own name; what is handed over.
/// </summary>
public sealed record ReferralRequest(string? Body, string? ReferenceNumber, long? PartnerOrgId = null, string? BodyName = null, string? HandedOver = null);

/// <summary>A failed mediation is referred to arbitration, labour inspection, court or police.</summary>
internal sealed class ReferAction : CaseAction
{
    /// <summary>The receiving bodies as the API names them (<c>labour_inspection</c>).</summary>
    public static IReadOnlyList<(string Code, ReferralBody Body)> Choices { get; } =
        [.. Enum.GetValues<ReferralBody>().Select(b => (Data.DbCode.Of(b), b))];

    private static readonly IReadOnlyList<string> Bodies = [.. Choices.Select(c => c.Code)];

    public override CaseTrigger Trigger => CaseTrigger.Refer;

    public override string? FormPartial => "~/Cases/Actions/Refer/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.Referral is not { } referral)
        {
            errors.Add("referral", ValidationMessages.Required);
            return null;
        }

        if (errors.Required("referral.body", referral.Body))
        {
            errors.OneOf("referral.body", referral.Body, Bodies);
        }

        errors.MaxLength("referral.referenceNumber", referral.ReferenceNumber, TextLimits.ReferenceNumber);
        errors.MaxLength("referral.bodyName", referral.BodyName, TextLimits.BodyName);
        errors.MaxLength("referral.handedOver", referral.HandedOver, TextLimits.HandedOver);
        if (referral.PartnerOrgId is not null)
        {
            errors.InRange("referral.partnerOrgId", referral.PartnerOrgId, 1, long.MaxValue);
        }

        var calculator = binding.Calculator;
        return (c, _, ctx) =>
        {
            var body = Data.DbCode.Parse<ReferralBody>(referral.Body!);
            c.Refer(
                new Referral(body, referral.ReferenceNumber?.Trim())
                {
                    PartnerOrgId = referral.PartnerOrgId,
                    BodyName = referral.PartnerOrgId is null ? referral.BodyName?.Trim() : null,
                    HandedOver = referral.HandedOver?.Trim(),
                    AcknowledgementDue = calculator is null ? null : ReferralClock.AcknowledgementDue(body, ctx.Now, calculator.Calendar)?.DueAt,
                },
                ctx);
        };
    }

    /// <summary>
    /// The form's one "refer to" choice is <c>body</c> for a body outside CaseFlow or <c>body@partnerOrgId</c> for a
    /// partner organisation of the county (drawn from the county's partners of the referrable kinds).
    /// </summary>
    public override CaseActionRequest FromForm(FormFields form)
    {
        var target = form.Text("Body");
        long? partner = null;
        if (target?.Split('@') is [var body, var org])
        {
            target = body;
            partner = long.TryParse(org, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
        }

        return base.FromForm(form) with
        {
            Referral = new ReferralRequest(target, form.Text("ReferenceNumber"), partner, form.Text("BodyName"), form.Text("HandedOver")),
        };
    }
}
