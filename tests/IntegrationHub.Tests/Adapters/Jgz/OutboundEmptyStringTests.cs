using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Contracts.Messages;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>
/// FHIR forbids empty strings. Whatever the hub is given (the canonical schemas are being tightened
/// separately), the renderer leaves an empty or blank text out instead of writing it.
/// </summary>
public class OutboundEmptyStringTests
{

    static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    static void ShouldHaveNoBlankStringAndBeValid(AgencyMail mail)
    {
        var json = Encoding.UTF8.GetString(Adapter.Render(mail).Body);
        Strings(JsonNode.Parse(json)).Should().NotContain(s => string.IsNullOrWhiteSpace(s));
        FhirConformance.Violations(json).Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_handover_with_blank_optional_texts_renders_without_them(string blank)
    {
        var handover = JgzMails.KevinHandover();
        handover["sender"]!["professional"] = new JsonObject { ["name"] = blank, ["role"] = blank, ["phone"] = blank, ["email"] = blank };
        handover["summary"] = blank;
        handover["legalBasis"]!["reference"] = blank;
        handover["concerns"]![0]!["description"] = blank;
        handover["subject"]!["address"] = new JsonObject { ["street"] = blank, ["houseNumber"] = blank, ["postalCode"] = blank, ["city"] = blank };
        handover["family"] = JsonNode.Parse($$"""{ "guardians": [ { "name": "{{blank}}", "relationship": "mother", "phone": "{{blank}}", "email": "{{blank}}" } ] }""");

        ShouldHaveNoBlankStringAndBeValid(JgzMails.Handover(handover));
    }

    [Fact]
    public void A_handover_on_a_legal_duty_with_a_blank_reference_renders_the_code_alone()
    {
        var handover = JgzMails.KevinHandover();
        handover["legalBasis"] = JsonNode.Parse("""{ "kind": "legal-obligation", "reference": "" }""");

        ShouldHaveNoBlankStringAndBeValid(JgzMails.Handover(handover));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Feedback_with_blank_texts_renders_without_them(string blank)
    {
        var feedback = JsonNode.Parse($$"""
            { "schemaVersion": "1.0", "messageId": "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "kind": "rejection",
              "by": { "agencyId": "bjz-noord-brabant" }, "reason": "{{blank}}", "suggestedAgencyId": "{{blank}}", "note": "{{blank}}", "outcome": "{{blank}}" }
            """)!.AsObject();

        ShouldHaveNoBlankStringAndBeValid(JgzMails.Feedback(feedback));
    }

    [Fact]
    public void An_escalation_whose_addressees_have_blank_names_renders_without_them()
    {
        var mail = JgzMails.Escalation();
        mail = mail with
        {
            Escalation = mail.Escalation! with
            {
                Addressees = [new EscalationAddressee { AgencyId = "bjz-noord-brabant", Role = "manager", Name = "", Email = "  " }],
                ResolvedBy = "",
            },
        };

        ShouldHaveNoBlankStringAndBeValid(mail);
    }
}
