using IntegrationHub.Tests.Support;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

public class InboundGoldenTests
{
    [Fact]
    public void A_referral_bundle_becomes_the_golden_canonical_handover()
    {
        var result = Read(Golden("inbound-handover-kevin.bundle.json"));

        result.Problems.Should().BeEmpty();
        result.Malformed.Should().BeFalse();
        var handover = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundHandover>().Subject;
        ShouldMatchGolden(handover.CanonicalJson, "inbound-handover-kevin.expected.json");
    }

    [Fact]
    public void The_message_id_derives_from_the_bundle_id_so_a_resend_is_recognised()
    {
        var first = Read(Golden("inbound-handover-kevin.bundle.json")).Messages.Single();
        var again = Read(Golden("inbound-handover-kevin.bundle.json")).Messages.Single();

        var messageId = JsonNode.Parse(first.CanonicalJson)!["messageId"]!.GetValue<string>();
        messageId.Should().Be(DeterministicId.From("jgz", "jgz-tilburg-referral-2026-0042").ToString());
        again.CanonicalJson.Should().Be(first.CanonicalJson);
    }

    [Fact]
    public void Without_a_bundle_id_the_bundle_identifier_value_is_the_message_key()
    {
        var bundle = GoldenObject("inbound-handover-kevin.bundle.json");
        bundle.Remove("id");

        var json = Read(bundle).Messages.Single().CanonicalJson;

        JsonNode.Parse(json)!["messageId"]!.GetValue<string>().Should().Be(DeterministicId.From("jgz", "2026-0042").ToString());
    }

    [Fact]
    public void A_rejected_task_becomes_the_golden_canonical_rejection()
    {
        var result = Read(Golden("inbound-feedback-rejection.task.json"));

        result.Problems.Should().BeEmpty();
        var feedback = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundFeedback>().Subject;
        feedback.HandoverId.Should().Be(Guid.Parse("5b0e9a8c-2f61-4c7e-9d3a-7e1f0c2b4a60"));
        ShouldMatchGolden(feedback.CanonicalJson, "inbound-feedback-rejection.expected.json");
        JsonNode.Parse(feedback.CanonicalJson)!["messageId"]!.GetValue<string>()
            .Should().Be(DeterministicId.From("jgz", "T-0042/3").ToString());
    }

    [Fact]
    public void The_golden_inputs_are_valid_fhir_r4()
    {
        FhirSchema.Violations(Golden("inbound-handover-kevin.bundle.json")).Should().BeEmpty();
        FhirSchema.Violations(Golden("inbound-feedback-rejection.task.json")).Should().BeEmpty();
    }
}
