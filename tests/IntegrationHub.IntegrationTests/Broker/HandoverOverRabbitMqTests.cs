using System.Net;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>The spine on a real RabbitMQ node: HTTP in, the receiver's own queue out, nothing anywhere else.</summary>
[Collection(RabbitMqCollection.Name)]
public class HandoverOverRabbitMqTests(RabbitMqNode rabbit) : IAsyncLifetime
{
    TestHub _hub = null!;
    AgencyQueueReader _reader = null!;

    public async Task InitializeAsync()
    {
        _hub = await TestHub.StartAsync(rabbit.HubSettings);
        _reader = await AgencyQueueReader.ConnectAsync(rabbit);
        // Earlier tests in this collection may have left mail; start every agency's queue empty.
        foreach (var agency in Agencies)
            await _reader.DrainAsync(AgencyQueues.MailQueue(agency)).ContinueWith(_ => { });
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _hub.DisposeAsync();
    }

    static readonly string[] Agencies =
        ["school-de-regenboog", "school-vmbo-noord", "jgz-tilburg", "bjz-noord-brabant", "cjg-tilburg", "veiligheidshuis-tilburg", "gemeente-tilburg"];

    [Fact]
    public async Task A_handover_reaches_only_the_receivers_queue_and_its_receipt_only_the_senders()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");

        // BJZ reads its own XML format (delivery.format bjz-xml), not an envelope of the hub's.
        var bjz = (await _reader.WaitForAsync(AgencyQueues.MailQueue("bjz-noord-brabant"), 1)).Should().ContainSingle().Subject;
        bjz.ContentType.Should().Be("application/xml");
        bjz.Headers["x-hub-kind"].Should().Be("handover");
        bjz.Headers["x-hub-handover-id"].Should().Be(id.ToString());
        bjz.Text.Should().Contain("<BSN>123456782</BSN>").And.Contain(id.ToString());
        foreach (var other in Agencies.Where(a => a != "bjz-noord-brabant"))
            (await _reader.MailDepthAsync(AgencyQueues.MailQueue(other))).Should().Be(0, $"{other} must not see BJZ's mail");

        (await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await _hub.WaitForStateAsync(id, "receipt-confirmed");
        var school = (await _reader.WaitForAsync(AgencyQueues.MailQueue("school-de-regenboog"), 1)).Should().ContainSingle().Subject;
        school.ContentType.Should().StartWith("text/csv");
        school.Text.Should().Contain(";Ontvangen;");
        school.Text.Should().NotContain("123456782", "the sender gets the feedback, not the child's file back");

        // Each sent its message over HTTP and hears the hub's answer in its own queue, in its own format, once.
        var schoolRetour = (await _reader.RetoursAsync(AgencyQueues.MailQueue("school-de-regenboog"), 1)).Should().ContainSingle().Subject;
        schoolRetour.Text.Should().StartWith("Berichttype;").And.Contain("Retour;").And.Contain(";Aangenomen;").And.Contain(id.ToString());
        var bjzRetour = (await _reader.RetoursAsync(AgencyQueues.MailQueue("bjz-noord-brabant"), 1)).Should().ContainSingle().Subject;
        bjzRetour.Text.Should().Contain("<Retour").And.Contain("<Status>aangenomen</Status>");
    }

    [Fact]
    public async Task A_refused_handover_puts_nothing_on_the_broker()
    {
        var handover = Messages.Handover(receiver: "bjz-atlantis");
        handover["subject"]!["bsn"] = "123456789";
        handover.Remove("legalBasis");

        var response = await _hub.PostHandoverAsync(handover);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await Task.Delay(1000);
        foreach (var agency in Agencies)
            (await _reader.MailDepthAsync(AgencyQueues.MailQueue(agency))).Should().Be(0);
        // Only the sender's answer: refused, naming paths, not the value.
        var retour = (await _reader.RetoursAsync(AgencyQueues.MailQueue("school-de-regenboog"), 1)).Should().ContainSingle().Subject;
        retour.Text.Should().Contain(";Afgekeurd;").And.Contain("(/subject/bsn)").And.NotContain("123456789");

        // The receiver's queue does see a valid one, so the silence above means something.
        await _hub.SubmitAsync(Messages.Handover());
        await _reader.WaitForAsync(AgencyQueues.MailQueue("bjz-noord-brabant"), 1);
    }
}
