using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Veiligheidshuis.VhhFixtures;

namespace IntegrationHub.Tests.Adapters.Veiligheidshuis;

public class VhhOutboundGoldenTests
{
    static readonly Guid HandoverId = Guid.Parse("5b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b");

    static AgencyMail Mail(string kind, string sender = "veiligheidshuis-tilburg", string receiver = "cjg-tilburg") => new()
    {
        MailId = Guid.Parse("c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f"),
        To = "veiligheidshuis-tilburg",
        Kind = kind,
        HandoverId = HandoverId,
        Sender = sender,
        Receiver = receiver,
        At = new DateTimeOffset(2027, 1, 25, 8, 45, 0, TimeSpan.Zero),
    };

    [Fact]
    public void CJG_tells_the_HCO_that_family_guidance_started()
    {
        var mail = Mail(AgencyMailKinds.Feedback) with
        {
            Feedback = JsonDocument.Parse("""
                { "schemaVersion": "1.0", "messageId": "0b4e8c1d-5f2a-4d3b-8e6f-1a2b3c4d5e6f", "kind": "care-started",
                  "at": "2027-01-25T09:30:00+01:00",
                  "by": { "agencyId": "cjg-tilburg", "professional": { "name": "S. Bos", "role": "gezinscoach", "phone": "013-5550500" } },
                  "plannedEndDate": "2027-07-31", "note": "Gezinsbegeleiding gestart; eerste huisbezoek gedaan." }
                """).RootElement.Clone(),
        };

        var document = Adapter.Render(mail);

        document.ContentType.Should().Be("application/json");
        MatchesJson("out-feedback-care-started.json", Encoding.UTF8.GetString(document.Body));
        JsonNode.Parse(document.Body)!["soort"]!.GetValue<string>().Should().Be("zorg-gestart");
    }

    [Fact]
    public void A_school_asks_the_Veiligheidshuis_for_a_case_meeting_about_Kevin()
    {
        var handover = JsonNode.Parse(RepoFiles.Read("docs", "examples", "handover-kevin-school-to-bjz.json"))!;
        handover["receiver"]!["agencyId"] = "veiligheidshuis-tilburg";
        handover["requestedAction"] = "case-meeting";
        var mail = Mail(AgencyMailKinds.Handover, "school-de-regenboog", "veiligheidshuis-tilburg") with
        {
            Handover = JsonDocument.Parse(handover.ToJsonString()).RootElement.Clone(),
        };

        var document = Adapter.Render(mail);

        MatchesJson("out-handover-kevin-school-to-vhh.json", Encoding.UTF8.GetString(document.Body));
        Encoding.UTF8.GetString(document.Body).Should().Contain("zorgcoördinator", "Dutch text stays readable, not \\u-escaped");
    }

    [Fact]
    public void An_overdue_start_of_care_escalates_to_management()
    {
        var mail = Mail(AgencyMailKinds.EscalationRaised) with
        {
            Escalation = new EscalationNotice
            {
                Level = 2,
                DeadlineKind = "care-started",
                OverdueSince = new DateTimeOffset(2027, 1, 29, 16, 0, 0, TimeSpan.Zero),
                ResponsibleAgency = "veiligheidshuis-tilburg",
                Addressees = [new() { AgencyId = "cjg-tilburg", Role = "manager", Name = "F. Mulder (hoofd CJG)", Email = "hoofd@cjg-tilburg.example" }],
            },
        };

        MatchesJson("out-escalation-raised.json", Encoding.UTF8.GetString(Adapter.Render(mail).Body));
    }

    [Fact]
    public void A_resolved_escalation()
    {
        var mail = Mail(AgencyMailKinds.EscalationResolved) with
        {
            Escalation = new EscalationNotice
            {
                Level = 1, DeadlineKind = "receipt", OverdueSince = new DateTimeOffset(2027, 1, 20, 8, 0, 0, TimeSpan.Zero),
                ResponsibleAgency = "veiligheidshuis-tilburg", Addressees = [],
                ResolvedAt = new DateTimeOffset(2027, 1, 25, 8, 45, 0, TimeSpan.Zero), ResolvedBy = "cjg-tilburg",
            },
        };

        var json = JsonNode.Parse(Adapter.Render(mail).Body)!;

        json["type"]!.GetValue<string>().Should().Be("opschaling-opgelost");
        json["termijn"]!.GetValue<string>().Should().Be("ontvangstbevestiging");
        json["opgelostDoor"]!.GetValue<string>().Should().Be("cjg-tilburg");
        json["opgelostOp"]!.GetValue<string>().Should().Be("2027-01-25T08:45:00+00:00");
    }

    [Fact]
    public void What_the_system_sends_back_as_feedback_it_receives_in_the_same_words()
    {
        foreach (var kind in new[] { "receipt", "rejection", "care-started", "progress", "care-ended", "withdrawal" })
        {
            var mail = Mail(AgencyMailKinds.Feedback) with
            {
                Feedback = JsonDocument.Parse($$"""{ "kind": "{{kind}}", "by": { "agencyId": "cjg-tilburg" }, "reason": "r" }""").RootElement.Clone(),
            };
            var soort = JsonNode.Parse(Adapter.Render(mail).Body)!["soort"]!.GetValue<string>();

            var inbound = Json("vhh-terugkoppeling-ontvangst.json");
            inbound["soort"] = soort;
            inbound["reden"] = "r";
            Read(inbound).Problems.Should().BeEmpty($"'{soort}' (from {kind}) must be a code the adapter reads");
        }
    }
}
