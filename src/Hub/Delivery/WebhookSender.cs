using System.Net;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Hub.Outbox;

namespace IntegrationHub.Hub.Delivery;

/// <summary>
/// POSTs rendered mail to an agency's webhook. Retries what may pass on a second try (5xx, 408, 429,
/// timeouts, connection errors) with exponential backoff and jitter; other 4xx are final. Every try
/// carries the same X-Hub-Mail-Id so the agency can drop duplicates, and is signed with the agency's
/// secret (<see cref="WebhookSignature"/>). Redirects are not followed: a 3xx is final too, since following
/// one would send a child's file to an address nobody put in the directory. Throws when the mail did not
/// arrive, so the outbox keeps it (a final refusal parks it for operators).
/// </summary>
public sealed class WebhookSender(HubOptions options, ILogger<WebhookSender> logger) : IDisposable
{
    readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
        { Timeout = Timeout.InfiniteTimeSpan };
    WebhookOptions Settings => options.Webhook;

    public async Task PostAsync(Uri url, AgencyMail mail, OutboundDocument document, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, Settings.Attempts);
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryOnceAsync(url, mail, document, cancellationToken).ConfigureAwait(false);
            if (failure is null)
                return;
            if (!failure.Value.Retryable)
                throw new PermanentDeliveryException($"webhook {url} refused mail {mail.MailId}: {failure.Value.Reason}");
            if (attempt == attempts)
                throw new WebhookException($"webhook {url} for mail {mail.MailId} failed after {attempt} attempt(s): {failure.Value.Reason}");
            var delay = Backoff(attempt);
            logger.LogWarning("Webhook {Url} for mail {MailId}: {Reason}; try {Next} of {Attempts} in {Delay} ms",
                url, mail.MailId, failure.Value.Reason, attempt + 1, attempts, (int)delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    async Task<(bool Retryable, string Reason)?> TryOnceAsync(Uri url, AgencyMail mail, OutboundDocument document, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.AttemptTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(document.Body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", document.ContentType);
        request.Headers.Add(MailHeaders.WebhookMailId, mail.MailId.ToString());
        request.Headers.Add(MailHeaders.WebhookKind, mail.Kind);
        if (Settings.Secrets.GetValueOrDefault(mail.To) is { Length: > 0 } secret)
        {
            // The machine's clock, not the hub's (which a demo may simulate): the agency compares it with its own
            // clock to refuse stale replays. Each attempt is signed afresh.
            var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            request.Headers.Add(MailHeaders.WebhookTimestamp, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(MailHeaders.WebhookSignature, WebhookSignature.Compute(secret, mail.MailId.ToString(), timestamp, document.Body));
        }
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
                return null;
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                return (false, $"answered {status}, a redirect, which the hub does not follow: correct the agency's delivery.url in the directory");
            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (retryable, $"answered {status}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (true, $"no answer within {Settings.AttemptTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return (true, e.Message);
        }
    }

    TimeSpan Backoff(int attempt) =>
        Settings.FirstDelay * Math.Pow(2, attempt - 1) * (0.5 + Random.Shared.NextDouble());

    public void Dispose() => _http.Dispose();
}

/// <summary>A webhook delivery that did not succeed; the outbox keeps the mail and tries again later.</summary>
public sealed class WebhookException(string message) : Exception(message);
