using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Dapper;
using IntegrationHub.Hub.Outbox;
using IntegrationHub.Hub.Persistence;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.Tests.NeverLetGo;

/// <summary>
/// A retour for every message (issue 13 §6): each inbound message, whatever its channel, is answered in the sender's own
/// mailbox and format with {messageId, handoverId, status, codes}; a refusal names paths, never values; the same message
/// again gets no second answer. (Over AMQP: tests/IntegrationHub.IntegrationTests, Broker/RetourOverAmqpTests.)
/// </summary>
public class RetourTests : IAsyncLifetime
{
    TestHub _hub = null!;

    public async Task InitializeAsync() => _hub = await TestHub.StartAsync(TestHub.Simulated(AgencySamples.Now));

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    /// <summary>The retours in <paramref name="agency"/>'s mailbox once nothing is left to send: none still on its way.</summary>
    async Task<JsonArray> SettledRetoursAsync(string agency)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await _hub.Get<OutboxStore>().PendingCountAsync() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the outbox did not empty");
            await Task.Delay(50);
        }
        return await _hub.RetoursAsync(agency);
    }

    static JsonObject CanonicalOf(JsonNode mail) => JsonNode.Parse(mail["body"]!.GetValue<string>())!.AsObject();

    [Fact]
    public async Task A_handover_over_http_is_answered_in_the_sender_s_own_format_and_once_when_sent_again()
    {
        var handover = Messages.Handover();
        var id = await _hub.SubmitAsync(handover);

        var retour = (await _hub.WaitForRetoursAsync("school-de-regenboog", 1)).Single()!;
        retour["contentType"]!.GetValue<string>().Should().StartWith("text/csv");
        var csv = retour["body"]!.GetValue<string>();
        csv.Should().Contain("Retour;").And.Contain(";Aangenomen;").And.Contain(id.ToString()).And.Contain(handover["messageId"]!.GetValue<string>())
            .And.Contain("0200 Geen opmerking");

        var again = await _hub.PostHandoverAsync(handover);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the first answer again");
        (await SettledRetoursAsync("school-de-regenboog")).Should().ContainSingle("the same message again gets the first answer, once");
    }

    [Fact]
    public async Task A_refused_handover_is_answered_with_the_paths_and_never_a_value()
    {
        var bad = Messages.Handover();
        bad["subject"]!["bsn"] = "123456789";
        bad["subject"]!["birthDate"] = "2099-01-01";
        (await _hub.PostHandoverAsync(bad)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var csv = (await _hub.WaitForRetoursAsync("school-de-regenboog", 1)).Single()!["body"]!.GetValue<string>();
        csv.Should().Contain(";Afgekeurd;").And.Contain("8001").And.Contain("(/subject/bsn)").And.Contain("(/subject/birthDate)");
        csv.Should().NotContain("123456789").And.NotContain("Kevin").And.NotContain("Pietersdam").And.NotContain("2099");

        (await _hub.PostHandoverAsync(bad)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SettledRetoursAsync("school-de-regenboog")).Should().ContainSingle("a refusal too is answered once");
    }

    [Fact]
    public async Task Feedback_that_does_not_fit_comes_from_the_wrong_party_or_names_no_handover_is_answered_with_its_code()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.WaitForStateAsync(id, "delivered");

        (await _hub.FeedbackAsync(id, Messages.Feedback("progress", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _hub.FeedbackAsync(id, Messages.Feedback("retained", "bjz-noord-brabant"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await _hub.As("bjz-noord-brabant").FeedbackAsync(Guid.NewGuid(), Messages.Feedback("receipt", "bjz-noord-brabant"))).StatusCode
            .Should().Be(HttpStatusCode.NotFound);
        (await _hub.FeedbackAsync(id, Messages.Feedback("withdrawal", "bjz-noord-brabant", reason: "r"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var retours = (await _hub.WaitForRetoursAsync("bjz-noord-brabant", 4)).Select(r => r!["body"]!.GetValue<string>()).ToList();
        retours.Should().Contain(x => x.Contains("<Waarde>8004</Waarde>"), "progress does not fit a delivered handover");
        retours.Should().Contain(x => x.Contains("<Waarde>8003</Waarde>") && !x.Contains("<OverdrachtId>"), "an unknown handover is named by nothing");
        retours.Should().Contain(x => x.Contains("<Waarde>8006</Waarde>"), "a withdrawal is the sender's");
        foreach (var xml in retours)
            BjzXsd(xml).Should().BeEmpty();
    }

    [Fact]
    public async Task An_agency_sending_in_its_own_format_learns_its_handover_id_under_its_own_message_id()
    {
        var id = await _hub.PostAcceptedAsync("bjz", AgencySamples.BjzHandoverToCjg(), "application/xml");

        var xml = (await _hub.WaitForRetoursAsync("bjz-noord-brabant", 1)).Single()!["body"]!.GetValue<string>();
        BjzXsd(xml).Should().BeEmpty();
        var root = XDocument.Parse(xml).Root!;
        XNamespace ns = "urn:integrationhub:bjz:1.0";
        root.Name.LocalName.Should().Be("Retour");
        root.Element(ns + "ReferentieBerichtId")!.Value.Should().Be("BJZ-NB-2026-004711");
        root.Element(ns + "OverdrachtId")!.Value.Should().Be(id.ToString());
        root.Element(ns + "Status")!.Value.Should().Be("aangenomen");

        var lookup = await (await _hub.As("bjz-noord-brabant").GetAsync("/api/agencies/bjz-noord-brabant/retours?messageId=BJZ-NB-2026-004711")).ReadJsonAsync();
        lookup["retours"]!.AsArray().Should().ContainSingle().Which!["handoverId"]!.GetValue<string>().Should().Be(id.ToString());
    }

    [Fact]
    public async Task A_refused_fhir_message_is_answered_with_a_valid_operation_outcome()
    {
        var body = AgencySamples.WithBadBsn(AgencySamples.JgzKevinBundle(), "123456782");
        (await _hub.PostAdapterAsync("jgz", body, "application/fhir+json")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var retour = (await _hub.WaitForRetoursAsync("jgz-tilburg", 1)).Single()!;
        retour["contentType"]!.GetValue<string>().Should().Be("application/fhir+json");
        var json = retour["body"]!.GetValue<string>();
        FhirConformance.Violations(json).Should().BeEmpty();
        var outcome = JsonNode.Parse(json)!;
        outcome["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        outcome["issue"]!.AsArray().Should().Contain(i => i!["severity"]!.GetValue<string>() == "error" && i["details"]!["coding"]![0]!["code"]!.GetValue<string>() == "8001");
        outcome["extension"]!.AsArray().Should().Contain(e => e!["url"]!.GetValue<string>().EndsWith("retour-source-message") && e["valueString"]!.GetValue<string>() == "jgz-tilburg-referral-2026-0042");
        json.Should().NotContain("123456789");
    }

    [Fact]
    public async Task An_unreadable_message_is_answered_0001_and_a_message_naming_another_agency_8002()
    {
        (await _hub.PostAdapterAsync("veiligheidshuis", Encoding.UTF8.GetBytes("{\"type\": \"zorgmelding\", "), "application/json"))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var impostor = Messages.Handover(sender: "jgz-tilburg");
        (await _hub.As("cjg-tilburg").PostAsync("/api/handovers", Messages.Json(impostor))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var vhh = JsonNode.Parse((await _hub.WaitForRetoursAsync("veiligheidshuis-tilburg", 1)).Single()!["body"]!.GetValue<string>())!;
        vhh["type"]!.GetValue<string>().Should().Be("retour");
        vhh["status"]!.GetValue<string>().Should().Be("afgekeurd");
        vhh["codes"]![0]!["code"]!.GetValue<string>().Should().Be("0001");

        var cjg = CanonicalOf((await _hub.WaitForRetoursAsync("cjg-tilburg", 1)).Single()!);
        cjg["retour"]!["status"]!.GetValue<string>().Should().Be("refused");
        cjg["retour"]!["codes"]![0]!["code"]!.GetValue<string>().Should().Be("8002");
        cjg["retour"]!["codes"]![0]!["path"]!.GetValue<string>().Should().Be("/sender/agencyId");
        cjg["retour"]!["messageId"]!.GetValue<string>().Should().Be(impostor["messageId"]!.GetValue<string>());
        (await _hub.RetoursAsync("jgz-tilburg")).Should().BeEmpty("the agency named is not who sent it: only the sender hears");
    }

    [Fact]
    public async Task Every_accepted_message_is_answered_in_the_unit_that_accepts_it()
    {
        var id = await _hub.SubmitAsync(Messages.Handover());
        await _hub.FeedbackAsync(id, Messages.Feedback("receipt", "bjz-noord-brabant"));

        await using var connection = await _hub.Get<HubDatabase>().OpenAsync();
        var statuses = (await connection.QueryAsync<string>("SELECT status FROM retours WHERE handover_id = @Id ORDER BY at", new { Id = id.ToString() })).ToList();
        statuses.Should().Equal("accepted", "accepted");
    }

    [Fact]
    public async Task Once_the_record_of_an_answer_has_aged_out_the_same_message_again_is_answered_accepted_before()
    {
        var handover = Messages.Handover();
        var id = await _hub.SubmitAsync(handover);
        await _hub.WaitForRetoursAsync("school-de-regenboog", 1);
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = "P31D" }))).EnsureSuccessStatusCode();
        await _hub.Get<IntegrationHub.Hub.Retention.RetentionSweep>().RunAsync(default);

        (await _hub.PostHandoverAsync(handover)).StatusCode.Should().Be(HttpStatusCode.OK);

        var retours = await _hub.WaitForRetoursAsync("school-de-regenboog", 2);
        retours[1]!["body"]!.GetValue<string>().Should().Contain("0201 Eerder ontvangen").And.Contain(id.ToString());
    }

    static IReadOnlyList<string> BjzXsd(string xml) => Adapters.Bjz.BjzTestKit.XsdErrors(Encoding.UTF8.GetBytes(xml));
}
