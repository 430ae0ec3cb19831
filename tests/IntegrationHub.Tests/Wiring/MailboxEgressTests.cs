using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.Wiring;

/// <summary>Egress on the embedded transport: mail rendered in the receiver's own format, kept in its mailbox only.</summary>
public class MailboxEgressTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task School_csv_in_becomes_bjz_xml_out_and_bjz_xml_feedback_becomes_school_csv()
    {
        var id = await _hub.PostAcceptedAsync("school", AgencySamples.SchoolKevinZat(), "text/csv");
        await _hub.WaitForStateAsync(id, "delivered");

        var bjz = (await _hub.WaitForMailAsync("bjz-noord-brabant", 1)).Should().ContainSingle().Subject!;
        bjz["kind"]!.GetValue<string>().Should().Be("handover");
        bjz["contentType"]!.GetValue<string>().Should().Be("application/xml");
        bjz["body"]!.GetValue<string>().Should().Contain("<BSN>123456782</BSN>").And.Contain(id.ToString());
        (await _hub.MailAsync("school-de-regenboog")).Should().BeEmpty("the sender gets no copy of the child's file");

        (await _hub.PostAdapterAsync("bjz", AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", id), "application/xml"))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        var school = (await _hub.WaitForMailAsync("school-de-regenboog", 1)).Should().ContainSingle().Subject!;
        school["contentType"]!.GetValue<string>().Should().StartWith("text/csv");
        school["body"]!.GetValue<string>().Should().Contain("Terugkoppeling;").And.Contain(";Ontvangen;");
        var next = school["seq"]!.GetValue<long>();
        (await _hub.MailAsync("school-de-regenboog", after: next)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_veiligheidshuis_care_report_reaches_the_cjg_as_canonical_mail()
    {
        var id = await _hub.PostAcceptedAsync("veiligheidshuis", AgencySamples.VhhHenkCareReport(), "application/json");

        var mail = (await _hub.WaitForMailAsync("cjg-tilburg", 1)).Should().ContainSingle().Subject!;
        mail["contentType"]!.GetValue<string>().Should().Be("application/json");
        var canonical = JsonNode.Parse(mail["body"]!.GetValue<string>())!;
        canonical["kind"]!.GetValue<string>().Should().Be("handover");
        canonical["mailId"]!.GetValue<string>().Should().Be(mail["mailId"]!.GetValue<string>());
        canonical["handover"]!["subject"]!["bsn"]!.GetValue<string>().Should().Be("234567892");
        canonical["handover"]!["handoverId"]!.GetValue<string>().Should().Be(id.ToString());
        (await _hub.MailAsync("veiligheidshuis-tilburg")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_mailbox_is_read_by_its_own_agency_only()
    {
        (await _hub.Http.GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _hub.As("school-de-regenboog").GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.Operator.GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.As("school-de-regenboog").GetAsync("/api/agencies/bjz-atlantis/mail")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _hub.As("bjz-noord-brabant").GetAsync("/api/agencies/bjz-noord-brabant/mail")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
