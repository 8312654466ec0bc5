using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The API fields of an extension: the days and both parties' consent.</summary>
public sealed record ExtensionRequest(int? Days, bool WorkerConsented, bool EmployerConsented);

/// <summary>The level's time limit is extended, with both parties' consent (the case checks it).</summary>
internal sealed class ExtendDeadlineAction : CaseAction
{
    public override CaseTrigger Trigger => CaseTrigger.ExtendDeadline;

    public override string? FormPartial => "~/Cases/Actions/ExtendDeadline/_Form.cshtml";

    public override CaseCall? Bind(CaseActionRequest request, ActionBinding binding)
    {
        var errors = binding.Errors;
        if (request.Extension is not { } extension)
        {
            errors.Add("extension", ValidationMessages.Required);
            return null;
        }

        if (errors.Required("extension.days", extension.Days))
        {
            errors.InRange("extension.days", extension.Days, 1, 30);
        }

        return (c, _, ctx) => c.ExtendDeadline(new DeadlineExtension(extension.Days!.Value, extension.WorkerConsented, extension.EmployerConsented), ctx);
    }

    public override CaseActionRequest FromForm(FormFields form) =>
        base.FromForm(form) with { Extension = new ExtensionRequest(form.Int("Days", "extension.days"), form.Checked("WorkerConsented"), form.Checked("EmployerConsented")) };
}
