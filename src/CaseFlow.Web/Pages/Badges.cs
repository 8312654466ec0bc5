using CaseFlow.Domain.Cases;
using CaseFlow.Web.Problems;
using Microsoft.AspNetCore.Html;

namespace CaseFlow.Web.Pages;

/// <summary>Small labelled badges: the colour is always written out, never shown by colour alone.</summary>
public static class Badges
{
    public static IHtmlContent Color(RiskColor? color, MessageLanguage language)
    {
        var css = color switch
        {
            RiskColor.Red => "badge-red",
            RiskColor.Orange => "badge-orange",
            RiskColor.Yellow => "badge-yellow",
            _ => "badge-none",
        };
        var text = PageText.Html.Encode(PageText.Color(color, language));
        return new HtmlString($"<span class=\"badge {css}\" data-color=\"{color?.ToString().ToLowerInvariant() ?? "none"}\">{text}</span>");
    }

    public static IHtmlContent Overdue(MessageLanguage language) =>
        new HtmlString($"<span class=\"badge badge-overdue\">{(language == MessageLanguage.English ? "Overdue" : "已逾期")}</span>");
}
