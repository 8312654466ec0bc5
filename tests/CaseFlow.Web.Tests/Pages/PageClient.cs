using System.Net;
using System.Text.RegularExpressions;

namespace CaseFlow.Web.Tests.Pages;

/// <summary>Reads pages and posts their forms the way a browser without JavaScript does.</summary>
public static partial class PageClient
{
    public const string TokenField = "__RequestVerificationToken";

    /// <summary>The page's HTML, after checking its status.</summary>
    public static async Task<string> PageAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "GET {0} answered: {1}", url, html.Length > 2000 ? html[..2000] : html);
        return html;
    }

    /// <summary>The first antiforgery token in a page.</summary>
    public static string TokenOf(string html)
    {
        var match = Token().Match(html);
        match.Success.Should().BeTrue("the page has a form with its antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts a form; the token is taken from <paramref name="pageUrl"/> unless <paramref name="withToken"/> is false.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string pageUrl, string action, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        var values = fields.ToList();
        if (withToken)
        {
            values.Add(new(TokenField, TokenOf(await client.PageAsync(pageUrl))));
        }

        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The text of the element with this id (tags stripped, entities decoded), or null.</summary>
    public static string? TextById(string html, string id)
    {
        var match = Regex.Match(html, $"<(?<tag>[a-z0-9]+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(?<body>.*?)</\\k<tag>>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(Tags().Replace(match.Groups["body"].Value, " ")).Trim() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
