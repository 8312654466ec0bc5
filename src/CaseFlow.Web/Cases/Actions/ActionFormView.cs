using CaseFlow.Web.Pages;

namespace CaseFlow.Web.Cases.Actions;

/// <summary>
/// What an action's form partial draws with: the page (language, mediators, now), whether this form was the one
/// posted, its errors, and the posted value of each field (so what the user typed survives an error).
/// </summary>
internal sealed record ActionFormView(
    CaseAction Action, AppPageModel Page, bool Open, FormErrors Errors, IFormCollection? Posted, DateTimeOffset Now, IReadOnlyList<Pages.Cases.MediatorChoice> Mediators)
{
    /// <summary>The page form names every field <c>Form.Name</c>.</summary>
    public const string Prefix = "Form.";

    public static string FieldName(string name) => Prefix + name;

    /// <summary>The posted text of a field when this form was posted, else null.</summary>
    public string? Value(string name) => Open && Posted is { } form ? form[Prefix + name].ToString() : null;

    public string FieldClass(string field) => Open && Errors.Has(field) ? "field has-error" : "field";

    public Microsoft.AspNetCore.Html.IHtmlContent? ErrorFor(string field) => Open ? Errors.For(field) : null;

    public string T(string zh, string en) => Page.T(zh, en);
}
