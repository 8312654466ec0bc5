using System.Net;
using System.Security.Cryptography;
using System.Text;
using CaseFlow.Data.Notifications;

namespace CaseFlow.Web.Outbound;

/// <summary>What became of one attempt to send a message.</summary>
public enum DeliveryOutcome
{
    Delivered,

    /// <summary>It may work later (a timeout, a 5xx, a busy gateway): tried again after a backoff, while attempts remain.</summary>
    Retry,

    /// <summary>It cannot work as configured (nothing configured, a 4xx): failed at once.</summary>
    Reject,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null)
{
    public static DeliveryResult Ok { get; } = new(DeliveryOutcome.Delivered);

    public static DeliveryResult Retry(string error) => new(DeliveryOutcome.Retry, error);

    public static DeliveryResult Reject(string error) => new(DeliveryOutcome.Reject, error);
}

/// <summary>A way out of CaseFlow. Each send carries the outbox id, so a receiver can drop a message it already has.</summary>
public interface IOutboundChannel
{
    /// <summary>outbox_messages.channel of the rows it sends.</summary>
    OutboundChannel Channel { get; }

    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the host stops).</exception>
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The signature both channels put on a request: HMAC-SHA256 over the timestamp, a dot and the body.</summary>
public static class OutboundSignature
{
    /// <summary>Lower-case hex of HMAC-SHA256(<paramref name="secret"/>, "<paramref name="timestamp"/>.<paramref name="body"/>").</summary>
    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}

/// <summary>One POST with a timeout of its own, its answer sorted into delivered, retry and reject.</summary>
internal static class OutboundHttp
{
    public static async Task<(DeliveryResult Result, string? Body)> PostAsync(
        HttpClient client, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, limit.Token);
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            if (response.IsSuccessStatusCode)
            {
                return (DeliveryResult.Ok, body);
            }

            var error = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}: {Shorten(body)}".TrimEnd(' ', ':');
            var transient = (int)response.StatusCode >= 500
                || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (transient ? DeliveryResult.Retry(error) : DeliveryResult.Reject(error), body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (DeliveryResult.Retry($"no answer within {timeout.TotalSeconds:0} s (timed out)"), null);
        }
        catch (HttpRequestException e)
        {
            return (DeliveryResult.Retry($"{e.HttpRequestError}: {e.Message}"), null);
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body.Trim() : string.Concat(body.AsSpan(0, 300), "…");
}
