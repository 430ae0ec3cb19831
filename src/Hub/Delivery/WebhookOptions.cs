namespace IntegrationHub.Hub.Delivery;

/// <summary>How the hub retries a webhook (Hub:Webhook). The defaults give up after about 30 seconds; the outbox then retries later.</summary>
public sealed class WebhookOptions
{
    public int Attempts { get; set; } = 5;
    /// <summary>The wait before the second try; doubled each time, with ±50% jitter so agencies are not hit in waves.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
