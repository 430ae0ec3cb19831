using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Crash;

/// <summary>What a sending agency does when the hub is down: keep the message id and try again.</summary>
static class CrashDriving
{
    /// <summary>Posts until 200/202. A refused connection or a reset means the hub is down or restarting;
    /// the same messageId again is safe because intake is idempotent on it.</summary>
    /// <param name="key">the credential of the agency that sends it.</param>
    public static async Task PostUntilAcceptedAsync(HttpClient http, string path, JsonObject body, string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Messages.Json(body) };
                request.Headers.Authorization = new("Bearer", key);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted)
                    return;
                if ((int)response.StatusCode < 500)
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
            }
            catch (SocketException)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            if (cancellationToken.IsCancellationRequested)
                throw new TimeoutException($"waited in vain for {what}");
            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>Every agency's mail queue on the node (agency.{id}.mail; not the .inbound.error ones).</summary>
    public static async Task<IReadOnlyList<string>> AgencyQueuesAsync(RabbitMqNode rabbit)
    {
        var (code, listing) = await rabbit.Ctl("-s", "list_queues", "name");
        if (code != 0)
            throw new InvalidOperationException($"rabbitmqctl list_queues failed: {listing}");
        var queues = listing.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(q => q.StartsWith("agency.", StringComparison.Ordinal) && q.EndsWith(".mail", StringComparison.Ordinal))
            .Order().ToList();
        if (queues.Count == 0)
            throw new InvalidOperationException($"no agency queues on the node: {listing}");
        return queues;
    }

    /// <summary>
    /// Takes every message in the queue and counts copies per AMQP message id. The id, not the body, is what
    /// identifies a mail: the body format is the agency's own and may change.
    /// </summary>
    public static async Task<Dictionary<string, int>> DrainAsync(AgencyQueueReader reader, string queue, string? skipKind = null,
        Dictionary<string, int>? skipped = null)
    {
        var copies = new Dictionary<string, int>();
        while (await reader.Channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            if (skipKind is not null && message.BasicProperties.Headers?.TryGetValue("x-hub-kind", out var kind) == true
                && kind is byte[] bytes && System.Text.Encoding.UTF8.GetString(bytes) == skipKind)
            {
                // Kept apart, by message id, for a caller that counts them on their own.
                if (skipped is not null && message.BasicProperties.MessageId is { } skippedId)
                    skipped[skippedId] = skipped.GetValueOrDefault(skippedId) + 1;
                continue;
            }
            var id = message.BasicProperties.MessageId ?? throw new InvalidOperationException($"mail without a message id on {queue}");
            copies[id] = copies.GetValueOrDefault(id) + 1;
        }
        return copies;
    }
}
