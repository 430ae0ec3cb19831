using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Broker;

/// <summary>
/// Agencies on a real RabbitMQ node, each in its own format: bytes published to agency.{id}.inbound,
/// rendered mail read off agency.{id}.mail, refusals on agency.{id}.inbound.error (BRIEF §9 scenarios).
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class AdapterRoundTripTests(RabbitMqNode rabbit) : IAsyncLifetime
{
    const string School = "school-de-regenboog";
    const string Bjz = "bjz-noord-brabant";
    const string Cjg = "cjg-tilburg";
    const string Vhh = "veiligheidshuis-tilburg";
    const string Jgz = "jgz-tilburg";

    static readonly string[] Agencies =
        ["school-de-regenboog", "school-vmbo-noord", "jgz-tilburg", "bjz-noord-brabant", "cjg-tilburg", "veiligheidshuis-tilburg", "gemeente-tilburg"];

    TestHub _hub = null!;
    AgencyQueueReader _reader = null!;

    public async Task InitializeAsync()
    {
        var settings = rabbit.HubSettings;
        foreach (var (key, value) in TestHub.Simulated(AgencySamples.Now))
            settings[key] = value;
        _hub = await TestHub.StartAsync(settings);
        _reader = await AgencyQueueReader.ConnectAsync(rabbit);
        // The broker outlives each test's hub: start every agency's queues empty.
        foreach (var agency in Agencies)
            foreach (var queue in new[] { AgencyQueues.MailQueue(agency), AgencyQueues.InboundQueue(agency), AgencyQueues.InboundError(agency) })
                await _reader.PurgeAsync(queue);
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Adapter_school_csv_in_on_amqp_becomes_bjz_xml_on_the_bjz_queue()
    {
        await _reader.PublishAsync(AgencyQueues.InboundExchange(School), AgencySamples.SchoolKevinZat(), "text/csv");

        var mail = (await _reader.WaitForAsync(AgencyQueues.MailQueue(Bjz), 1)).Should().ContainSingle().Subject;
        mail.ContentType.Should().Be("application/xml");
        mail.Headers["x-hub-kind"].Should().Be("handover");
        var id = Guid.Parse(mail.Headers["x-hub-handover-id"]);
        Guid.TryParse(mail.MessageId, out _).Should().BeTrue("message-id is the mail id, for the agency's duplicate check");
        mail.Text.Should().Contain("<Overdracht").And.Contain("<BSN>123456782</BSN>").And.Contain(id.ToString());
        (await _hub.WaitForStateAsync(id, "delivered"))["sender"]!.GetValue<string>().Should().Be(School);
        await NoMailExceptAsync(Bjz);
    }

    [Fact]
    public async Task Adapter_bjz_xml_receipt_on_amqp_becomes_school_csv_on_the_school_queue()
    {
        var id = await HandoverFromSchoolAsync();

        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", id), "application/xml");

        await _hub.WaitForStateAsync(id, "receipt-confirmed");
        var mail = (await _reader.WaitForAsync(AgencyQueues.MailQueue(School), 1)).Should().ContainSingle().Subject;
        mail.ContentType.Should().StartWith("text/csv");
        mail.Headers["x-hub-kind"].Should().Be("feedback");
        mail.Text.Should().StartWith("Berichttype;").And.Contain($";{id};").And.Contain(";Ontvangen;");
    }

    [Fact]
    public async Task Adapter_bjz_xml_rejection_becomes_school_csv_feedback_and_the_school_still_holds_the_case()
    {
        var id = await HandoverFromSchoolAsync();

        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-afwijzing.xml", id), "application/xml");

        await _hub.WaitForStateAsync(id, "rejected");
        var mail = (await _reader.WaitForAsync(AgencyQueues.MailQueue(School), 1)).Should().ContainSingle().Subject;
        mail.Text.Should().Contain(";Afgewezen;").And.Contain("cjg-tilburg").And.Contain("Geen indicatie nodig");
    }

    [Fact]
    public async Task Adapter_veiligheidshuis_care_report_becomes_canonical_mail_for_the_cjg()
    {
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Vhh), AgencySamples.VhhHenkCareReport(), "application/json");

        var mail = (await _reader.WaitForAsync(AgencyQueues.MailQueue(Cjg), 1)).Should().ContainSingle().Subject;
        mail.ContentType.Should().Be("application/json");
        var canonical = mail.Json;
        canonical["kind"]!.GetValue<string>().Should().Be("handover");
        canonical["mailId"]!.GetValue<string>().Should().Be(mail.MessageId);
        canonical["sender"]!.GetValue<string>().Should().Be(Vhh);
        canonical["handover"]!["subject"]!["bsn"]!.GetValue<string>().Should().Be("234567892");
        await NoMailExceptAsync(Cjg);
    }

    [Fact]
    public async Task Adapter_refuses_a_bad_message_onto_the_error_queue_with_reason_and_original_bytes()
    {
        var body = AgencySamples.WithBadBsn(AgencySamples.SchoolKevinZat(), "123456782");

        await _reader.PublishAsync(AgencyQueues.InboundExchange(School), body, "text/csv");

        var error = (await _reader.WaitForAsync(AgencyQueues.InboundError(School), 1)).Should().ContainSingle().Subject;
        error.Body.Should().Equal(body);
        error.Headers["x-original-content-type"].Should().Be("text/csv");
        var reasons = JsonNode.Parse(error.Headers["x-reject-reason"])!.AsArray();
        reasons.Select(r => r!["path"]!.GetValue<string>()).Should().Contain("/rows/1/BSN");
        (await _reader.DepthAsync(AgencyQueues.InboundQueue(School))).Should().Be(0, "the refused message is acknowledged, not redelivered");
        (await CountAsync("SELECT COUNT(*) FROM rejects WHERE channel = 'amqp:hub.inbound.school-de-regenboog'")).Should().Be(1);
        (await CountAsync("SELECT COUNT(*) FROM handover_submissions")).Should().Be(0, "nothing refused reaches the saga");
        await NoMailExceptAsync();
    }

    [Fact]
    public async Task Over_amqp_an_agency_learns_its_handover_id_from_the_retour_in_its_own_queue_and_format_once()
    {
        var body = AgencySamples.BjzHandoverToCjg();
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), body, "application/xml");
        var handover = (await _reader.WaitForAsync(AgencyQueues.MailQueue(Cjg), 1)).Single();
        var id = handover.Headers["x-hub-handover-id"];

        var retour = (await _reader.RetoursAsync(AgencyQueues.MailQueue(Bjz), 1)).Should().ContainSingle().Subject;
        retour.ContentType.Should().Be("application/xml");
        retour.Text.Should().Contain("<ReferentieBerichtId>BJZ-NB-2026-004711</ReferentieBerichtId>").And.Contain($"<OverdrachtId>{id}</OverdrachtId>")
            .And.Contain("<Status>aangenomen</Status>").And.Contain("<Waarde>0200</Waarde>");

        // The same message again (BJZ's own retry): the first answer stands, and no second copy of the handover either.
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), body, "application/xml");
        await Task.Delay(1500);
        (await _reader.RetoursAsync(AgencyQueues.MailQueue(Bjz))).Should().ContainSingle("the same message again gets the first answer, once");
        (await _reader.MailDepthAsync(AgencyQueues.MailQueue(Cjg))).Should().Be(0);
    }

    [Fact]
    public async Task Over_amqp_a_refused_message_is_answered_in_the_senders_queue_without_a_value()
    {
        var body = AgencySamples.WithBadBsn(AgencySamples.VhhHenkCareReport(), "234567892");
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Vhh), body, "application/json");

        await _reader.WaitForAsync(AgencyQueues.InboundError(Vhh), 1);
        var retour = (await _reader.RetoursAsync(AgencyQueues.MailQueue(Vhh), 1)).Should().ContainSingle().Subject.Json;
        retour["status"]!.GetValue<string>().Should().Be("afgekeurd");
        retour["codes"]!.AsArray().Select(c => c!["pad"]?.GetValue<string>()).Should().Contain("/jeugdige/bsn");
        retour.ToJsonString().Should().NotContain("123456789").And.NotContain("Henk");
    }

    [Fact]
    public async Task Adapter_refuses_a_message_sent_on_another_agencys_queue()
    {
        // Kevin's referral names school-de-regenboog as sender, but arrives on VMBO Noord's queue.
        await _reader.PublishAsync(AgencyQueues.InboundExchange("school-vmbo-noord"), AgencySamples.SchoolKevinZat(), "text/csv");

        var error = (await _reader.WaitForAsync(AgencyQueues.InboundError("school-vmbo-noord"), 1)).Should().ContainSingle().Subject;
        error.Headers["x-reject-reason"].Should().Contain("school-vmbo-noord").And.Contain("/sender/agencyId");
        (await CountAsync("SELECT COUNT(*) FROM handover_submissions")).Should().Be(0);
        await NoMailExceptAsync();
    }

    [Fact]
    public async Task Adapter_pietersdam_end_to_end()
    {
        // Kevin: the school's ZAT refers him to BJZ (CSV in, XML out).
        await _reader.PublishAsync(AgencyQueues.InboundExchange(School), AgencySamples.SchoolKevinZat(), "text/csv");
        var referral = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Bjz), "handover")).Single();
        var kevin = Guid.Parse(referral.Headers["x-hub-handover-id"]);
        referral.Text.Should().Contain("<Voornaam>Kevin</Voornaam>");

        // Henk: the police care report through the Veiligheidshuis to the CJG (JSON in, canonical out).
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Vhh), AgencySamples.VhhHenkCareReport(), "application/json");
        var henk = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Cjg), "handover")).Single().Json;
        henk["handover"]!["subject"]!["givenName"]!.GetValue<string>().Should().Be("Henk");
        henk["handover"]!["family"]!["siblings"]![0]!["bsn"]!.GetValue<string>().Should().Be("123456782", "the family link to Kevin travels along");

        // JGZ adds Kevin's health picture for BJZ (FHIR R4 in, BJZ XML out); BJZ's receipt reaches JGZ as a FHIR Task.
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Jgz), AgencySamples.JgzKevinBundle(), "application/fhir+json");
        // (BJZ's queue also carries the chain's notices meanwhile: asked to coordinate the family, a possible duplicate.)
        var fromJgz = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Bjz), "handover")).Single();
        fromJgz.Text.Should().Contain("<Overdracht").And.Contain("<BSN>123456782</BSN>");
        var jgzHandover = Guid.Parse(fromJgz.Headers["x-hub-handover-id"]);
        (await _hub.WaitForStateAsync(jgzHandover, "delivered"))["sender"]!.GetValue<string>().Should().Be(Jgz);
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", jgzHandover), "application/xml");
        await _hub.WaitForStateAsync(jgzHandover, "receipt-confirmed");
        var task = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Jgz), "feedback")).Single();
        task.ContentType.Should().Be("application/fhir+json");
        task.Json["resourceType"]!.GetValue<string>().Should().Be("Task");
        task.Json["status"]!.GetValue<string>().Should().Be("received");
        FhirSchema.Violations(task.Text).Should().BeEmpty("what JGZ receives is valid FHIR R4");

        // BJZ confirms receipt and starts care, in its XML; the school's care coordinator hears both as CSV.
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", kevin), "application/xml");
        await _hub.WaitForStateAsync(kevin, "receipt-confirmed");
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-start-zorg.xml", kevin), "application/xml");
        await _hub.WaitForStateAsync(kevin, "care-started");

        var feedback = await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "feedback", 2);
        feedback.Select(m => m.Headers["x-hub-kind"]).Should().Equal("feedback", "feedback");
        feedback[0].Text.Should().Contain(";Ontvangen;");
        feedback[1].Text.Should().Contain(";Zorg gestart;");
        foreach (var agency in Agencies)
            (await _reader.DepthAsync(AgencyQueues.InboundError(agency))).Should().Be(0, $"nothing of {agency} was refused");
    }

    async Task<Guid> HandoverFromSchoolAsync()
    {
        var id = await _hub.PostAcceptedAsync("school", AgencySamples.SchoolKevinZat(), "text/csv");
        await _hub.WaitForStateAsync(id, "delivered");
        await _reader.WaitForAsync(AgencyQueues.MailQueue(Bjz), 1);
        return id;
    }

    async Task NoMailExceptAsync(params string[] allowed)
    {
        await Task.Delay(300);
        foreach (var agency in Agencies.Except(allowed))
            (await _reader.MailDepthAsync(AgencyQueues.MailQueue(agency))).Should().Be(0, $"{agency} must not receive this mail (its retours aside)");
    }

    async Task<long> CountAsync(string sql)
    {
        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
