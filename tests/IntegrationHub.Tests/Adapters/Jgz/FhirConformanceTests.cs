using System.Text.Json.Nodes;
using IntegrationHub.Tests.Support;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>
/// The conformance check every emitted resource must pass has to be able to fail, in each of its
/// parts, on exactly the defects the hand-written adapter had; otherwise "valid FHIR" means nothing.
/// </summary>
public class FhirConformanceTests
{
    static JsonObject Handover() => GoldenObject("outbound-handover-kevin.bundle.json");

    static JsonObject Resource(JsonObject bundle, string type) =>
        bundle["entry"]!.AsArray().Select(e => e!["resource"]!.AsObject()).Single(r => r["resourceType"]!.GetValue<string>() == type);

    static IReadOnlyList<string> Violations(JsonNode node) => FhirConformance.Violations(node.ToJsonString());

    [Fact]
    public void The_golden_outputs_pass()
    {
        Violations(Handover()).Should().BeEmpty();
        Violations(GoldenObject("outbound-feedback-rejection.task.json")).Should().BeEmpty();
        Violations(GoldenObject("outbound-escalation-raised.communication.json")).Should().BeEmpty();
    }

    [Fact]
    public void A_consent_without_policy_or_policy_rule_breaks_ppc_1()
    {
        var bundle = Handover();
        Resource(bundle, "Consent").Remove("policyRule");

        // The JSON schema cannot see this; the invariant, evaluated with the SDK's FHIRPath engine, can.
        FhirSchema.Violations(bundle.ToJsonString()).Should().BeEmpty();
        Violations(bundle).Should().ContainSingle().Which.Should().StartWith("invariant ppc-1 at Bundle.entry[7].resource");
    }

    [Theory]
    [InlineData("PractitionerRole", "code", """[ { "text": "" } ]""")]
    [InlineData("ServiceRequest", "note", """[ { "text": "" } ]""")]
    public void An_empty_string_fails_the_strict_parse(string type, string element, string value)
    {
        var bundle = Handover();
        Resource(bundle, type)[element] = JsonNode.Parse(value);

        Violations(bundle).Should().Contain(v => v.StartsWith("parse PVAL124", StringComparison.Ordinal));
    }

    [Fact]
    public void A_narrative_that_is_not_fhir_xhtml_fails_the_strict_parse()
    {
        var task = GoldenObject("outbound-feedback-rejection.task.json");
        task["text"]!["div"] = "<div>no namespace</div>";

        Violations(task).Should().Contain(v => v.StartsWith("parse PVAL115", StringComparison.Ordinal));
    }

    [Fact]
    public void A_task_modified_before_it_was_authored_breaks_inv_1()
    {
        var task = GoldenObject("outbound-feedback-rejection.task.json");
        task["authoredOn"] = "2026-11-24T10:00:00+01:00";

        Violations(task).Should().ContainSingle().Which.Should().StartWith("invariant inv-1 at Task");
    }

    [Fact]
    public void A_collection_bundle_with_requests_breaks_bdl_3()
    {
        var bundle = Handover();
        bundle["type"] = "collection";

        Violations(bundle).Should().ContainSingle().Which.Should().StartWith("invariant bdl-3 at Bundle");
    }

    [Fact]
    public void An_extension_with_both_a_value_and_extensions_breaks_ext_1()
    {
        var task = GoldenObject("outbound-feedback-rejection.task.json");
        task["extension"]![0]!["extension"] = JsonNode.Parse("""[ { "url": "x", "valueString": "y" } ]""");

        Violations(task).Should().Contain(v => v.StartsWith("invariant ext-1", StringComparison.Ordinal));
    }

    [Fact]
    public void An_element_r4_does_not_define_fails_the_parse_and_the_schema()
    {
        var task = GoldenObject("outbound-feedback-rejection.task.json");
        task["handoverState"] = "rejected";

        var violations = Violations(task);
        violations.Should().Contain(v => v.StartsWith("parse PVAL128", StringComparison.Ordinal));
        violations.Should().Contain(v => v.StartsWith("schema", StringComparison.Ordinal));
    }
}
