using IntegrationHub.Contracts.Agencies;
using IntegrationHub.Hub.Hosting;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Wiring;

/// <summary>What keeps webhook mail between the hub and the agency: a signature the agency can check, no redirects, https.</summary>
public class WebhookSecurityTests
{
    [Fact]
    public async Task Each_post_carries_a_signature_the_agency_verifies_with_its_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync([503]);
        await using var hub = await WebhookDeliveryTests.HubWithBjzWebhookAsync(receiver.Url);

        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");

        var requests = receiver.Requests.ToList();
        requests.Should().HaveCount(2);
        foreach (var request in requests)
        {
            request.SignatureValidWith(WebhookDeliveryTests.Secret).Should().BeTrue();
            request.SignatureValidWith("another-agencys-secret-0123456789abcdef").Should().BeFalse();
            (request with { Body = [.. request.Body, (byte)' '] }).SignatureValidWith(WebhookDeliveryTests.Secret).Should().BeFalse("the body is signed");
            (request with { MailId = Guid.NewGuid().ToString() }).SignatureValidWith(WebhookDeliveryTests.Secret).Should().BeFalse("the mail id is signed");
            // Signed with the machine's clock, which the agency compares with its own to refuse stale replays.
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(request.Timestamp!)).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_mail_is_parked_for_operators()
    {
        await using var receiver = await WebhookReceiver.StartAsync([], otherwise: 302);
        await using var hub = await WebhookDeliveryTests.HubWithBjzWebhookAsync(receiver.Url);

        var id = await hub.SubmitAsync(Messages.Handover());
        var parked = await WaitForParkedAsync(hub);

        parked.Reason.Should().Contain("answered 302").And.Contain("redirect");
        receiver.Requests.Should().ContainSingle("a 3xx is final, not retried").Which.Path.Should().Be("/hook");
        receiver.Requests.Should().NotContain(r => r.Path == "/hook-moved", "the redirect was not followed");
        (await hub.WaitForViewAsync(id, _ => true))["state"]!.GetValue<string>().Should().Be("submitted");
    }

    [Theory]
    [InlineData("http://bjz.example/hook")]
    [InlineData("http://10.0.0.8:8080/hook")]
    [InlineData("ftp://bjz.example/hook")]
    public void A_webhook_without_https_outside_loopback_is_refused_when_the_directory_loads(string url)
    {
        var directory = TempDirectory();
        try
        {
            var path = AgencyDirectoryFile.WithWebhook(directory, "bjz-noord-brabant", new Uri(url));

            FluentActions.Invoking(() => AgencyDirectory.LoadFile(path)).Should().Throw<AgencyDirectoryException>()
                .Which.Message.Should().Contain("/delivery/url").And.Contain("bjz-noord-brabant").And.Contain("https")
                .And.NotContain("bjz.example", "the message names the field, not its value");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://bjz.example/hook")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::1]:8080/hook")]
    public void Https_or_loopback_webhooks_load(string url)
    {
        var directory = TempDirectory();
        try
        {
            AgencyDirectory.LoadFile(AgencyDirectoryFile.WithWebhook(directory, "bjz-noord-brabant", new Uri(url)))
                .Get("bjz-noord-brabant").Delivery.Url.Should().Be(new Uri(url));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_webhook_agency_without_a_secret_is_refused_at_start_outside_the_embedded_default()
    {
        var data = TempDirectory();
        var directory = AgencyDirectoryFile.WithWebhook(data, "bjz-noord-brabant", new Uri("https://bjz.example/hook"));
        // RabbitMQ selected, on a port where nothing listens: the refusal comes before any connection is tried.
        string[] rabbit = ["--Hub:Transport=rabbitmq", "--Hub:RabbitMq:Host=127.0.0.1", "--Hub:RabbitMq:Port=1",
            "--Hub:RabbitMq:Username=integrationhub", "--Hub:RabbitMq:Password=x", $"--Hub:Directory:Path={directory}", $"--Hub:DataDirectory={data}"];

        try
        {
            await using (var unsigned = await HubApp.BuildAsync(rabbit))
                (await FluentActions.Awaiting(() => unsigned.StartAsync()).Should().ThrowAsync<InvalidOperationException>())
                    .Which.Message.Should().Contain("Hub:Webhook:Secrets:bjz-noord-brabant is not set");

            await using (var weak = await HubApp.BuildAsync([.. rabbit, "--Hub:Webhook:Secrets:bjz-noord-brabant=short"]))
                (await FluentActions.Awaiting(() => weak.StartAsync()).Should().ThrowAsync<InvalidOperationException>())
                    .Which.Message.Should().Contain("shorter than 32 characters").And.NotContain("=short");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task On_the_embedded_default_a_webhook_without_a_secret_is_posted_unsigned()
    {
        await using var receiver = await WebhookReceiver.StartAsync([]);
        var dataDirectory = TempDirectory();
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?>
        {
            ["Hub:Directory:Path"] = AgencyDirectoryFile.WithWebhook(dataDirectory, "bjz-noord-brabant", receiver.Url),
        }, dataDirectory);

        var id = await hub.SubmitAsync(Messages.Handover());
        await hub.WaitForStateAsync(id, "delivered");

        receiver.Requests.Should().ContainSingle().Which.Signature.Should().BeNull();
    }

    static async Task<Hub.Outbox.OutboxStore.ParkedMessage> WaitForParkedAsync(TestHub hub)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if ((await hub.Get<Hub.Outbox.OutboxStore>().ParkedAsync()).FirstOrDefault() is { } parked)
                return parked;
            await Task.Delay(50);
        }
        throw new TimeoutException("nothing was parked\n" + hub.LogTail());
    }

    static string TempDirectory() => Path.Combine(Path.GetTempPath(), "hub-test-" + Guid.NewGuid().ToString("N")[..12]);
}
