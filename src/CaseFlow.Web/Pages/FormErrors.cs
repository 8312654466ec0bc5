using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Html;

namespace CaseFlow.Web.Pages;

/// <summary>
/// The field errors of one submitted form, keyed as the API keys them (<c>workers[0].idNumber</c>), shown next to
/// each field in the page's language.
/// </summary>
public sealed class FormErrors(ValidationErrors? errors, MessageLanguage language)
{
    public static FormErrors None { get; } = new(null, MessageLanguage.Chinese);

    public bool Any => errors is { IsEmpty: false };

    public bool Has(string field) => Messages(field).Any();

    public IEnumerable<string> Messages(string field) =>
        errors?.Errors.Where(e => e.Field == field).Select(e => PageText.Message(e, language)) ?? [];

    /// <summary>Every message, with its field, for the summary above a form.</summary>
    public IEnumerable<(string Field, string Message)> All =>
        errors?.Errors.Select(e => (e.Field, PageText.Message(e, language))) ?? [];

    /// <summary>The messages of a field as a block next to it (empty when it has none). Its id is <c>err-</c> + the field.</summary>
    public IHtmlContent For(string field)
    {
        var messages = Messages(field).ToList();
        if (messages.Count == 0)
        {
            return HtmlString.Empty;
        }

        var encoder = PageText.Html;
        return new HtmlString(
            $"<span class=\"field-error\" id=\"err-{encoder.Encode(field)}\" role=\"alert\">{string.Join(" ", messages.Select(encoder.Encode))}</span>");
    }
}
