using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Adapters.NeverLetGo;
using static IntegrationHub.Tests.Adapters.Veiligheidshuis.VhhFixtures;

namespace IntegrationHub.Tests.Adapters.Veiligheidshuis;

/// <summary>
/// What issue 13 added to the Veiligheidshuis JSON: the re-route date and suggested agency on feedback to it as the
/// sender, the waiting list, escalations on request, the hub's notices and retours. UPDATE_GOLDEN=1 rewrites the golden
/// files; review the diff.
/// </summary>
public class VhhNeverLetGoTests
{
    const string Vhh = "veiligheidshuis-tilburg";

    static JsonNode Render(AgencyMail mail, string golden)
    {
        var json = Encoding.UTF8.GetString(Adapter.Render(mail).Body);
        MatchesJson(golden, json);
        return JsonNode.Parse(json)!;
    }

    [Fact]
    public void A_rejection_to_the_veiligheidshuis_as_sender_says_by_when_to_re_route_and_where_to()
    {
        var json = Render(NeverLetGoMails.RerouteAfterRejection(Vhh), "out-feedback-rejection-reroute.json");

        json["doorverwijzenUiterlijkOp"]!.GetValue<string>().Should().Be("2027-02-08T10:00:00+01:00");
        json["voorgesteldeInstantie"]!.GetValue<string>().Should().Be("gemeente-tilburg");
    }

    [Fact]
    public void The_waiting_list_says_when_care_is_expected()
    {
        var json = Render(NeverLetGoMails.AcceptedWaiting(Vhh), "out-feedback-accepted-waiting.json");

        json["soort"]!.GetValue<string>().Should().Be("wachtlijst");
        json["verwachteStart"]!.GetValue<string>().Should().Be("2027-03-01");
    }

    [Fact]
    public void An_escalation_on_request_sent_again()
    {
        var json = Render(NeverLetGoMails.EscalationRenotice(Vhh), "out-escalation-request-renotice.json");

        json["termijn"]!.GetValue<string>().Should().Be("verzoek");
        json["reden"]!.GetValue<string>().Should().Be("geen-capaciteit");
        json["bevestigenVoor"]!.GetValue<string>().Should().Be("2027-01-29T14:00:00+01:00");
        json["herinnering"]!.GetValue<bool>().Should().BeTrue();
        json["opschalingId"]!.GetValue<string>().Should().Be("2a7f6e8d-9cab-4a1f-84d3-2c1b0a9f8e76");
    }

    [Fact]
    public void A_decision_notice()
    {
        var json = Render(NeverLetGoMails.Decision(Vhh), "out-notice-decision.json");

        json["type"]!.GetValue<string>().Should().Be("melding");
        json["soort"]!.GetValue<string>().Should().Be("besluit");
        json["gegevens"]!["complyBy"]!.GetValue<string>().Should().Be("2027-02-15");
    }

    [Fact]
    public void Retours_accepted_and_refused()
    {
        var accepted = Render(NeverLetGoMails.RetourAccepted(Vhh, "VHH-ZM-2027-0042"), "out-retour-accepted.json");
        accepted["status"]!.GetValue<string>().Should().Be("aangenomen");
        accepted["retourOp"]!.GetValue<string>().Should().Be("VHH-ZM-2027-0042");
        accepted["overdrachtId"]!.GetValue<string>().Should().Be(NeverLetGoMails.HandoverId.ToString());

        var refused = Render(NeverLetGoMails.RetourRefused(Vhh, "VHH-ZM-2027-0043", "/jeugdige/bsn"), "out-retour-refused.json");
        refused["status"]!.GetValue<string>().Should().Be("afgekeurd");
        refused["codes"]![0]!["pad"]!.GetValue<string>().Should().Be("/jeugdige/bsn");
        refused["overdrachtId"].Should().BeNull();
    }

    [Fact]
    public void What_the_system_is_sent_for_the_hub_s_feedback_kinds_it_can_send_back()
    {
        foreach (var (kind, extra) in new[] { ("accepted-waiting", "\"expectedStart\": \"2027-03-01\""), ("aftercare-plan", "\"note\": \"n\""),
                     ("retained", "\"note\": \"n\""), ("closed", "\"reasonCode\": \"moved-away\"") })
        {
            var mail = NeverLetGoMails.AcceptedWaiting(Vhh) with
            {
                Feedback = System.Text.Json.JsonDocument.Parse($$"""{ "kind": "{{kind}}", "by": { "agencyId": "cjg-tilburg" }, "reason": "r", {{extra}} }""").RootElement.Clone(),
            };
            var rendered = JsonNode.Parse(Adapter.Render(mail).Body)!;

            var inbound = Json("vhh-terugkoppeling-ontvangst.json");
            inbound["soort"] = rendered["soort"]!.GetValue<string>();
            inbound["reden"] = "r";
            if (rendered["verwachteStart"] is { } start)
                inbound["verwachteStart"] = start.GetValue<string>();
            if (rendered["redenCode"] is { } code)
                inbound["redenCode"] = code.GetValue<string>();
            Read(inbound).Problems.Should().BeEmpty($"'{rendered["soort"]}' (from {kind}) must be a code the adapter reads");
        }
    }
}
