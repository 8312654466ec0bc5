using System.Globalization;
using CaseFlow.Domain;
using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>The call into the case an action makes once its fields are valid.</summary>
internal delegate void CaseCall(DisputeCase c, CaseRouting routing, ActionContext ctx);

/// <summary>What an action's binding may read besides its own fields.</summary>
/// <param name="Calculator">The statutory clocks an action's record carries (a referral's acknowledgement time); null in tests that need none.</param>
internal sealed record ActionBinding(ValidationErrors Errors, DateTimeOffset Now, int ReopenWindowDays, Domain.Calendar.DeadlineCalculator? Calculator = null);

/// <summary>
/// One workflow action as people and clients fire it: its API fields and their checks, the call into the case,
/// whether it needs a reason, and its form (fields read from the page, a partial drawn in the case page). Every
/// action is one class in its own folder under <c>Cases/Actions</c>, found through <see cref="CaseActionRegistry"/>.
/// </summary>
internal abstract class CaseAction
{
    /// <summary>The longest reason (<see cref="TextLimits.Reason"/>, the CHECK on <c>case_events.reason</c>).</summary>
    public const int MaxReason = TextLimits.Reason;

    /// <summary>The longest note an action's own fields take (<see cref="TextLimits.Note"/>), kept in the event's data.</summary>
    public const int MaxText = TextLimits.Note;

    public abstract CaseTrigger Trigger { get; }

    /// <summary>The API name: the trigger in camelCase (<c>recordSession</c>).</summary>
    public string Name => CaseActions.NameOf(Trigger);

    /// <summary>Whether the timeline must say why (an escalation, a withdrawal, an override...).</summary>
    public virtual bool NeedsReason => false;

    /// <summary>The partial that draws the action's own fields in the case page, or null when it has none.</summary>
    public virtual string? FormPartial => null;

    /// <summary>Checks the action's own fields and returns the call into the case, or null after recording errors.</summary>
    public abstract CaseCall? Bind(CaseActionRequest request, ActionBinding binding);

    /// <summary>The API body from a posted page form (field names under <paramref name="form"/>'s prefix).</summary>
    public virtual CaseActionRequest FromForm(FormFields form) => CaseActionRequest.Empty with { Reason = form.Text("Reason") };
}

/// <summary>The posted fields of one action form, read as text; numbers and dates that do not parse are field errors.</summary>
internal sealed class FormFields(IFormCollection form, string prefix, ValidationErrors errors)
{
    public ValidationErrors Errors { get; } = errors;

    public string? Text(string name)
    {
        var value = form[prefix + name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public bool Checked(string name) => form[prefix + name].ToString() is "true" or "on";

    public decimal? Decimal(string name, string field)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        Errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    public long? Long(string name, string field)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            return v;
        }

        Errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    public int? Int(string name, string field) => Long(name, field) is { } v ? (int)Math.Clamp(v, int.MinValue, int.MaxValue) : null;

    /// <summary>A <c>datetime-local</c> value, read as China time.</summary>
    public DateTimeOffset? ChinaDateTime(string name, string field)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, ChinaTime.Offset);
        }

        Errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }

    public DateOnly? Date(string name, string field)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Errors.Add(field, ValidationMessages.InvalidFormat);
        return null;
    }
}
