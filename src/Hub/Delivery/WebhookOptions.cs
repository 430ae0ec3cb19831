namespace IntegrationHub.Hub.Delivery;

/// <summary>How the hub retries and signs a webhook (Hub:Webhook). The defaults give up after about 30 seconds; the outbox then retries later.</summary>
public sealed class WebhookOptions
{
    public int Attempts { get; set; } = 5;
    /// <summary>The wait before the second try; doubled each time, with ±50% jitter so agencies are not hit in waves.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Per agency id (Hub:Webhook:Secrets:{agencyId}): the key of the HMAC-SHA256 signature on its webhook
    /// POSTs (<see cref="WebhookSignature"/>), shared with that agency only. Required for every webhook agency
    /// outside the embedded default (<see cref="WebhookPolicy"/>).</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);
}
