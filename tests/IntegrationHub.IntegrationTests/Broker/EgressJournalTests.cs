using System.Text.Json;
using Dapper;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Hub.Audit;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// The crash window on a real broker, without killing anything: an outbox row left claimed and unmarked
/// (attempts 1, claim expired), as a hub SIGKILLed mid-dispatch leaves it. Whether or not its mail reached
/// the agency queue before the "crash", the queue ends with exactly one copy and the row with one entry.
/// A webhook that fails after the drop leaves the same window, without any crash.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class EgressJournalTests(RabbitMqNode rabbit) : IAsyncLifetime
{
    /// <summary>A canonical agency: the mail's own JSON, no adapter in the way.</summary>
    const string Agency = "cjg-tilburg";
    static readonly string Queue = AgencyQueues.MailQueue(Agency);

    TestHub _hub = null!;
    AgencyQueueReader _reader = null!;

    public async Task InitializeAsync() => _reader = await AgencyQueueReader.ConnectAsync(rabbit);

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        if (_hub is not null)
            await _hub.DisposeAsync();
    }

    /// <param name="webhook">Makes the agency a webhook agency: its mail goes to its queue and this URL.</param>
    async Task StartHubAsync(Uri? webhook = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
        var settings = rabbit.HubSettings;
        if (webhook is not null)
        {
            settings["Hub:Directory:Path"] = AgencyDirectoryFile.WithWebhook(dataDirectory, Agency, webhook);
            settings["Hub:Webhook:Attempts"] = "1";
            // On RabbitMQ a webhook agency without its signing secret is refused at start.
            settings[$"Hub:Webhook:Secrets:{Agency}"] = new string('s', 32);
        }
        _hub = await TestHub.StartAsync(settings, dataDirectory);
        await _reader.DrainAsync(Queue);
    }

    [Fact]
    public async Task Mail_that_reached_the_queue_before_the_crash_is_marked_sent_without_a_second_copy()
    {
        await StartHubAsync();
        var mail = NewMail();
        // The broker confirmed this mail; then the hub died before marking its row.
        await _hub.Get<IAgencyDrop>().DropAsync(mail, Render(mail), CancellationToken.None);
        var row = await LeaveClaimedUnmarkedAsync(mail);

        await WaitUntilMarkedAsync(row);

        var copies = await _reader.DrainAsync(Queue);
        copies.Should().ContainSingle("the journal showed the mail was already in the queue").Which.MessageId.Should().Be(mail.MailId.ToString());
        (await LogEntriesAsync(mail.MailId)).Should().ContainSingle().Which.Should().Be(
            (DeliveryOutcomes.Delivered, PayloadHash.OfBytes(copies[0].Body), Queue), "one entry, for the bytes the agency got");
        _hub.LogTail(200).Should().Contain("Egress journal resolved 1 of 1");
    }

    [Fact]
    public async Task Mail_that_never_reached_the_broker_before_the_crash_is_published_once()
    {
        await StartHubAsync();
        var mail = NewMail();
        var row = await LeaveClaimedUnmarkedAsync(mail);

        await WaitUntilMarkedAsync(row);

        var copies = await _reader.WaitForAsync(Queue, 1);
        await Task.Delay(500);
        copies.AddRange(await _reader.DrainAsync(Queue));
        copies.Should().ContainSingle("a suspect row the journal does not know is sent, once").Which.MessageId.Should().Be(mail.MailId.ToString());
        (await LogEntriesAsync(mail.MailId)).Should().ContainSingle().Which.Should().Be((DeliveryOutcomes.Delivered, PayloadHash.OfBytes(copies[0].Body), Queue));
        _hub.LogTail(200).Should().Contain("Egress journal resolved 0 of 1");
    }

    [Fact]
    public async Task A_webhook_that_fails_after_the_drop_is_retried_without_a_second_copy_in_the_queue()
    {
        await using var webhook = await WebhookReceiver.StartAsync([500]);
        await StartHubAsync(webhook.Url);
        var mail = NewMail();
        var row = await AddToOutboxAsync(mail, claimedBefore: false);

        await WaitUntilMarkedAsync(row);

        webhook.Requests.Select(r => (r.MailId, r.AnsweredWith)).Should().Equal((mail.MailId.ToString(), 500), (mail.MailId.ToString(), 200));
        await Task.Delay(500);
        (await _reader.DrainAsync(Queue)).Should().ContainSingle("the retry found the mail in the journal and only posted the webhook again")
            .Which.MessageId.Should().Be(mail.MailId.ToString());
        (await LogEntriesAsync(mail.MailId)).Should().ContainSingle();
        _hub.LogTail(200).Should().Contain("Egress journal resolved 1 of 1");
    }

    static AgencyMail NewMail() => new()
    {
        MailId = Guid.NewGuid(), To = Agency, Kind = AgencyMailKinds.Feedback, HandoverId = Guid.NewGuid(),
        Sender = Agency, Receiver = "bjz-noord-brabant", At = DateTimeOffset.UtcNow, Purpose = "care", LegalBasis = "consent",
        Feedback = JsonSerializer.SerializeToElement(new { kind = "receipt", by = "bjz-noord-brabant" }),
    };

    OutboundDocument Render(AgencyMail mail) => _hub.Get<MailRenderer>().Render(mail, _hub.Get<AgencyDirectory>().Get(Agency));

    /// <summary>What a dispatcher killed mid-batch leaves: the row claimed once (attempts 1), its claim expired, not marked.</summary>
    Task<long> LeaveClaimedUnmarkedAsync(AgencyMail mail) => AddToOutboxAsync(mail, claimedBefore: true);

    async Task<long> AddToOutboxAsync(AgencyMail mail, bool claimedBefore)
    {
        var id = await _hub.Get<HubDatabase>().WriteAsync(async scope =>
        {
            await OutboxStore.AddAsync(scope, [OutgoingMessage.ToAgency(mail)], notBefore: DateTimeOffset.UtcNow.AddSeconds(-1));
            return await scope.Connection.ExecuteScalarAsync<long>(
                "UPDATE outbox SET attempts = @Attempts, claim_token = @Token WHERE message_id = @Id RETURNING id",
                new { Id = mail.MailId.ToString(), Attempts = claimedBefore ? 1 : 0, Token = claimedBefore ? "killed-dispatcher" : null }, scope.Transaction);
        });
        _hub.Get<OutboxSignal>().Notify();
        return id;
    }

    async Task WaitUntilMarkedAsync(long row)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await QueryAsync<long?>("SELECT dispatched_at FROM outbox WHERE id = @Id", new { Id = row }) is [null])
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"outbox row {row} was not marked sent\n{_hub.LogTail()}");
            await Task.Delay(100);
        }
    }

    async Task<List<(string Outcome, string PayloadSha256, string Channel)>> LogEntriesAsync(Guid mailId) =>
        await QueryAsync<(string, string, string)>("SELECT outcome, payload_sha256, channel FROM delivery_log WHERE message_id = @Id", new { Id = mailId.ToString() });

    async Task<List<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }
}
