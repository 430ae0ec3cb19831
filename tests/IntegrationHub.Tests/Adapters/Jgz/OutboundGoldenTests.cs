using IntegrationHub.Tests.Support;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Messages;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

public class OutboundGoldenTests
{
    static string Render(AgencyMail mail)
    {
        var document = Adapter.Render(mail);
        document.ContentType.Should().Be("application/fhir+json");
        return Encoding.UTF8.GetString(document.Body);
    }

    /// <summary>The SDK's strict parse and validation, R4's invariants and HL7's JSON schema, for the document and each resource in it.</summary>
    static void ShouldBeValidFhir(string json) => FhirConformance.Violations(json).Should().BeEmpty();

    [Fact]
    public void A_handover_renders_as_the_golden_transaction_bundle()
    {
        var json = Render(JgzMails.Handover());

        ShouldMatchGolden(json, "outbound-handover-kevin.bundle.json");
        ShouldBeValidFhir(json);
    }

    [Fact]
    public void Resource_type_comes_first_in_every_rendered_resource()
    {
        var json = Render(JgzMails.Handover());
        var root = JsonNode.Parse(json)!.AsObject();

        root.First().Key.Should().Be("resourceType");
        foreach (var entry in root["entry"]!.AsArray())
            entry!["resource"]!.AsObject().First().Key.Should().Be("resourceType");
    }

    [Fact]
    public void A_handover_on_a_legal_duty_has_no_consent_but_a_coded_reason()
    {
        var handover = JgzMails.KevinHandover();
        handover["legalBasis"] = JsonNode.Parse("""{ "kind": "child-safety", "reference": "Meldcode huiselijk geweld, stap 5" }""");

        var json = Render(JgzMails.Handover(handover));

        ShouldBeValidFhir(json);
        var resources = JsonNode.Parse(json)!["entry"]!.AsArray().Select(e => e!["resource"]!).ToList();
        resources.Should().NotContain(r => r["resourceType"]!.GetValue<string>() == "Consent");
        var reason = resources.Single(r => r["resourceType"]!.GetValue<string>() == "Task")["reasonCode"]!;
        reason["coding"]![0]!["code"]!.GetValue<string>().Should().Be("child-safety");
        reason["text"]!.GetValue<string>().Should().Be("Meldcode huiselijk geweld, stap 5");
    }

    [Fact]
    public void A_rejection_renders_as_the_golden_rejected_task()
    {
        var json = Render(JgzMails.Feedback(JgzMails.Rejection()));

        ShouldMatchGolden(json, "outbound-feedback-rejection.task.json");
        ShouldBeValidFhir(json);
    }

    [Theory]
    [InlineData("receipt", "received")]
    [InlineData("care-started", "in-progress")]
    [InlineData("progress", "in-progress")]
    [InlineData("care-ended", "completed")]
    [InlineData("rejection", "rejected")]
    [InlineData("withdrawal", "cancelled")]
    public void Every_feedback_kind_renders_as_a_valid_task_with_its_status(string kind, string status)
    {
        var feedback = JsonNode.Parse($$"""
            { "schemaVersion": "1.0", "messageId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "kind": "{{kind}}",
              "by": { "agencyId": "bjz-noord-brabant" }, "at": "2026-11-24T10:00:00+01:00",
              "reason": "reason text", "plannedEndDate": "2027-05-31", "outcome": "outcome text", "note": "note text" }
            """)!.AsObject();

        var json = Render(JgzMails.Feedback(feedback));

        ShouldBeValidFhir(json);
        JsonNode.Parse(json)!["status"]!.GetValue<string>().Should().Be(status);
    }

    [Fact]
    public void An_escalation_renders_as_the_golden_communication()
    {
        var json = Render(JgzMails.Escalation());

        ShouldMatchGolden(json, "outbound-escalation-raised.communication.json");
        ShouldBeValidFhir(json);
        // Dutch first, English second; times in Amsterdam as dd-MM-yyyy HH:mm.
        var payload = JsonNode.Parse(json)!["payload"]!.AsArray();
        payload[0]!["contentString"]!.GetValue<string>().Should().Contain("Opschaling niveau 2 (management)").And.Contain("de termijn voor start zorg")
            .And.Contain("verstreken sinds 07-12-2026 09:16").And.Contain("Verantwoordelijke instantie: jgz-tilburg")
            .And.Contain("manager bij bjz-noord-brabant (H. Claassen, manager@bjz.example)");
        payload[1]!["contentString"]!.GetValue<string>().Should().Contain("level 2 (management)").And.Contain("care-started")
            .And.Contain("07-12-2026 09:16").And.Contain("Responsible agency: jgz-tilburg")
            .And.Contain("manager at bjz-noord-brabant (H. Claassen, manager@bjz.example)");
    }

    [Fact]
    public void A_resolved_escalation_says_when_and_by_whom()
    {
        var json = Render(JgzMails.Escalation(AgencyMailKinds.EscalationResolved));

        ShouldBeValidFhir(json);
        var communication = JsonNode.Parse(json)!;
        communication["status"]!.GetValue<string>().Should().Be("completed");
        communication["payload"]![0]!["contentString"]!.GetValue<string>()
            .Should().Contain("is opgelost op 10-12-2026 11:00 door bjz-noord-brabant");
        communication["payload"]![1]!["contentString"]!.GetValue<string>()
            .Should().Contain("is resolved at 10-12-2026 11:00 by bjz-noord-brabant");
    }

    [Fact]
    public void A_redelivered_mail_renders_byte_for_byte_the_same()
    {
        Adapter.Render(JgzMails.Handover()).Body.Should().Equal(Adapter.Render(JgzMails.Handover()).Body);
    }
}
