using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Adapters.NeverLetGo;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>
/// What issue 13 added to the JGZ FHIR format: the re-route date on a rejected Task to the sender, the waiting list,
/// escalations on request with their acknowledgement date and re-notice, the hub's notices (Communication) and retours
/// (OperationOutcome), each valid R4. UPDATE_GOLDEN=1 rewrites the golden files; review the diff.
/// </summary>
public class JgzNeverLetGoTests
{
    const string Jgz = "jgz-tilburg";

    static JsonNode Render(AgencyMail mail)
    {
        var document = Adapter.Render(mail);
        document.ContentType.Should().Be("application/fhir+json");
        var json = Encoding.UTF8.GetString(document.Body);
        FhirConformance.Violations(json).Should().BeEmpty();
        return JsonNode.Parse(json)!;
    }

    public static TheoryData<string> Goldens() => new()
    {
        "outbound-feedback-rejection-reroute.task.json", "outbound-feedback-accepted-waiting.task.json",
        "outbound-escalation-request-renotice.communication.json", "outbound-notice-decision.communication.json",
        "outbound-retour-accepted.operationoutcome.json", "outbound-retour-refused.operationoutcome.json",
    };

    static AgencyMail MailFor(string golden) => golden switch
    {
        "outbound-feedback-rejection-reroute.task.json" => NeverLetGoMails.RerouteAfterRejection(Jgz),
        "outbound-feedback-accepted-waiting.task.json" => NeverLetGoMails.AcceptedWaiting(Jgz),
        "outbound-escalation-request-renotice.communication.json" => NeverLetGoMails.EscalationRenotice(Jgz),
        "outbound-notice-decision.communication.json" => NeverLetGoMails.Decision(Jgz),
        "outbound-retour-accepted.operationoutcome.json" => NeverLetGoMails.RetourAccepted(Jgz, "kevin-verwijzing-2027-01"),
        "outbound-retour-refused.operationoutcome.json" => NeverLetGoMails.RetourRefused(Jgz, "Task/fb-77/_history/3",
            "Bundle.entry[2].resource.identifier[0].value", "/subject/birthDate"),
        _ => throw new ArgumentOutOfRangeException(nameof(golden)),
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Renders_as_the_golden_resource_valid_R4(string golden) =>
        ShouldMatchGolden(Render(MailFor(golden)).ToJsonString(), golden);

    [Fact]
    public void A_rejected_task_to_the_sender_carries_the_re_route_date_and_the_suggested_agency()
    {
        var task = Render(NeverLetGoMails.RerouteAfterRejection(Jgz));

        task["status"]!.GetValue<string>().Should().Be("rejected");
        var extensions = task["extension"]!.AsArray();
        extensions.Should().Contain(e => e!["url"]!.GetValue<string>() == "urn:integrationhub:fhir:extension:reroute-due"
                                         && e["valueDateTime"]!.GetValue<string>() == "2027-02-08T10:00:00+01:00");
        extensions.Should().Contain(e => e!["url"]!.GetValue<string>() == "urn:integrationhub:fhir:extension:suggested-agency"
                                         && e["valueString"]!.GetValue<string>() == "gemeente-tilburg");
    }

    [Theory]
    [InlineData("accepted-waiting", "accepted")]
    [InlineData("aftercare-plan", "in-progress")]
    [InlineData("retained", "cancelled")]
    [InlineData("closed", "cancelled")]
    public void The_hub_s_feedback_kinds_render_on_their_status_with_a_business_status(string kind, string status)
    {
        var feedback = JsonNode.Parse($$"""
            { "schemaVersion": "1.0", "messageId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "kind": "{{kind}}", "by": { "agencyId": "bjz-noord-brabant" },
              "at": "2026-11-24T10:00:00+01:00", "reason": "reason text", "expectedStart": "2027-01-04", "reasonCode": "moved-away" }
            """)!.AsObject();

        var task = Render(JgzMails.Feedback(feedback));

        task["status"]!.GetValue<string>().Should().Be(status);
        task["businessStatus"]!["coding"]![0]!["code"]!.GetValue<string>().Should().Be(kind);
    }

    [Theory]
    [InlineData("accepted-waiting", "bjz-noord-brabant")]
    [InlineData("aftercare-plan", "bjz-noord-brabant")]
    [InlineData("retained", "jgz-tilburg")]
    [InlineData("closed", "jgz-tilburg")]
    public void What_the_hub_renders_for_the_new_kinds_a_JGZ_system_can_send_back(string kind, string by)
    {
        var feedback = JsonNode.Parse($$"""
            { "schemaVersion": "1.0", "messageId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "kind": "{{kind}}", "by": { "agencyId": "{{by}}" },
              "at": "2026-11-22T10:00:00+01:00", "reason": "Wachtlijst", "expectedStart": "2027-01-04", "reasonCode": "moved-away" }
            """)!.AsObject();
        var task = Render(JgzMails.Feedback(feedback));

        var result = Read(task);

        result.Problems.Should().BeEmpty();
        var canonical = JsonNode.Parse(result.Messages.Single().CanonicalJson)!;
        canonical["kind"]!.GetValue<string>().Should().Be(kind);
        canonical["by"]!["agencyId"]!.GetValue<string>().Should().Be(by);
        if (kind == "accepted-waiting")
        {
            canonical["expectedStart"]!.GetValue<string>().Should().Be("2027-01-04");
            canonical["reason"]!.GetValue<string>().Should().Be("Wachtlijst");
        }
        if (kind == "closed")
            canonical["reasonCode"]!.GetValue<string>().Should().Be("moved-away");
        result.Messages.Single().SourceMessageId.Should().StartWith("Task/");
    }

    [Fact]
    public void A_refused_retour_is_an_operation_outcome_of_errors_with_fhirpaths_and_no_value()
    {
        var outcome = Render(NeverLetGoMails.RetourRefused(Jgz, "Task/fb-77/_history/3", "Bundle.entry[2].resource.birthDate"));

        var issue = outcome["issue"]![0]!;
        issue["severity"]!.GetValue<string>().Should().Be("error");
        issue["code"]!.GetValue<string>().Should().Be("invalid");
        issue["details"]!["coding"]![0]!["code"]!.GetValue<string>().Should().Be("8001");
        issue["expression"]![0]!.GetValue<string>().Should().Be("Bundle.entry[2].resource.birthDate");
    }
}
