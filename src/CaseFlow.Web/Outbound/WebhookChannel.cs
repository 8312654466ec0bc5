using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CaseFlow.Data.Notifications;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Outbound;

/// <summary>
/// HTTP POST of the message as JSON to its county's endpoint (<c>Outbox:Webhook:Counties:&lt;code&gt;</c>), signed:
/// <c>X-CaseFlow-Timestamp</c> (Unix seconds) and <c>X-CaseFlow-Signature: sha256=&lt;hex&gt;</c>, the HMAC-SHA256 of
/// "timestamp.body" under the county's secret; <c>Idempotency-Key</c> is the outbox id, the same on every attempt.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory clients, IOptionsMonitor<OutboxOptions> options, TimeProvider time) : IOutboundChannel
{
    public const string ClientName = "outbox-webhook";
    public const string TimestampHeader = "X-CaseFlow-Timestamp";
    public const string SignatureHeader = "X-CaseFlow-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";

    public OutboundChannel Channel => OutboundChannel.Webhook;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var webhook = options.CurrentValue.Webhook;
        var endpoint = webhook.Counties.FirstOrDefault(c => string.Equals(c.Key, message.Recipient, StringComparison.OrdinalIgnoreCase)).Value;
        if (endpoint?.Url is not { Length: > 0 } url || endpoint.Secret is not { Length: > 0 } secret)
        {
            return DeliveryResult.Reject($"no webhook for county '{message.Recipient}': set {OutboxOptions.SectionName}:Webhook:Counties:{message.Recipient}:Url and :Secret");
        }

        var body = Body(message);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(IdempotencyHeader, message.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + OutboundSignature.Compute(secret, timestamp, body));
        var (result, _) = await OutboundHttp.PostAsync(
            clients.CreateClient(ClientName), request, TimeSpan.FromSeconds(webhook.TimeoutSeconds), cancellationToken);
        return result;
    }

    /// <summary><c>{"id":…,"county":"AJ","attempt":1,"notice":{…the payload…}}</c>, UTF-8.</summary>
    internal static byte[] Body(OutboxMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CaseFlow.Data.DbJson.Options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("id", message.Id);
            json.WriteString("county", message.Recipient);
            json.WriteString("kind", message.NoticeKind);
            json.WritePropertyName("notice");
            json.WriteRawValue(message.Payload);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
