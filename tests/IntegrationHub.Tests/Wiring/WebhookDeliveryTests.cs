using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Wiring;

/// <summary>Delivery to an agency's webhook: retried on 5xx with the same mail id, final on 4xx, each attempt signed.</summary>
public class WebhookDeliveryTests
{
    public const string Secret = "bjz-webhook-secret-0123456789abcdef";

    public static async Task<TestHub> HubWithBjzWebhookAsync(Uri url)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
        var settings = new Dictionary<string, string?>
        {
            ["Hub:Directory:Path"] = AgencyDirectoryFile.WithWebhook(dataDirectory, "bjz-noord-brabant", url),
            ["Hub:Webhook:FirstDelay"] = "00:00:00.050",
            ["Hub:Webhook:AttemptTimeout"] = "00:00:02",
            ["Hub:Webhook:Secrets:bjz-noord-brabant"] = Secret,
        };
        return await TestHub.StartAsync(settings, dataDirectory);
    }

    [Fact]
    public async Task Two_failures_then_success_deliver_once_with_one_mail_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync([500, 503]);
        await using var hub = await HubWithBjzWebhookAsync(receiver.Url);

        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");
        await Task.Delay(500);

        var requests = receiver.Requests.ToList();
        requests.Select(r => r.AnsweredWith).Should().Equal(500, 503, 200);
        requests.Select(r => r.MailId).Distinct().Should().ContainSingle().Which.Should().NotBeNullOrEmpty();
        requests.Should().OnlyContain(r => r.Kind == "handover" && r.ContentType == "application/xml");
        requests.Should().OnlyContain(r => r.SignatureValidWith(Secret), "every attempt is signed afresh");
        System.Text.Encoding.UTF8.GetString(requests[^1].Body).Should().Contain(id.ToString());
    }

    [Fact]
    public async Task A_4xx_is_not_retried_and_the_handover_is_not_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync([], otherwise: 400);
        await using var hub = await HubWithBjzWebhookAsync(receiver.Url);

        var id = await hub.SubmitAsync(Messages.Handover());
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (receiver.Requests.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await Task.Delay(1500);

        receiver.Requests.Should().ContainSingle().Which.AnsweredWith.Should().Be(400);
        (await hub.WaitForViewAsync(id, _ => true))["state"]!.GetValue<string>().Should().Be("submitted");
        // Not lost: parked where an operator sees it.
        var parked = await hub.Get<IntegrationHub.Hub.Outbox.OutboxStore>().ParkedAsync();
        parked.Should().ContainSingle().Which.Reason.Should().Contain("answered 400");
    }

    [Fact]
    public async Task A_429_is_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync([429]);
        await using var hub = await HubWithBjzWebhookAsync(receiver.Url);

        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");

        receiver.Requests.Select(r => r.AnsweredWith).Should().Equal(429, 200);
    }
}
