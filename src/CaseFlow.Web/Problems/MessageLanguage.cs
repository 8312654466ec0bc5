using Microsoft.Net.Http.Headers;

namespace CaseFlow.Web.Problems;

/// <summary>The languages CaseFlow writes messages in.</summary>
public enum MessageLanguage
{
    Chinese,
    English,
}

/// <summary>Picks the message language from <c>Accept-Language</c>; Chinese unless English is preferred.</summary>
public static class RequestLanguage
{
    public static MessageLanguage Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        IList<StringWithQualityHeaderValue> accepted;
        try
        {
            accepted = request.GetTypedHeaders().AcceptLanguage;
        }
        catch (FormatException)
        {
            return MessageLanguage.Chinese;
        }

        // The first language we speak in the client's order of preference (a stable sort keeps header order on ties).
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1d))
        {
            if (language.Quality == 0)
            {
                continue;
            }

            var tag = language.Value.Value ?? "";
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return MessageLanguage.Chinese;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return MessageLanguage.English;
            }
        }

        return MessageLanguage.Chinese;
    }
}
