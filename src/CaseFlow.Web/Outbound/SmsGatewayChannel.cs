using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CaseFlow.Data;
using CaseFlow.Data.Notifications;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web.Outbound;

/// <summary>
/// A text message through an SMS gateway, shaped as the common domestic gateways take one: the app key, the registered
/// signature (签名), a template id per notice kind and the template's parameters, the phone numbers, and an out id
/// (the outbox id) for the gateway's own de-duplication. The request is signed like the webhook's
/// (<c>X-Sms-Timestamp</c>, <c>X-Sms-Signature</c>: HMAC-SHA256 of "timestamp.body" under the app secret). The gateway
/// answers JSON <c>{"code":"OK",…}</c>; any other code is an error kept and tried again.
/// </summary>
public sealed class SmsGatewayChannel(IHttpClientFactory clients, IOptionsMonitor<OutboxOptions> options, TimeProvider time) : IOutboundChannel
{
    public const string ClientName = "outbox-sms";
    public const string TimestampHeader = "X-Sms-Timestamp";
    public const string SignatureHeader = "X-Sms-Signature";

    public OutboundChannel Channel => OutboundChannel.Sms;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sms = options.CurrentValue.Sms;
        if (string.IsNullOrEmpty(sms.Url) || string.IsNullOrEmpty(sms.Secret))
        {
            return DeliveryResult.Reject($"no SMS gateway: set {OutboxOptions.SectionName}:Sms:Url, :AppKey, :Secret and :SignName");
        }

        if (!sms.Templates.TryGetValue(message.NoticeKind, out var template) || string.IsNullOrEmpty(template))
        {
            return DeliveryResult.Reject($"no SMS template for '{message.NoticeKind}': set {OutboxOptions.SectionName}:Sms:Templates:{message.NoticeKind}");
        }

        var notice = DbJson.Deserialize<OutboundPayload>(message.Payload)
            ?? throw new InvalidOperationException($"Outbox message {message.Id} has no payload.");
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new SmsRequest(
                sms.AppKey ?? "",
                sms.SignName ?? "",
                template,
                [message.Recipient],
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["text"] = notice.Text,
                    ["case"] = notice.CaseId?.ToString(CultureInfo.InvariantCulture) ?? "",
                },
                message.Id.ToString(CultureInfo.InvariantCulture),
                timestamp),
            DbJson.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, OutboundSignature.Compute(sms.Secret, timestamp, body));
        var (result, answer) = await OutboundHttp.PostAsync(
            clients.CreateClient(ClientName), request, TimeSpan.FromSeconds(sms.TimeoutSeconds), cancellationToken);
        return result.Outcome == DeliveryOutcome.Delivered ? Accepted(answer) : result;
    }

    /// <summary>A 200 is delivered only when the gateway's own code says so.</summary>
    private static DeliveryResult Accepted(string? answer)
    {
        try
        {
            var reply = DbJson.Deserialize<SmsReply>(answer ?? "");
            return string.Equals(reply?.Code, "OK", StringComparison.OrdinalIgnoreCase)
                ? DeliveryResult.Ok
                : DeliveryResult.Retry($"gateway code {reply?.Code ?? "(none)"}: {reply?.Message}".TrimEnd(' ', ':'));
        }
        catch (JsonException)
        {
            return DeliveryResult.Retry("the gateway's answer is not JSON: " + (answer is { Length: > 200 } ? answer[..200] + "…" : answer));
        }
    }

    /// <summary>The request body (camelCase): appKey, signName, templateId, phoneNumbers, templateParams, outId, timestamp.</summary>
    internal sealed record SmsRequest(
        string AppKey, string SignName, string TemplateId, IReadOnlyList<string> PhoneNumbers,
        IReadOnlyDictionary<string, string> TemplateParams, string OutId, string Timestamp);

    internal sealed record SmsReply(string? Code, string? Message, string? BizId);
}
