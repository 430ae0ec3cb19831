using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using IntegrationHub.Hub.Delivery;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.Tests.Support;

namespace IntegrationHub.IntegrationTests.Chain;

/// <summary>
/// The Pietersdam scenario (BRIEF §9.1, issue 12's "done when") through the public contract only, on a private
/// RabbitMQ node and PostgreSQL cluster: the school's CSV for Kevin and the Veiligheidshuis's care report for Henk
/// arrive on their inbound queues, their signals match as a family, the Eindhoven table makes BJZ the coordinator,
/// the handover to BJZ is watched and escalates, and the feedback reaches the school's care coordinator, each agency
/// reading only its own queue, in its own format.
/// </summary>
[Collection(RabbitMqCollection.Name)]
public class PietersdamChainTests(RabbitMqNode rabbit, PostgresCluster postgres) : IAsyncLifetime
{
    const string School = "school-de-regenboog";
    const string Bjz = "bjz-noord-brabant";
    const string Cjg = "cjg-tilburg";
    const string Vhh = "veiligheidshuis-tilburg";
    const string Office = "gemeente-tilburg";

    TestHub _hub = null!;
    AgencyQueueReader _reader = null!;

    public async Task InitializeAsync()
    {
        var settings = rabbit.HubSettings;
        settings["Hub:Database:Provider"] = "postgres";
        settings["Hub:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        foreach (var (key, value) in TestHub.Simulated(AgencySamples.Now))
            settings[key] = value;
        _hub = await TestHub.StartAsync(settings);
        _reader = await AgencyQueueReader.ConnectAsync(rabbit);
        foreach (var agency in TestCredentials.AgencyIdsOfDemo())
            foreach (var queue in new[] { AgencyQueues.MailQueue(agency), AgencyQueues.InboundQueue(agency), AgencyQueues.InboundError(agency) })
                await _reader.PurgeAsync(queue);
    }

    public async Task DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task Pietersdam_signals_family_match_coordinator_handover_escalation_and_feedback_on_the_real_broker()
    {
        // Kevin: the school's ZAT refers him to BJZ (CSV in on its queue, BJZ XML out on BJZ's).
        await _reader.PublishAsync(AgencyQueues.InboundExchange(School), AgencySamples.SchoolKevinZat(), "text/csv");
        var referral = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Bjz), "handover")).Single();
        var kevin = Guid.Parse(referral.Headers["x-hub-handover-id"]);
        await _hub.WaitForStateAsync(kevin, "delivered");

        // Henk: the police care report through the Veiligheidshuis to the CJG (its JSON in, canonical out).
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Vhh), AgencySamples.VhhHenkCareReport(), "application/json");
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Cjg), "handover")).Single().Json["handover"]!["subject"]!["givenName"]!.GetValue<string>().Should().Be("Henk");

        // Both accepted handovers signalled their child for their sender (the covenants say so): a family match,
        // each party told in its own format with the other's contact only.
        var schoolMatch = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "match")).Single();
        schoolMatch.ContentType.Should().StartWith("text/csv");
        schoolMatch.Text.Should().Contain(";Gezin;").And.Contain(Vhh).And.Contain("E. Visser").And.NotContain("Henk").And.NotContain("234567892");
        var vhhMatch = (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Vhh), "match")).Single().Json;
        vhhMatch["soort"]!.GetValue<string>().Should().Be("gezin");
        vhhMatch["betrokkenen"]!.AsArray().Select(b => b!["naam"]!.GetValue<string>()).Should().Contain("M. de Vries");
        var familyId = vhhMatch["gezinId"]!.GetValue<string>();
        var schoolMatches = (await _hub.As(School).GetFromJsonAsync<JsonObject>("/api/signals/matches"))!["matches"]!.AsArray();
        schoolMatches.Should().ContainSingle().Which!["familyId"]!.GetValue<string>().Should().Be(familyId);
        (await _hub.As("school-vmbo-noord").GetFromJsonAsync<JsonObject>("/api/signals/matches"))!["matches"]!.AsArray().Should().BeEmpty();

        // Who coordinates, by the Eindhoven table: BJZ, since Kevin's referral involves it. BJZ reads the request in its XML and accepts.
        var asked = XDocument.Parse((await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Bjz), "notice")).Single().Text);
        XNamespace ns = "urn:integrationhub:bjz:1.0";
        asked.Root!.Name.LocalName.Should().Be("Melding");
        asked.Root.Element(ns + "Soort")!.Value.Should().Be("coordinator-assigned");
        Fact(asked, "familyId").Should().Be(familyId);
        Fact(asked, "rule").Should().Be("bjz-involved");
        (await _hub.As(Bjz).PostAsync($"/api/families/{familyId}/coordination", Messages.Json(new JsonObject
        {
            ["decision"] = "accept", ["professional"] = new JsonObject { ["name"] = "A. Jansen", ["role"] = "gezinsvoogd", ["phone"] = "013-5550400" },
        }))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "notice")).Single().Text.Should().Contain("coordinator-accepted").And.Contain(Bjz);

        // The handover to BJZ is watched: receipt (BJZ XML on its queue), then no start of care for ten working days.
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-ontvangst.xml", kevin), "application/xml");
        await _hub.WaitForStateAsync(kevin, "receipt-confirmed");
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "feedback")).Single().Text.Should().Contain(";Ontvangen;");
        (await _hub.Operator.PostAsync("/api/admin/clock", Messages.Json(new JsonObject { ["advance"] = "P14DT1H" }))).EnsureSuccessStatusCode();
        await _hub.WaitForViewAsync(kevin, v => v["escalations"]!.AsArray().Count >= 1);
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(Bjz), "escalation-raised")).Single().Text.Should().Contain("<Escalatie").And.Contain("start-zorg");
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "escalation-raised")).Single().Text.Should().Contain("Opschaling;");

        // BJZ starts care: the escalation is resolved and the school's care coordinator hears it in its CSV.
        await _reader.PublishAsync(AgencyQueues.InboundExchange(Bjz), AgencySamples.BjzFeedback("terugkoppeling-start-zorg.xml", kevin), "application/xml");
        await _hub.WaitForViewAsync(kevin, v => v["state"]!.GetValue<string>() == "care-started" && v["escalations"]!.AsArray().All(e => e!["resolvedAt"] is not null));
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "feedback")).Single().Text.Should().Contain(";Zorg gestart;");
        (await _reader.WaitForKindAsync(AgencyQueues.MailQueue(School), "escalation-resolved")).Should().ContainSingle();

        // The chain office's view of the family (a logged look with its purpose): BJZ coordinates, the brothers are one family.
        var family = (await _hub.Operator.GetFromJsonAsync<JsonObject>($"/api/operator/families/{familyId}?purpose=follow-up"))!;
        family["coordination"]!["coordinator"]!["agencyId"]!.GetValue<string>().Should().Be(Bjz);
        family["children"]!.GetValue<int>().Should().Be(2);
        family["matches"]!.AsArray().Should().NotBeEmpty();
        family["handovers"]!.AsArray().Select(h => h!["handoverId"]!.GetValue<string>()).Should().Contain(kevin.ToString());
        (await _hub.Operator.GetFromJsonAsync<JsonObject>("/api/operator/chain"))!["familiesWithoutCoordinator"]!.AsArray().Should().BeEmpty();
        foreach (var agency in new[] { School, Bjz, Cjg, Vhh, Office })
            (await _reader.DepthAsync(AgencyQueues.InboundError(agency))).Should().Be(0, $"nothing of {agency} was refused");
    }

    static string Fact(XDocument melding, string name)
    {
        XNamespace ns = "urn:integrationhub:bjz:1.0";
        return melding.Root!.Element(ns + "Gegevens")!.Elements(ns + "Gegeven").Single(g => g.Element(ns + "Naam")!.Value == name).Element(ns + "Waarde")!.Value;
    }
}
