using System.Text.Json;
using IntegrationHub.Adapters;
using IntegrationHub.Contracts.Feedback;
using IntegrationHub.Contracts.Handover;
using IntegrationHub.Contracts.Json;
using static IntegrationHub.Tests.Adapters.Veiligheidshuis.VhhFixtures;

namespace IntegrationHub.Tests.Adapters.Veiligheidshuis;

public class VhhInboundGoldenTests
{
    static HandoverDocument Handover(InboundResult result)
    {
        result.Problems.Should().BeEmpty();
        var message = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundHandover>().Subject;
        return JsonSerializer.Deserialize<HandoverDocument>(message.CanonicalJson, HubJson.Options)!;
    }

    [Fact]
    public void Henks_police_care_report_becomes_a_care_handover_to_the_CJG()
    {
        var result = Read(Bytes("henk-zorgmelding.json"));

        var handover = Handover(result);
        MatchesJson("henk-zorgmelding.expected.json", result.Messages[0].CanonicalJson);
        handover.MessageId.Should().Be(DeterministicId.From("veiligheidshuis", "ZM-2027-00142"));
        handover.Sender.AgencyId.Should().Be("veiligheidshuis-tilburg");
        handover.Receiver.AgencyId.Should().Be("cjg-tilburg");
        handover.Purpose.Should().Be("care");
        handover.LegalBasis.Kind.Should().Be("child-safety");
        handover.Concerns[0].Domain.Should().Be("safety");
    }

    [Fact]
    public void Purpose_binding_the_police_registration_suspects_and_records_never_reach_the_canonical_handover()
    {
        var json = Read(Bytes("henk-zorgmelding.json")).Messages.Single().CanonicalJson;

        json.Should().NotContain("PL2000").And.NotContain("mishandeling").And.NotContain("antecedenten").And.NotContain("niet voor de hub");
    }

    [Fact]
    public void A_case_meeting_hands_Henk_over_to_BJZ_with_the_consent_of_parents_and_Henk()
    {
        var result = Read(Bytes("henk-casusoverleg-overdracht.json"));

        var handover = Handover(result);
        MatchesJson("henk-casusoverleg-overdracht.expected.json", result.Messages[0].CanonicalJson);
        handover.Purpose.Should().Be("protection");
        handover.LegalBasis.ConsentGivenBy.Should().Equal("parents", "youth");
        handover.InvolvedProfessionals!.Select(p => p.AgencyId).Should().Equal("school-de-regenboog", "cjg-tilburg");
        handover.Summary.Should().StartWith("Casusoverleg HCO van 22-01-2027: BJZ onderzoekt");
    }

    [Fact]
    public void A_case_meeting_confirms_receipt_of_a_handover_by_the_hubs_handover_id()
    {
        var result = Read(Bytes("vhh-terugkoppeling-ontvangst.json"));

        result.Problems.Should().BeEmpty();
        var message = result.Messages.Should().ContainSingle().Which.Should().BeOfType<InboundFeedback>().Subject;
        message.HandoverId.Should().Be(Guid.Parse("5b0f6c1e-2d3a-4e5f-8a9b-0c1d2e3f4a5b"));
        MatchesJson("vhh-terugkoppeling-ontvangst.expected.json", message.CanonicalJson);
        var feedback = JsonSerializer.Deserialize<FeedbackDocument>(message.CanonicalJson, HubJson.Options)!;
        feedback.Kind.Should().Be("receipt");
        feedback.MessageId.Should().Be(DeterministicId.From("veiligheidshuis", "TK-2027-0007"));
    }

    [Theory]
    [InlineData("ontvangst", "receipt")]
    [InlineData("afwijzing", "rejection")]
    [InlineData("zorg-gestart", "care-started")]
    [InlineData("voortgang", "progress")]
    [InlineData("zorg-beeindigd", "care-ended")]
    [InlineData("intrekking", "withdrawal")]
    public void Every_feedback_kind(string soort, string kind)
    {
        var json = Json("vhh-terugkoppeling-ontvangst.json");
        json["soort"] = soort;
        json["reden"] = "Besproken in het casusoverleg.";

        var message = Read(json).Messages.Should().ContainSingle().Subject;

        JsonDocument.Parse(message.CanonicalJson).RootElement.GetProperty("kind").GetString().Should().Be(kind);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var json = Json("vhh-terugkoppeling-ontvangst.json");
        json["gcosVersie"] = "4.2";
        json["notulen"] = new System.Text.Json.Nodes.JsonObject { ["tekst"] = "…" };

        Read(json).Messages.Should().ContainSingle();
    }

    [Fact]
    public void A_byte_order_mark_is_accepted()
    {
        Read([0xEF, 0xBB, 0xBF, .. Bytes("henk-zorgmelding.json")]).Messages.Should().ContainSingle();
    }
}
