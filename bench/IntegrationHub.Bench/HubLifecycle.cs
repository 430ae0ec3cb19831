using Dapper;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Bench;

/// <summary>The hub, as the agencies use it: submissions and feedback over HTTP, mail in their RabbitMQ queues.</summary>
sealed class HubLifecycle(Func<string, HttpClient> asAgency, HubDatabase database, string queueType = "quorum") : ILifecycle
{
    public const string Sender = "school-de-regenboog";
    public const string Receiver = "bjz-noord-brabant";

    static long _children;

    public string Name => "hub";
    public string ReceiverQueue => AgencyQueues.MailQueue(Receiver);
    public string SenderQueue => AgencyQueues.MailQueue(Sender);
    public IDictionary<string, object?>? MailQueueArguments { get; } = new Dictionary<string, object?> { ["x-queue-type"] = queueType };

    public async Task SubmitAsync(Guid handoverId, CancellationToken cancellationToken)
    {
        var document = Messages.Handover(Sender, Receiver);
        document["handoverId"] = handoverId.ToString();
        // A child (and a sibling) of its own per handover, as a region's caseload is: one child handed over thousands of
        // times would measure the referral index's work on one ever-growing family instead.
        var child = Interlocked.Increment(ref _children);
        document["subject"]!["bsn"] = Seeding.Bsn.Make(2 * child);
        document["family"]!["siblings"]![0]!["bsn"] = Seeding.Bsn.Make(2 * child + 1);
        using var response = await SendAsync(() => asAgency(Sender).PostAsync("/api/handovers", Messages.Json(document), cancellationToken), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {body}");
        var accepted = Guid.Parse(System.Text.Json.Nodes.JsonNode.Parse(body)!["handoverId"]!.GetValue<string>());
        if (accepted != handoverId)
            throw new InvalidOperationException($"hub answered handover {accepted}, asked for {handoverId}");
    }

    public async Task FeedbackAsync(Guid handoverId, string kind, CancellationToken cancellationToken)
    {
        var feedback = Messages.Feedback(kind, Receiver);
        using var response = await SendAsync(() => asAgency(Receiver).FeedbackAsync(handoverId, feedback), cancellationToken);
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    long _busy;

    public long BusyAnswers => Interlocked.Read(ref _busy);

    /// <summary>As the docs tell an agency system: a 503 is sent again, the same message, after Retry-After (the wait counts in the latency).</summary>
    async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        while (true)
        {
            var response = await send();
            if ((int)response.StatusCode != 503)
                return response;
            Interlocked.Increment(ref _busy);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    /// <summary>Each applied step bumps its handover's version by one (the first step writes version 1).</summary>
    public async Task<long> StepsAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(version), 0) FROM handovers");
    }

    public async Task<long> InCareAsync()
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE current_state = 'InCare'");
    }

    public async Task<bool> SettledAsync(long inCare, long senderMails)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM handovers WHERE current_state = 'InCare'") >= inCare
            && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL") == 0;
    }

    public async Task<string> BacklogAsync()
    {
        await using var connection = await database.OpenAsync();
        return $"outbox unsent {await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL"),5}";
    }
}
