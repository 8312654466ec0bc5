using System.Net.Http.Json;
using System.Text.Json;

namespace CaseFlow.Web.Tests.Infrastructure;

/// <summary>Small helpers for talking to the API the way a browser client does.</summary>
public static class HttpExtensions
{
    public const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>Fetches a CSRF token for this client's session and sends it on every later request.</summary>
    public static async Task<string> UseCsrfTokenAsync(this HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetFromJsonAsync<JsonElement>("/api/v1/auth/csrf");
        var token = response.GetProperty("token").GetString()!;
        client.DefaultRequestHeaders.Remove(CsrfHeader);
        client.DefaultRequestHeaders.Add(CsrfHeader, token);
        return token;
    }

    /// <summary>The response as problem details JSON, after checking its media type.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> PostJsonTextAsync(this HttpClient client, string url, string json)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
    }
}
