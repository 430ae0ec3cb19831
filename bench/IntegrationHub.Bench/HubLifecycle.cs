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
        var accepted = await asAgency(Sender).SubmitAsync(document);
        if (accepted != handoverId)
            throw new InvalidOperationException($"hub answered handover {accepted}, asked for {handoverId}");
    }

    public async Task FeedbackAsync(Guid handoverId, string kind, CancellationToken cancellationToken)
    {
        using var response = await asAgency(Receiver).FeedbackAsync(handoverId, Messages.Feedback(kind, Receiver));
        if ((int)response.StatusCode != 202)
            throw new InvalidOperationException($"{kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
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
