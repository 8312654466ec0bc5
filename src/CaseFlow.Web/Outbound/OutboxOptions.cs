namespace CaseFlow.Web.Outbound;

/// <summary>The outbox's delivery, channels and health thresholds, bound from the configuration section <see cref="SectionName"/>.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>How often the delivery job wakes up; a divisor of 60 (a six-field cron, like the sweep).</summary>
    public int DeliveryIntervalSeconds { get; set; } = 5;

    /// <summary>Rows claimed per pass; a run claims pass after pass until one comes back short.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Attempts per message, the first included; after the last failed one the row is 'failed'.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failed attempt; it doubles after each further one, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public int RetryDelaySeconds { get; set; } = 30;

    public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>How long a claim holds a row; a node that died mid-delivery leaves its rows to others after this.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary><c>/health</c> is degraded when the oldest pending message is older than this.</summary>
    public int StalePendingMinutes { get; set; } = 15;

    /// <summary><c>/health</c> is degraded while a message has failed for good within this many hours.</summary>
    public int FailedWindowHours { get; set; } = 24;

    public WebhookOptions Webhook { get; set; } = new();

    public SmsGatewayOptions Sms { get; set; } = new();

    public string DeliveryCron => DeliveryIntervalSeconds >= 60 ? "0 * * * * *" : $"*/{DeliveryIntervalSeconds} * * * * *";

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan StalePendingAge => TimeSpan.FromMinutes(StalePendingMinutes);

    public TimeSpan FailedWindow => TimeSpan.FromHours(FailedWindowHours);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones: 30 s, 1 min, 2 min, … at most the cap.</summary>
    public TimeSpan RetryDelayAfter(int attempts)
    {
        var doublings = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min((double)RetryDelaySeconds * Math.Pow(2, doublings), MaxRetryDelaySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Every problem with these options, named by configuration path; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add($"{SectionName}:{problem}");
            }
        }

        Check(DeliveryIntervalSeconds is >= 1 and <= 60 && 60 % DeliveryIntervalSeconds == 0, $"{nameof(DeliveryIntervalSeconds)} must divide 60 (was {DeliveryIntervalSeconds}).");
        Check(BatchSize >= 1, $"{nameof(BatchSize)} must be at least 1 (was {BatchSize}).");
        Check(MaxAttempts is >= 1 and <= 100, $"{nameof(MaxAttempts)} must be between 1 and 100 (was {MaxAttempts}).");
        Check(RetryDelaySeconds >= 1, $"{nameof(RetryDelaySeconds)} must be at least 1 (was {RetryDelaySeconds}).");
        Check(MaxRetryDelaySeconds >= RetryDelaySeconds, $"{nameof(MaxRetryDelaySeconds)} must be at least {nameof(RetryDelaySeconds)} (was {MaxRetryDelaySeconds}).");
        Check(StalePendingMinutes >= 1, $"{nameof(StalePendingMinutes)} must be at least 1 (was {StalePendingMinutes}).");
        Check(FailedWindowHours >= 1, $"{nameof(FailedWindowHours)} must be at least 1 (was {FailedWindowHours}).");
        Check(Webhook.TimeoutSeconds is >= 1 and <= 300, $"Webhook:{nameof(WebhookOptions.TimeoutSeconds)} must be between 1 and 300 (was {Webhook.TimeoutSeconds}).");
        Check(Sms.TimeoutSeconds is >= 1 and <= 300, $"Sms:{nameof(SmsGatewayOptions.TimeoutSeconds)} must be between 1 and 300 (was {Sms.TimeoutSeconds}).");

        // A lease shorter than a send could let a second node claim a message still being sent.
        var longestSend = Math.Max(Webhook.TimeoutSeconds, Sms.TimeoutSeconds);
        Check(LeaseSeconds >= 2 * longestSend, $"{nameof(LeaseSeconds)} must be at least twice the longest channel timeout ({2 * longestSend}; was {LeaseSeconds}).");

        foreach (var (code, endpoint) in Webhook.Counties)
        {
            Check(IsHttpUrl(endpoint.Url), $"Webhook:Counties:{code}:Url must be an absolute http or https URL (was '{endpoint.Url}').");
            Check(!string.IsNullOrEmpty(endpoint.Secret) && endpoint.Secret.Length >= 16, $"Webhook:Counties:{code}:Secret must be at least 16 characters.");
        }

        if (!string.IsNullOrEmpty(Sms.Url))
        {
            Check(IsHttpUrl(Sms.Url), $"Sms:Url must be an absolute http or https URL (was '{Sms.Url}').");
            Check(!string.IsNullOrEmpty(Sms.AppKey), "Sms:AppKey is required with Sms:Url.");
            Check(!string.IsNullOrEmpty(Sms.Secret) && Sms.Secret.Length >= 16, "Sms:Secret must be at least 16 characters with Sms:Url.");
            Check(!string.IsNullOrEmpty(Sms.SignName), "Sms:SignName (the registered SMS signature) is required with Sms:Url.");
        }

        return problems;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>The webhook channel: one endpoint and secret per county, keyed by the county's code (e.g. <c>AJ</c>).</summary>
public sealed class WebhookOptions
{
    public int TimeoutSeconds { get; set; } = 10;

    public Dictionary<string, WebhookEndpoint> Counties { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class WebhookEndpoint
{
    public string? Url { get; set; }

    /// <summary>The HMAC-SHA256 key the receiver checks the signature with.</summary>
    public string? Secret { get; set; }
}

/// <summary>The SMS gateway: template id plus parameters, the registered signature (签名) and the app key and secret.</summary>
public sealed class SmsGatewayOptions
{
    /// <summary>The gateway's send endpoint; unset, no text message goes out (each is failed, naming this key).</summary>
    public string? Url { get; set; }

    public string? AppKey { get; set; }

    public string? Secret { get; set; }

    /// <summary>The SMS signature registered with the gateway, e.g. 安吉县总工会.</summary>
    public string? SignName { get; set; }

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>notifications.kind → the gateway's template id (e.g. <c>party_alert</c> → <c>SMS_0001</c>).</summary>
    public Dictionary<string, string> Templates { get; set; } = new(StringComparer.Ordinal);
}
