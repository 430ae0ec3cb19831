using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Adapters;
using static IntegrationHub.Tests.Adapters.Jgz.JgzTestKit;

namespace IntegrationHub.Tests.Adapters.Jgz;

/// <summary>What the adapter renders, it reads back as the same canonical content.</summary>
public class RoundTripTests
{
    [Fact]
    public void A_rendered_handover_reads_back_as_the_same_handover()
    {
        var original = JgzMails.KevinHandover();
        var body = Adapter.Render(JgzMails.Handover(original)).Body;

        var result = Adapter.Read(body, "application/fhir+json", Context);

        result.Problems.Should().BeEmpty();
        var back = JsonNode.Parse(result.Messages.Single().CanonicalJson)!.AsObject();
        back["handoverId"]!.GetValue<string>().Should().Be(JgzMails.HandoverId.ToString());
        // Identity and timing are the message's own; siblings and involved professionals have no FHIR home here yet.
        foreach (var field in new[] { "messageId", "handoverId", "sentAt", "involvedProfessionals" })
        {
            original.Remove(field);
            back.Remove(field);
        }
        original["family"]!.AsObject().Remove("siblings");
        JsonNode.DeepEquals(back, original).Should().BeTrue(Pretty(back.ToJsonString()));
    }

    [Fact]
    public void A_rendered_rejection_reads_back_as_the_same_rejection()
    {
        var body = Adapter.Render(JgzMails.Feedback(JgzMails.Rejection())).Body;

        var result = Adapter.Read(body, null, Context);

        result.Problems.Should().BeEmpty();
        var feedback = result.Messages.Single().Should().BeOfType<InboundFeedback>().Subject;
        feedback.HandoverId.Should().Be(JgzMails.HandoverId);
        var doc = JsonNode.Parse(feedback.CanonicalJson)!;
        doc["kind"]!.GetValue<string>().Should().Be("rejection");
        doc["by"]!["agencyId"]!.GetValue<string>().Should().Be("bjz-noord-brabant");
        doc["suggestedAgencyId"]!.GetValue<string>().Should().Be("cjg-tilburg");
        doc["reason"]!.GetValue<string>().Should().StartWith("No indication needed yet");
    }
}
