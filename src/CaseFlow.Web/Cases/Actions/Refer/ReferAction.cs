using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of a referral: the receiving body's code and its reference.</summary>
public sealed record ReferralRequest(string? Body, string? ReferenceNumber);

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
        return (c, _, ctx) => c.Refer(new Referral(Data.DbCode.Parse<ReferralBody>(referral.Body!), referral.ReferenceNumber?.Trim()), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Referral = new ReferralRequest(form.Text("Body"), form.Text("ReferenceNumber")) };
}
